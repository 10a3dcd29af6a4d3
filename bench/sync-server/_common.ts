// Shared by the sync-server benchmarks (the leading underscore keeps bench/run.ts from running it).
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { FULL_MARKS_ANSWERS } from '@jiuting/questionnaire/testing';

export const ANSWER_SETS = [
  FULL_MARKS_ANSWERS,
  {
    q1: 'B',
    q2: 'F',
    q3: 'B',
    q4: 'C',
    q5: 'B',
    q6: 'C',
    q7: 'B',
    q8: 'B',
    q9: 'C',
    q10: ['A', 'C'],
    q11: ['D'],
  },
  {
    q1: 'A',
    q2: 'D',
    q3: 'A',
    q4: 'E',
    q5: 'A',
    q6: 'A',
    q7: 'B',
    q8: 'C',
    q9: 'D',
    q10: ['H'],
    q10Other: '楼道灯不亮',
    q11: ['G'],
    q11Other: '增加停车位',
    q12: '希望居委会多组织邻里活动，及时处理电瓶车充电问题。',
  },
];

/** A realistic survey response as a phone sends it. */
export function surveyItem(i: number, communityCode: string): Record<string, unknown> {
  return {
    kind: 'survey',
    id: randomUUID(),
    questionnaireId: 'jiuting-2025',
    questionnaireVersion: 1,
    communityCode,
    householdAddress: `${(i % 60) + 1}号楼${(Math.floor(i / 60) % 6) + 1}单元${(i % 18) + 101}室`,
    channel: 'door',
    collectedAt: new Date(Date.UTC(2025, 10, 20, 2) + i * 1000).toISOString(),
    answers: ANSWER_SETS[i % ANSWER_SETS.length],
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z, load average ${loadavg()[0]?.toFixed(2)}`;
}
