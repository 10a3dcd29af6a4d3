import type { YearsAnswer } from '@jiuting/api-contract';
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { dashboardKeys } from './dashboard-keys.ts';

// The assessment year every dashboard view reads (coverage, collectors, review, quality,
// exports). Undefined until a coordinator picks one: the server then answers for the open year.

interface YearChoice {
  readonly year: number | undefined;
  readonly setYear: (year: number | undefined) => void;
}

const DashboardYearContext = createContext<YearChoice>({ year: undefined, setYear: () => {} });

export function DashboardYearProvider({ children }: { children: ReactNode }) {
  const [year, setYear] = useState<number | undefined>(undefined);
  return (
    <DashboardYearContext.Provider value={{ year, setYear }}>
      {children}
    </DashboardYearContext.Provider>
  );
}

/** The year the views ask for; undefined: the open year (the server's default). */
export function useDashboardYear(): number | undefined {
  return useContext(DashboardYearContext).year;
}

const stateLabel = (y: YearsAnswer['years'][number], current: number) =>
  y.rawDeletedAt
    ? '（已锁定，原始答卷已按期删除）'
    : y.state === 'locked'
      ? '（已锁定，只读）'
      : y.year === current
        ? '（进行中）'
        : '（未锁定）';

/** The year picker in the dashboard's header; it starts on the open year. */
export function YearPicker() {
  const api = useApi();
  const { year, setYear } = useContext(DashboardYearContext);
  const years = useQuery({
    queryKey: dashboardKeys.years(),
    queryFn: () => api.json<YearsAnswer>('GET', '/api/assessment/years'),
  });
  const data = years.data;
  // Before any year is created the server counts everything in its first year: nothing to pick.
  if (!data || data.years.length === 0) return null;
  return (
    <label className="year-picker">
      <span>考核年度</span>
      <select
        value={year ?? data.currentYear}
        onChange={(e) => {
          const picked = Number(e.target.value);
          setYear(picked === data.currentYear ? undefined : picked);
        }}
      >
        {data.years.map((y) => (
          <option key={y.year} value={y.year}>
            {y.year} 年度{stateLabel(y, data.currentYear)}
          </option>
        ))}
      </select>
    </label>
  );
}
