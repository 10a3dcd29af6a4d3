import { DEFAULT_YEAR_SETTINGS, type YearSettings } from '@jiuting/scorecard';
import { useState } from 'react';
import type { CommunityResult } from './assessment-api.ts';
import { BonusEditor } from './BonusEditor.tsx';
import { DeductionsEditor } from './DeductionsEditor.tsx';
import { ProposalsPanel } from './ProposalsPanel.tsx';
import { SatisfactionEditor } from './SatisfactionEditor.tsx';

// A coordinator's entries for one community: honours and self-governance cases (加分), deduction
// cases (扣分) and the satisfaction override, one editor each. Each list is saved whole.

export function AdjustmentsView({
  year,
  rows,
  locked,
  settings = DEFAULT_YEAR_SETTINGS,
}: {
  year: number;
  rows: readonly CommunityResult[];
  locked: boolean;
  /** The year's case points and cap, which the case choices follow. */
  settings?: YearSettings;
}) {
  const [code, setCode] = useState(rows[0]?.code ?? '');
  const row = rows.find((r) => r.code === code);
  return (
    <div className="adjustments">
      <label className="field">
        <span>居民区</span>
        <select value={code} onChange={(e) => setCode(e.target.value)}>
          {rows.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}（{r.type}）
            </option>
          ))}
        </select>
      </label>
      {row ? (
        <div key={row.code} className="adjustment-panels">
          <ProposalsPanel year={year} communityCode={row.code} locked={locked} />
          {/* Keyed by the stored lists: an accepted proposal changes them, and a form still
              holding the old list must not save it back over the accepted entry. */}
          <BonusEditor
            key={JSON.stringify(row.bonusInput)}
            year={year}
            row={row}
            locked={locked}
            settings={settings}
          />
          <DeductionsEditor
            key={JSON.stringify(row.deductionsInput)}
            year={year}
            row={row}
            locked={locked}
          />
          <SatisfactionEditor year={year} row={row} locked={locked} />
        </div>
      ) : null}
    </div>
  );
}
