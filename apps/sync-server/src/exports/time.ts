import { shanghaiWallClock } from '@jiuting/questionnaire';

// The office reads Beijing time, which is Shanghai time: the questionnaire package's one
// Shanghai-time helper does the arithmetic. exceljs writes a Date's UTC fields into the cell, so
// a wall-clock Date makes the spreadsheet show what a clock in Jiuting showed.

/** `YYYY-MM-DD HH:mm:ss` in Beijing time, or the text unchanged when it is not a date-time. */
export function formatBeijing(iso: string): string {
  const wall = shanghaiWallClock(iso);
  return wall ? wall.toISOString().slice(0, 19).replace('T', ' ') : iso;
}

/** A calendar date (`YYYY-MM-DD`) as a Date at UTC midnight, so the cell shows that same day. */
export function calendarDate(isoDate: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return null;
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(ms) ? null : new Date(ms);
}
