import { dayMatches, parseCron, type CronSchedule } from './cron-schedule.ts';
import { civilFromDays, daysFromCivil, instantsOf, wallClockAt, zoneFormatter } from './zoned-clock.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** How far ahead to look for a next time: long enough for "Feb 29 on a Monday" (28 years). */
const SEARCH_DAYS = 366 * 28;

/**
 * The first instant strictly after `afterMs` at which the schedule fires in the formatter's zone, or
 * undefined when it never does (like "0 0 31 2 *"). Each minute of the schedule fires when the zone's
 * wall clock shows it (see `instantsOf` for clock changes).
 */
export function nextCronTime(schedule: CronSchedule, context: { afterMs: number; zone: Intl.DateTimeFormat }): number | undefined {
  const { afterMs, zone } = context;
  const now = wallClockAt(afterMs, zone);
  // One day back, so a wall time that an offset change moves past `afterMs` is still seen.
  const firstDay = daysFromCivil(now.year, now.month, now.day) - 1;
  for (let day = firstDay; day <= firstDay + SEARCH_DAYS; day++) {
    if (!dayMatches(schedule, civilFromDays(day))) continue;
    for (const hour of schedule.hours) {
      for (const minute of schedule.minutes) {
        const next = instantsOf(day * DAY_MS + (hour * 60 + minute) * MINUTE_MS, zone).find((instant) => instant > afterMs);
        if (next !== undefined) return next;
      }
    }
  }
  return undefined;
}

/** Whether a rule's window holds at an instant, or why the rule cannot be evaluated. */
export type CronWindowState = { readonly ok: true; readonly active: boolean } | { readonly ok: false; readonly message: string };

/**
 * Whether `instantMs` lies inside the window from a `start` to the next `end` (five-field cron, evaluated
 * in the IANA `timeZone`): TensorFusion's rule (reference §5.6), active when the next end comes before the
 * next start. Windows may cross midnight ("0 22 * * *" to "0 6 * * *"). The instant is an argument: the
 * caller reads it from the Clock port.
 */
export function cronWindowState(rule: { readonly start: string; readonly end: string }, at: { readonly instantMs: number; readonly timeZone: string }): CronWindowState {
  if (rule.start.trim() === rule.end.trim()) return { ok: false, message: `start and end must differ, got "${rule.start}" for both` };
  const start = parseCron(rule.start);
  const end = parseCron(rule.end);
  if (!start.ok) return { ok: false, message: `start ${start.message}` };
  if (!end.ok) return { ok: false, message: `end ${end.message}` };
  let zone: Intl.DateTimeFormat;
  try {
    zone = zoneFormatter(at.timeZone);
  } catch {
    return { ok: false, message: `time zone must be an IANA name like Europe/Berlin, got "${at.timeZone}"` };
  }
  const nextStart = nextCronTime(start.schedule, { afterMs: at.instantMs, zone });
  const nextEnd = nextCronTime(end.schedule, { afterMs: at.instantMs, zone });
  return { ok: true, active: nextEnd !== undefined && (nextStart === undefined || nextEnd < nextStart) };
}
