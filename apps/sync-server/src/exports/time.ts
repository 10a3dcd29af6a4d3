import { shanghaiWallClock } from '@jiuting/questionnaire';

/**
 * A Date whose UTC fields are the Beijing wall-clock time of `iso`: exceljs writes a Date's UTC
 * fields into the cell, so the spreadsheet shows what a clock in Jiuting showed. Null for text
 * that is not a date-time. The questionnaire package's one Shanghai-time helper (the office reads
 * Beijing time, which is Shanghai time).
 */
export const beijingWallClock = shanghaiWallClock;

/** `YYYY-MM-DD HH:mm:ss` in Beijing time, or the text unchanged when it is not a date-time. */
export function formatBeijing(iso: string): string {
  const wall = beijingWallClock(iso);
  return wall ? wall.toISOString().slice(0, 19).replace('T', ' ') : iso;
}

/** A calendar date (`YYYY-MM-DD`) as a Date at UTC midnight, so the cell shows that same day. */
export function calendarDate(isoDate: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return null;
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(ms) ? null : new Date(ms);
}
