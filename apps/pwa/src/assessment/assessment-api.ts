import type {
  AssessmentYear,
  AuditAnswer,
  HotlineAnswer,
  LockCheckAnswer,
  ProposalsAnswer,
  ResultsAnswer as Results,
  RetentionPlan,
  ScoringAnswer as Scoring,
  YearsAnswer,
} from '@jiuting/api-contract';
import type {
  CombinationRule,
  DeductionCase,
  Honour,
  SelfGovernanceCase,
} from '@jiuting/scorecard';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';

// The hooks that read /api/assessment/* (docs/api.md, "The comprehensive assessment"). Query keys come from one factory so a save invalidates exactly what it changed.

// Every answer's shape is inferred from the routes' schemas (@jiuting/api-contract).
export type {
  AssessmentYear,
  AuditEntry,
  CommunityResult,
  ConfirmedScore,
  DepartmentEntry,
  HotlineFigures,
  ItemScore,
  LockIssue,
  Proposal,
  ResultsAnswer as Results,
  RetentionApplied as RetentionResult,
  RetentionPlan,
  RetentionYear,
  ScoringAnswer as Scoring,
  ScoringItem,
} from '@jiuting/api-contract';
export type { CombinationRule, DeductionCase, Honour, SelfGovernanceCase };

/** What the lock accepted as incomplete, each with its reason. */
export type LockException = AssessmentYear['lockExceptions'][number];

/** A community as a department's scoring page lists it. */
export type AssessmentCommunity = Scoring['communities'][number];

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
    queryFn: () => api.json<ProposalsAnswer>('GET', `/api/assessment/${year}/proposals`),
  });
}

export function useLockCheck(year: number, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: assessmentKeys.lockCheck(year),
    queryFn: () => api.json<LockCheckAnswer>('GET', `/api/assessment/${year}/lock-check`),
    enabled,
  });
}

export function useYears() {
  const api = useApi();
  return useQuery({
    queryKey: assessmentKeys.years(),
    queryFn: () => api.json<YearsAnswer>('GET', '/api/assessment/years'),
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
    queryFn: () => api.json<AuditAnswer>('GET', `/api/assessment/${year}/audit`),
  });
}

export function useHotline(year: number) {
  const api = useApi();
  return useQuery({
    queryKey: assessmentKeys.hotline(year),
    queryFn: () => api.json<HotlineAnswer>('GET', `/api/assessment/${year}/hotline`),
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
