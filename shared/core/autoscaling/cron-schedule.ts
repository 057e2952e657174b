/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) as sets of allowed values,
 * with the rules of robfig/cron v3's standard parser, which TensorFusion's cron recommender uses:
 * `*` and `?`, lists `a,b`, ranges `a-b`, steps `*\/n`, `a-b/n` and `a/n` (a to the field's maximum),
 * month names JAN-DEC and weekday names SUN-SAT (0 = Sunday). When both day fields are restricted, a day
 * matches either; when one is `*` or `?`, the other decides (robfig's `dayMatches`).
 */
export interface CronSchedule {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  /** The day-of-month or day-of-week field is `*` or `?`: days match on both fields, not either. */
  readonly anyDay: boolean;
}

/** A parsed schedule, or why the text is not one. */
export type CronParse = { readonly ok: true; readonly schedule: CronSchedule } | { readonly ok: false; readonly message: string };

interface FieldRule {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

function valueOf(text: string, rule: FieldRule): number {
  const named = rule.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + (rule.name === 'month' ? 1 : 0);
  return /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
}

/** The values one comma-separated part allows, or a message; `star` when it is a bare `*` or `?` (step 1). */
function partValues(part: string, rule: FieldRule): { values: number[]; star: boolean } | string {
  const [range = '', stepText, extra] = part.split('/');
  const step = stepText === undefined ? 1 : Number(stepText);
  if (extra !== undefined || !Number.isInteger(step) || step < 1) return `${rule.name} step in "${part}" must be a whole number from 1`;
  const star = range === '*' || range === '?';
  const [lowText = '', highText, more] = range.split('-');
  const low = star ? rule.min : valueOf(lowText, rule);
  const high = star || (stepText !== undefined && highText === undefined) ? rule.max : highText === undefined ? low : valueOf(highText, rule);
  if (more !== undefined || !(low >= rule.min && high <= rule.max && low <= high)) {
    return `${rule.name} "${part}" must lie within ${rule.min}-${rule.max}`;
  }
  const values: number[] = [];
  for (let v = low; v <= high; v += step) values.push(v);
  return { values, star: star && step === 1 };
}

function fieldValues(field: string, rule: FieldRule): { values: number[]; star: boolean } | string {
  const values = new Set<number>();
  let star = false;
  for (const part of field.split(',')) {
    const parsed = partValues(part, rule);
    if (typeof parsed === 'string') return parsed;
    parsed.values.forEach((v) => values.add(v));
    star ||= parsed.star;
  }
  return { values: [...values].sort((a, b) => a - b), star };
}

/** Parse a five-field cron expression. */
export function parseCron(text: string): CronParse {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5) return { ok: false, message: `"${text}" must have five fields (minute hour day-of-month month day-of-week)` };
  const parsed = fields.map((field, i) => fieldValues(field, FIELDS[i] as FieldRule));
  const problem = parsed.find((p) => typeof p === 'string');
  if (problem !== undefined) return { ok: false, message: problem };
  const [minutes, hours, dom, months, dow] = parsed as { values: number[]; star: boolean }[] as [
    { values: number[]; star: boolean }, { values: number[]; star: boolean }, { values: number[]; star: boolean },
    { values: number[]; star: boolean }, { values: number[]; star: boolean },
  ];
  return {
    ok: true,
    schedule: {
      minutes: minutes.values, hours: hours.values, daysOfMonth: new Set(dom.values), months: new Set(months.values),
      daysOfWeek: new Set(dow.values), anyDay: dom.star || dow.star,
    },
  };
}

/** Whether the schedule allows the local date `day` (1-31) of `month` (1-12), a `weekday` (0 = Sunday). */
export function dayMatches(schedule: CronSchedule, date: { month: number; day: number; weekday: number }): boolean {
  if (!schedule.months.has(date.month)) return false;
  const dom = schedule.daysOfMonth.has(date.day);
  const dow = schedule.daysOfWeek.has(date.weekday);
  return schedule.anyDay ? dom && dow : dom || dow;
}
