/**
 * Wall-clock arithmetic in an IANA time zone without reading the clock: `Intl.DateTimeFormat` turns an
 * instant (epoch ms, given) into the zone's wall-clock fields, and civil-date arithmetic (Howard Hinnant's
 * days-from-civil) turns wall-clock fields back into numbers. "Wall ms" below is a wall-clock reading
 * written as if it were UTC epoch ms, so dates and times can be added like numbers.
 */

/** A local date and time. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date of a day count since 1970-01-01, and its weekday (0 = Sunday). */
export function civilFromDays(days: number): { year: number; month: number; day: number; weekday: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * mp + 2) / 5) + 1,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

/** A formatter for `timeZone` (throws RangeError for an unknown zone). Build one per decision and reuse it. */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
}

/** The wall clock of `instantMs` in the formatter's zone. */
export function wallClockAt(instantMs: number, zone: Intl.DateTimeFormat): WallClock {
  const fields: Record<string, number> = {};
  for (const part of zone.formatToParts(instantMs)) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  return { year: fields.year as number, month: fields.month as number, day: fields.day as number, hour: fields.hour as number, minute: fields.minute as number, second: fields.second as number };
}

/** A wall clock as wall ms. */
export function wallMsOf(clock: WallClock): number {
  return daysFromCivil(clock.year, clock.month, clock.day) * DAY_MS + ((clock.hour * 60 + clock.minute) * 60 + clock.second) * 1000;
}

/** The zone's offset from UTC at `instantMs`, in ms (wall ms − instant, to the second). */
export function offsetAt(instantMs: number, zone: Intl.DateTimeFormat): number {
  const whole = instantMs - (((instantMs % 1000) + 1000) % 1000);
  return wallMsOf(wallClockAt(whole, zone)) - whole;
}

/**
 * The instants whose wall clock reads `wallMs`, earliest first: one, two when clocks fall back (the
 * reading happens twice), and for a reading that clocks spring over, the instant the same time after
 * the gap (02:30 on a 02:00→03:00 night is 03:30), as JavaScript's Temporal does by default.
 */
export function instantsOf(wallMs: number, zone: Intl.DateTimeFormat): number[] {
  const before = offsetAt(wallMs - DAY_MS, zone);
  const after = offsetAt(wallMs + DAY_MS, zone);
  const candidates = before === after ? [wallMs - before] : [wallMs - before, wallMs - after].sort((a, b) => a - b);
  const valid = candidates.filter((instant) => offsetAt(instant, zone) === wallMs - instant);
  return valid.length > 0 ? valid : [wallMs - before];
}
