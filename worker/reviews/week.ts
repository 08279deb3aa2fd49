/**
 * Weeks in the workspace's time zone. A review covers Monday 00:00 to the next Monday 00:00 local time; the
 * instants are found with Intl (the only time-zone database a Worker has), so daylight-saving weeks come out
 * 167 or 169 hours long, as the wall clock says.
 */
const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The zone itself when Intl knows it, else UTC (a stored zone this runtime lacks must not break a request). */
export const knownZone = (timeZone: string | null | undefined) => (timeZone && isTimeZone(timeZone) ? timeZone : 'UTC');

/** True when the runtime knows the IANA zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Wall-clock time in the zone, read as if it were UTC (so date arithmetic stays plain), to the second. UTC, the
 * default zone, skips Intl: formatToParts was a twentieth of the program view's CPU under load.
 */
function wallClock(instant: number, timeZone: string): number {
  if (timeZone === 'UTC') return Math.floor(instant / 1000) * 1000;
  const parts = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
}

/** The local date (YYYY-MM-DD) and hour of an instant. */
export function localTime(instant: number, timeZone: string): { date: string; hour: number; weekday: number } {
  const wall = new Date(wallClock(instant, timeZone));
  return { date: wall.toISOString().slice(0, 10), hour: wall.getUTCHours(), weekday: (wall.getUTCDay() + 6) % 7 };
}

/** The instant local midnight starts `date` in the zone. */
export function localMidnight(date: string, timeZone: string): number {
  const target = Date.parse(`${date}T00:00:00Z`);
  let instant = target - (wallClock(target, timeZone) - target);
  instant -= wallClock(instant, timeZone) - target; // second pass settles a DST change between the guesses
  return instant;
}

export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The Monday on or before a date. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** True for a valid YYYY-MM-DD that is a Monday (false for anything else, so validation never throws). */
export const isMonday = (date: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && mondayOf(date) === date;

/** The last complete week at `now`: it starts the Monday before this week's Monday. */
export const lastCompleteWeek = (now: number, timeZone: string) => addDays(mondayOf(localTime(now, timeZone).date), -7);

export type Week = { weekStart: string; weekEnd: string; lastDay: string; from: string; to: string };

/** The week starting on a Monday: local dates, and the UTC instants [from, to) it spans. */
export function weekOf(weekStart: string, timeZone: string): Week {
  const weekEnd = addDays(weekStart, 7);
  return {
    weekStart,
    weekEnd,
    lastDay: addDays(weekStart, 6),
    from: new Date(localMidnight(weekStart, timeZone)).toISOString(),
    to: new Date(localMidnight(weekEnd, timeZone)).toISOString(),
  };
}

/** The hour of Monday morning (local) from which the cron builds last week's review. */
export const REVIEW_HOUR = 6;
