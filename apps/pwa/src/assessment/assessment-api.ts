import type {
  DeductionCase,
  GradeRule,
  Honour,
  SelfGovernanceCase,
  YearSettings,
} from '@jiuting/scorecard';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';

// Shapes of /api/assessment/* (docs/api.md, "The comprehensive assessment") and the hooks that
// read them. Query keys come from one factory so a save invalidates exactly what it changed.

export interface AssessmentYear {
  readonly year: number;
  readonly state: 'open' | 'locked';
  readonly createdAt: string;
  readonly lockedAt: string | null;
  readonly lockNote: string | null;
  /** The rule the year's grades follow (the scorecard's default until the team sets one). */
  readonly gradeRule?: GradeRule;
  /** What the lock accepted as incomplete, each with its reason. */
  readonly lockExceptions?: readonly LockException[];
  /** Case points and cap, interview share, coverage consequence (defaults until set). */
  readonly settings?: YearSettings;
  /** The questionnaire version the year collects with, and its collection window (Shanghai days). */
  readonly questionnaireVersion?: number;
  readonly collectionFrom?: string | null;
  readonly collectionTo?: string | null;
  /** When the retention rule deleted the year's raw answers; null while kept. */
  readonly rawDeletedAt?: string | null;
}

/** One year of the retention dry run (GET /api/retention). */
export interface RetentionYear {
  readonly year: number;
  readonly state: 'open' | 'locked';
  readonly lockedAt: string | null;
  readonly dueAt: string | null;
  readonly due: boolean;
  readonly rawDeletedAt: string | null;
  readonly responses: number;
  readonly interviewsWithText: number;
}

export interface RetentionPlan {
  readonly retentionYears: number;
  readonly checkedAt: string;
  readonly years: readonly RetentionYear[];
  /** Backup files a deletion now would prune. */
  readonly backups: readonly string[];
}

export interface RetentionResult extends RetentionPlan {
  readonly deleted: readonly { year: number; responses: number; interviews: number }[];
  readonly backup: string | null;
}

export interface LockException {
  readonly key: string;
  readonly kind: string;
  readonly message: string;
  readonly reason: string;
}

/** Something that stands between the year and its lock (GET …/lock-check). */
export interface LockIssue {
  readonly key: string;
  readonly kind: string;
  readonly message: string;
  readonly communityCode: string | null;
  readonly itemId: string | null;
}

export interface ScoringItem {
  readonly id: string;
  readonly title: string;
  readonly indicator: string;
  readonly maxPoints: number;
  readonly step: number;
  readonly subItems: readonly string[];
  readonly printedDepartments: string;
  readonly lead: boolean;
}

export interface ItemScore {
  readonly communityCode: string;
  readonly itemId: string;
  readonly points: number;
  readonly basis: string;
  readonly department: string;
  readonly enteredAt: string;
  readonly confirmedAt: string | null;
}

/** Another department's own entry, as the lead sees it beside its own. */
export interface DepartmentEntry {
  readonly communityCode: string;
  readonly itemId: string;
  readonly department: string;
  readonly departmentName: string;
  readonly points: number;
  readonly basis: string;
  readonly enteredByName: string;
  readonly enteredAt: string;
}

export type CombinationRule = 'lead' | 'mean';

export interface ConfirmedScore {
  readonly communityCode: string;
  readonly itemId: string;
  readonly points: number;
  readonly basis: string;
  readonly department: string;
  readonly combinationRule: CombinationRule;
  readonly confirmedAt: string | null;
}

export interface HotlineFigures {
  readonly communityCode: string;
  readonly ordersThisYear: number;
  readonly ordersLastYear: number;
  readonly satisfactionRate: number;
  readonly importedAt: string;
}

export interface AssessmentCommunity {
  readonly code: string;
  readonly name: string;
  readonly type: string;
}

export interface Scoring {
  readonly year: number;
  readonly state: 'open' | 'locked';
  readonly department: { readonly id: string; readonly name: string };
  readonly items: readonly ScoringItem[];
  readonly communities: readonly AssessmentCommunity[];
  /** This department's own entries. */
  readonly scores: readonly ItemScore[];
  /** Every department's entries for the items this department leads. */
  readonly entries: readonly DepartmentEntry[];
  /** The confirmed figures of this department's items. */
  readonly confirmed: readonly ConfirmedScore[];
  readonly hotline: readonly HotlineFigures[];
}

// The entries' shapes are the scorecard package's own.
export type { DeductionCase, Honour, SelfGovernanceCase };

export interface CommunityResult {
  readonly code: string;
  readonly name: string;
  readonly type: '导入居' | '村改居';
  /** null while 待定: not complete, and the year not locked. */
  readonly rank: number | null;
  readonly ofType: number;
  readonly grade: '优秀' | '良好' | '一般' | null;
  readonly total: number;
  readonly indicatorPoints: number;
  readonly complete: boolean;
  readonly missing: readonly string[];
  readonly pending: readonly string[];
  readonly items: Readonly<Record<string, number | null>>;
  readonly satisfaction: {
    readonly points: number | null;
    readonly source: 'survey' | 'override' | 'missing';
    readonly computed: number | null;
    readonly override: { points: number; reason: string; by: string; at: string } | null;
  };
  readonly bonus: { readonly points: number; readonly uncapped: number; readonly capped: boolean };
  readonly deductions: { readonly points: number; readonly capped: boolean };
  readonly bonusInput: { honours: Honour[]; cases: SelfGovernanceCase[] };
  readonly deductionsInput: DeductionCase[];
  readonly coverage?: {
    readonly surveyed: number;
    readonly total: number;
    readonly ratio: number;
    readonly meetsTarget: boolean;
  } | null;
  readonly interviews?: { readonly count: number; readonly meetsTarget: boolean } | null;
  /** Household coverage under the plan's 30% floor. */
  readonly coverageBelowFloor?: boolean;
}

export interface Results {
  readonly year: number;
  readonly state: 'open' | 'locked';
  readonly communities: readonly CommunityResult[];
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actorName: string;
  readonly action: string;
  readonly communityCode: string | null;
  readonly itemId: string | null;
  readonly oldValue: unknown;
  readonly newValue: unknown;
  readonly reason: string | null;
}

/** A department's proposed bonus or deduction entry (GET …/proposals). */
export interface Proposal {
  readonly id: number;
  readonly communityCode: string;
  readonly kind: 'honour' | 'case' | 'deduction';
  readonly entry: Honour | SelfGovernanceCase | DeductionCase;
  readonly evidence: string;
  readonly department: string;
  readonly proposedByName: string;
  readonly proposedAt: string;
  readonly state: 'proposed' | 'accepted' | 'refused';
  readonly decidedAt: string | null;
  readonly decisionReason: string | null;
}

export const assessmentKeys = {
  all: () => ['assessment'] as const,
  years: () => ['assessment', 'years'] as const,
  scoring: (year: number) => ['assessment', year, 'scoring'] as const,
  results: (year: number) => ['assessment', year, 'results'] as const,
  audit: (year: number) => ['assessment', year, 'audit'] as const,
  hotline: (year: number) => ['assessment', year, 'hotline'] as const,
  lockCheck: (year: number) => ['assessment', year, 'lock-check'] as const,
  proposals: (year: number) => ['assessment', year, 'proposals'] as const,
  retention: () => ['assessment', 'retention'] as const,
};

/** The retention rule's dry run: what a deletion now would remove. */
export function useRetentionPlan() {
  const api = useApi();
  return useQuery({
    queryKey: assessmentKeys.retention(),
    queryFn: () => api.json<RetentionPlan>('GET', '/api/retention'),
  });
}

export function useProposals(year: number) {
  const api = useApi();
  return useQuery({
    queryKey: assessmentKeys.proposals(year),
    queryFn: () => api.json<{ proposals: Proposal[] }>('GET', `/api/assessment/${year}/proposals`),
  });
}

export function useLockCheck(year: number, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: assessmentKeys.lockCheck(year),
    queryFn: () => api.json<{ issues: LockIssue[] }>('GET', `/api/assessment/${year}/lock-check`),
    enabled,
  });
}

export function useYears() {
  const api = useApi();
  return useQuery({
    queryKey: assessmentKeys.years(),
    queryFn: () => api.json<{ years: AssessmentYear[] }>('GET', '/api/assessment/years'),
  });
}

export function useScoring(year: number) {
  const api = useApi();
  return useQuery({
    queryKey: assessmentKeys.scoring(year),
    queryFn: () => api.json<Scoring>('GET', `/api/assessment/${year}/scoring`),
  });
}

export function useResults(year: number) {
  const api = useApi();
  return useQuery({
    queryKey: assessmentKeys.results(year),
    queryFn: () => api.json<Results>('GET', `/api/assessment/${year}/results`),
  });
}

export function useAudit(year: number) {
  const api = useApi();
  return useQuery({
    queryKey: assessmentKeys.audit(year),
    queryFn: () => api.json<{ entries: AuditEntry[] }>('GET', `/api/assessment/${year}/audit`),
  });
}

export function useHotline(year: number) {
  const api = useApi();
  return useQuery({
    queryKey: assessmentKeys.hotline(year),
    queryFn: () => api.json<{ rows: HotlineFigures[] }>('GET', `/api/assessment/${year}/hotline`),
  });
}

/** Any write: on success every assessment query is read again (table, audit, scoring). */
export function useAssessmentWrite<TBody, TAnswer = unknown>(method: string, path: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => api.json<TAnswer>(method, path, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all() }),
  });
}
