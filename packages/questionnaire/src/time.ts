// Days are counted in Shanghai, where the canvassing happens. China has kept UTC+8 without
// daylight saving since 1991, so a fixed offset is exact and needs no time-zone database.
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * A Date whose UTC fields are the Shanghai wall-clock time of an ISO time with any offset (what
 * a clock in Jiuting showed), or null for text that is not a date-time.
 */
export function shanghaiWallClock(isoTime: string): Date | null {
  const ms = Date.parse(isoTime);
  return Number.isFinite(ms) ? new Date(ms + SHANGHAI_OFFSET_MS) : null;
}

const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/**
 * The Shanghai calendar day (`YYYY-MM-DD`) of an ISO time with any offset. Throws a RangeError
 * for anything else, including a time outside the years 0000–9999 in Shanghai, which has no
 * `YYYY-MM-DD` (the schemas refuse such times long before this).
 */
export function shanghaiDay(isoTime: string): string {
  const wall = shanghaiWallClock(isoTime);
  const day = wall && wall.getUTCFullYear() >= 0 ? wall.toISOString().slice(0, 10) : '';
  if (!DAY.test(day))
    throw new RangeError(`not a time with a Shanghai day: ${isoTime.slice(0, 40)}`);
  return day;
}
