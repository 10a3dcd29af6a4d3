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

/** A UTC time as the server and the phones write it; hours, minutes and seconds in range (T24:00 is a time, T24:07 is not). */
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?Z$/;

/**
 * formatBeijing for a whole file: Beijing is UTC+8 all year, so only the hour changes, and a
 * year's times fall in a few thousand hours. Each hour is worked out once; parsing and
 * formatting 200,000 times one by one was a fifth of the CSV export's time.
 */
export function beijingFormatter(): (iso: string) => string {
  const hours = new Map<string, string | null>();
  return (iso) => {
    if (!UTC_TIME.test(iso)) return formatBeijing(iso);
    const hour = iso.slice(0, 13);
    let wall = hours.get(hour);
    if (wall === undefined) {
      const start = `${hour}:00:00Z`;
      const formatted = formatBeijing(start);
      wall = formatted === start ? null : formatted.slice(0, 13);
      if (hours.size < 100_000) hours.set(hour, wall);
    }
    return wall === null ? formatBeijing(iso) : wall + iso.slice(13, 19);
  };
}
