import type { FieldProgress as FieldProgressFigures } from '@jiuting/api-contract';
import { COVERAGE_TARGET, INTERVIEW_TARGET } from '@jiuting/questionnaire';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import { queryKeys } from '../api/query-keys.ts';
import type { CommunityCoverage, User } from '../api/types.ts';
import { useEngineStatus } from '../outbox-react/outbox-context.tsx';
import { formatTime } from '../ui/format.ts';
import { hrefOf } from '../ui/route.ts';
import './progress.css';

/** The parts of GET /api/coverage the home screen shows. */
interface FieldCoverage {
  readonly communities: readonly CommunityCoverage[];
  /** Absent from an answer remembered before the server sent it. */
  readonly fieldProgress?: FieldProgressFigures;
}

interface Remembered {
  readonly answer: FieldCoverage;
  readonly fetchedAt: number;
}

// The last answer, so the home screen in a stairwell shows the figures of the last sync (they
// are counts, no answers or addresses).
const KEY = 'jiuting:lastFieldProgress';

function recall(): Remembered | null {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as Remembered) : null;
  } catch {
    return null;
  }
}

function remember(value: Remembered): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    // Only the offline copy is lost.
  }
}

/** Households to reach 30% of the total (as the server's shortfall counts them). */
export function coverageTarget(totalHouseholds: number): number {
  return Math.ceil(totalHouseholds * COVERAGE_TARGET - 1e-9);
}

function useFieldCoverage(username: string) {
  const api = useApi();
  // Each sync that reached the server is a reason to ask again.
  const { lastSyncAt } = useEngineStatus();
  return useQuery<Remembered & { offline: boolean }>({
    queryKey: [...queryKeys.fieldProgress(username), lastSyncAt ?? 0],
    queryFn: async () => {
      try {
        const answer = await api.json<FieldCoverage>('GET', '/api/coverage');
        const fresh = { answer, fetchedAt: Date.now() };
        remember(fresh);
        return { ...fresh, offline: false };
      } catch (error) {
        const last = recall();
        if (last) return { ...last, offline: true };
        throw error;
      }
    },
    placeholderData: (previous) => previous,
    retry: false,
    staleTime: 30_000,
  });
}

/** Per assigned community: counted / target, shortfall, today, mine, interviews, the last sync. */
export default function FieldProgress({ user }: { user: User }) {
  const query = useFieldCoverage(user.username);
  const { lastSyncAt } = useEngineStatus();
  if (query.data === undefined) {
    return query.isError ? (
      <p className="muted">联网后显示本居民区的覆盖率进度。</p>
    ) : (
      <p className="loading">正在读取进度…</p>
    );
  }
  const { answer, fetchedAt, offline } = query.data;
  const mine = new Set(user.communities);
  const extra = new Map((answer.fieldProgress?.communities ?? []).map((c) => [c.code, c]));
  const rows = answer.communities.filter((c) => mine.has(c.code));
  return (
    <section className="field-progress" aria-label="覆盖率进度">
      {rows.map((c) => {
        const target = coverageTarget(c.totalHouseholds);
        const figures = extra.get(c.code);
        return (
          <article key={c.code} className="progress-card" data-testid={`progress-${c.code}`}>
            <h2>{c.name}</h2>
            <p>
              已计入 <strong>{c.surveyedHouseholds}</strong> / 目标 {target} 户（30%）
            </p>
            <progress max={Math.max(1, target)} value={Math.min(c.surveyedHouseholds, target)} />
            <p className={c.shortfall > 0 ? 'shortfall' : 'met'}>
              {c.shortfall > 0 ? `还差 ${c.shortfall} 户` : '已达到 30%'}
            </p>
            <p>
              今日 {figures?.today ?? '—'} 户 · 我的 {figures?.mine ?? '—'} 户
            </p>
            {user.role === 'interviewer' ? (
              <p>
                访谈 {c.interviews.total} / {INTERVIEW_TARGET} 人
              </p>
            ) : null}
            <a className="button" href={hrefOf({ name: 'visits', code: c.code })}>
              走访名单
            </a>
          </article>
        );
      })}
      <p className="muted">
        进度更新于 {formatTime(fetchedAt)}
        {offline ? '（离线，显示上次同步的数据）' : ''}
        {lastSyncAt !== undefined ? ` · 上次同步 ${formatTime(lastSyncAt)}` : ''}
      </p>
    </section>
  );
}
