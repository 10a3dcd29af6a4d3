import { QUESTIONS, questionById, SCORED_QUESTION_IDS } from './questionnaire.ts';
import { shanghaiWallClock } from './time.ts';

// Quality signals on survey responses (what Survey Solutions calls paradata). Each is evidence
// for a coordinator to look at, never a verdict: nothing here changes a count or a score, and
// every threshold is a named constant documented in the README.

/**
 * A fast reader takes in about 10 Chinese characters a second. A response whose first answer
 * and submit are closer than the time to read the required questions and their options once
 * was not read.
 */
export const READING_CHARS_PER_SECOND = 10;

/** The characters of the required questions and their options (what must be read to answer). */
export const REQUIRED_TEXT_CHARS = QUESTIONS.filter((q) => q.required).reduce(
  (sum, q) => sum + q.text.length + q.options.reduce((n, o) => n + o.label.length, 0),
  0,
);

/** Below this many seconds from first answer to submit a response is `too_fast`. */
export const MIN_FILL_SECONDS = Math.ceil(REQUIRED_TEXT_CHARS / READING_CHARS_PER_SECOND);

/**
 * `collector_burst`: this many door or phone responses by one collector within the window. A
 * visit or a call with 12 questions takes minutes; five in ten is one every two. Paper entry is
 * typing in forms already filled, fast by nature, and is left out.
 */
export const COLLECTOR_BURST_COUNT = 5;
export const COLLECTOR_BURST_MINUTES = 10;

/**
 * `fingerprint_burst`: this many QR answers from one coarse fingerprint within the window. The
 * fingerprint is a network (/24) and a browser, which neighbours on one carrier can share, so
 * the count is set well above a family's two or three.
 */
export const FINGERPRINT_BURST_COUNT = 5;
export const FINGERPRINT_BURST_MINUTES = 60;

/** `night`: a door or phone response collected from 22:00 to before 07:00, Shanghai time. */
export const NIGHT_START_HOUR = 22;
export const NIGHT_END_HOUR = 7;

/**
 * `door_above_qr`: a community whose counted door-to-door responses average this many points
 * (of 100) above its counted QR responses, with at least DOOR_ABOVE_QR_MIN_EACH of each so a
 * handful of answers cannot raise it.
 */
export const DOOR_ABOVE_QR_POINTS = 15;
export const DOOR_ABOVE_QR_MIN_EACH = 10;

export const RESPONSE_FLAGS = [
  'too_fast',
  'straight_lining',
  'collector_burst',
  'fingerprint_burst',
  'night',
] as const;
export type ResponseFlag = (typeof RESPONSE_FLAGS)[number];

/** What each flag means, in the coordinators' words, with its threshold. */
export const RESPONSE_FLAG_LABELS: Readonly<Record<ResponseFlag, string>> = {
  too_fast: `填写过快（从第一题到提交不足 ${MIN_FILL_SECONDS} 秒）`,
  straight_lining: '计分题（第3–9题）全部选最高分',
  collector_burst: `同一采集员 ${COLLECTOR_BURST_MINUTES} 分钟内上门或电话采集 ${COLLECTOR_BURST_COUNT} 户及以上`,
  fingerprint_burst: `同一设备网络 ${FINGERPRINT_BURST_MINUTES} 分钟内扫码提交 ${FINGERPRINT_BURST_COUNT} 份及以上`,
  night: `夜间采集（${NIGHT_START_HOUR}:00 至次日 ${NIGHT_END_HOUR}:00 上门或电话）`,
};

export const DOOR_ABOVE_QR_LABEL = `上门问卷平均分比扫码问卷高 ${DOOR_ABOVE_QR_POINTS} 分及以上（两者各至少 ${DOOR_ABOVE_QR_MIN_EACH} 份）`;

/** One stored response as the signals read it (the server reads these columns with SQL). */
export interface QualityRow {
  readonly id: string;
  readonly communityCode: string;
  /** The collector's account; null for a resident's own QR answer. */
  readonly collectorId: string | null;
  readonly channel: string;
  readonly collectedAt: string;
  /** From the paradata; null when the phone sent none. */
  readonly startedAt: string | null;
  /** The coarse QR fingerprint; null for anything else. */
  readonly fingerprint: string | null;
  /** The letters of the scored questions q3–q9. */
  readonly scored: Readonly<Record<string, string>>;
  readonly score: number;
  /** The household's counted response. */
  readonly counted: boolean;
}

export interface CommunityQualitySignal {
  readonly communityCode: string;
  readonly doorCount: number;
  readonly qrCount: number;
  /** Mean score of counted responses per channel, null without any. */
  readonly doorMean: number | null;
  readonly qrMean: number | null;
  readonly doorAboveQr: boolean;
}

/** Seconds from first answer to submit, or null without paradata or with a clock gone back. */
export function fillSeconds(row: Pick<QualityRow, 'startedAt' | 'collectedAt'>): number | null {
  if (row.startedAt === null) return null;
  const seconds = (Date.parse(row.collectedAt) - Date.parse(row.startedAt)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

export function isTooFast(row: Pick<QualityRow, 'startedAt' | 'collectedAt'>): boolean {
  const seconds = fillSeconds(row);
  return seconds !== null && seconds < MIN_FILL_SECONDS;
}

const BEST_LETTER: Readonly<Record<string, string>> = Object.fromEntries(
  SCORED_QUESTION_IDS.map((id) => {
    const options = questionById(id).options;
    const best = options.reduce((a, b) => ((b.points ?? 0) > (a.points ?? 0) ? b : a));
    return [id, best.letter];
  }),
);

/** Every scored question at its highest-scoring option. */
export function isStraightLined(row: Pick<QualityRow, 'scored'>): boolean {
  return SCORED_QUESTION_IDS.every((id) => row.scored[id] === BEST_LETTER[id]);
}

const IN_PERSON = new Set(['door', 'phone']);

export function isNight(row: Pick<QualityRow, 'channel' | 'collectedAt'>): boolean {
  if (!IN_PERSON.has(row.channel)) return false;
  const hour = shanghaiWallClock(row.collectedAt)?.getUTCHours();
  return hour !== undefined && (hour >= NIGHT_START_HOUR || hour < NIGHT_END_HOUR);
}

/**
 * The ids in any run of `count` rows (of one group) collected within `minutes`: every response
 * of such a run is flagged, not just the last one, so the whole burst opens together.
 */
function bursts(
  groups: ReadonlyMap<string, QualityRow[]>,
  count: number,
  minutes: number,
): Set<string> {
  const flagged = new Set<string>();
  const windowMs = minutes * 60_000;
  for (const rows of groups.values()) {
    if (rows.length < count) continue;
    const timed = rows
      .map((row) => ({ id: row.id, at: Date.parse(row.collectedAt) }))
      .filter((r) => Number.isFinite(r.at))
      .sort((a, b) => a.at - b.at);
    for (let end = count - 1; end < timed.length; end += 1) {
      const first = timed[end - count + 1] as { at: number };
      if ((timed[end] as { at: number }).at - first.at <= windowMs) {
        for (let i = end - count + 1; i <= end; i += 1)
          flagged.add((timed[i] as { id: string }).id);
      }
    }
  }
  return flagged;
}

function groupBy(
  rows: readonly QualityRow[],
  keyOf: (row: QualityRow) => string | null,
): Map<string, QualityRow[]> {
  const groups = new Map<string, QualityRow[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * The group whose bursts a response can be part of: its collector's (door or phone) or its QR
 * fingerprint's; null for neither. A response's flags depend only on itself and its group, so
 * a caller that keeps flags can recompute just the groups that new responses join.
 */
export function burstGroup(
  row: Pick<QualityRow, 'collectorId' | 'channel' | 'fingerprint'>,
): string | null {
  if (row.collectorId !== null && IN_PERSON.has(row.channel)) return `collector:${row.collectorId}`;
  if (row.channel === 'qr' && row.fingerprint !== null) return `fingerprint:${row.fingerprint}`;
  return null;
}

/** Each response's flags (responses without any are absent). Pass the valid responses of a year. */
export function responseFlags(rows: readonly QualityRow[]): Map<string, ResponseFlag[]> {
  const groups = groupBy(rows, burstGroup);
  const collectorBursts = bursts(
    new Map([...groups].filter(([key]) => key.startsWith('collector:'))),
    COLLECTOR_BURST_COUNT,
    COLLECTOR_BURST_MINUTES,
  );
  const fingerprintBursts = bursts(
    new Map([...groups].filter(([key]) => key.startsWith('fingerprint:'))),
    FINGERPRINT_BURST_COUNT,
    FINGERPRINT_BURST_MINUTES,
  );
  const flags = new Map<string, ResponseFlag[]>();
  for (const row of rows) {
    const mine: ResponseFlag[] = [];
    if (isTooFast(row)) mine.push('too_fast');
    if (isStraightLined(row)) mine.push('straight_lining');
    if (collectorBursts.has(row.id)) mine.push('collector_burst');
    if (fingerprintBursts.has(row.id)) mine.push('fingerprint_burst');
    if (isNight(row)) mine.push('night');
    if (mine.length > 0) flags.set(row.id, mine);
  }
  return flags;
}

function meanOf(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100;
}

/** Door-to-door against QR, per community, over counted responses. */
export function communitySignals(rows: readonly QualityRow[]): CommunityQualitySignal[] {
  const byCommunity = groupBy(rows, (r) => r.communityCode);
  return [...byCommunity.entries()].map(([communityCode, mine]) => {
    const door = mine.filter((r) => r.counted && r.channel === 'door').map((r) => r.score);
    const qr = mine.filter((r) => r.counted && r.channel === 'qr').map((r) => r.score);
    const doorMean = meanOf(door);
    const qrMean = meanOf(qr);
    const doorAboveQr =
      doorMean !== null &&
      qrMean !== null &&
      door.length >= DOOR_ABOVE_QR_MIN_EACH &&
      qr.length >= DOOR_ABOVE_QR_MIN_EACH &&
      // In hundredths: 64.02 − 49.02 is 14.999… as doubles, and the line is 15 as written.
      Math.round(doorMean * 100) - Math.round(qrMean * 100) >= DOOR_ABOVE_QR_POINTS * 100;
    return {
      communityCode,
      doorCount: door.length,
      qrCount: qr.length,
      doorMean,
      qrMean,
      doorAboveQr,
    };
  });
}
