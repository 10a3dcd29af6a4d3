import {
  INTERVIEW_GROUP_IDS,
  INTERVIEW_GROUPS,
  INTERVIEW_TARGET,
  interviewProgress,
} from '@jiuting/questionnaire';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import { queryKeys } from '../api/query-keys.ts';
import type { CoverageAnswer } from '../api/types.ts';
import { useOutbox } from '../outbox-react/outbox-context.tsx';
import { useLive } from '../outbox-react/use-live.ts';

/**
 * The community's way to 20 interviews and its mix of groups. The server's count (all
 * interviewers) when it can be reached; otherwise what this phone recorded.
 */
export function InterviewProgressPanel({ communityCode }: { communityCode: string }) {
  const { db } = useOutbox();
  const api = useApi();
  const coverage = useQuery({
    queryKey: queryKeys.coverage(),
    queryFn: () => api.json<CoverageAnswer>('GET', '/api/coverage'),
    retry: false,
  });
  const local = useLive(
    async () => {
      const items = await db.items.where('communityCode').equals(communityCode).toArray();
      const submitted = items.filter((i) => i.kind === 'interview' && i.state !== 'draft');
      const purged = (await db.counts.get(`interview:${communityCode}`))?.count ?? 0;
      const groups: Record<string, number> = {};
      for (const item of submitted) {
        const group = (item.payload as { group?: string } | undefined)?.group;
        if (group) groups[group] = (groups[group] ?? 0) + 1;
      }
      return { count: submitted.length + purged, groups };
    },
    `interviews:${db.name}:${communityCode}`,
    { count: 0, groups: {} as Record<string, number> },
  );
  const server = coverage.data?.communities.find((c) => c.code === communityCode);
  const count = server?.interviews.total ?? local.count;
  const groups = server?.interviews.byGroup ?? local.groups;
  const progress = interviewProgress(count);
  return (
    <div className="interview-progress">
      <p>
        {server?.interviews !== undefined ? '本居民区' : '本机'}已访谈 <strong>{count}</strong> /{' '}
        {INTERVIEW_TARGET} 人
        {progress.meetsTarget ? '（已达标）' : `，还差 ${progress.shortfall} 人`}
      </p>
      <progress max={INTERVIEW_TARGET} value={Math.min(count, INTERVIEW_TARGET)} />
      <ul className="group-mix">
        {INTERVIEW_GROUP_IDS.map((g) => (
          <li key={g}>
            {INTERVIEW_GROUPS[g]} {groups[g] ?? 0}
          </li>
        ))}
      </ul>
    </div>
  );
}
