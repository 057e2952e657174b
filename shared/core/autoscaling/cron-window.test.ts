import { describe, expect, it } from 'vitest';
import { parseCron } from './cron-schedule.ts';
import { cronWindowState, nextCronTime } from './cron-window.ts';
import { zoneFormatter } from './zoned-clock.ts';

const utc = (iso: string): number => Date.parse(iso);
const schedule = (text: string) => {
  const parsed = parseCron(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.schedule;
};

describe('Function: nextCronTime()', () => {
  const newYork = zoneFormatter('America/New_York');
  it.each([
    { name: 'later the same day', cron: '0 17 * * *', after: '2024-07-04T13:00:00Z', expected: '2024-07-04T21:00:00.000Z' },
    { name: 'strictly after: at the minute itself, the next day', cron: '0 9 * * *', after: '2024-07-04T13:00:00Z', expected: '2024-07-05T13:00:00.000Z' },
    { name: 'over a weekend', cron: '0 9 * * 1-5', after: '2024-07-05T14:00:00Z', expected: '2024-07-08T13:00:00.000Z' },
    { name: 'a time clocks spring over: just after the gap', cron: '30 2 * * *', after: '2024-03-10T05:00:00Z', expected: '2024-03-10T07:30:00.000Z' },
    { name: 'a time that happens twice: the second one, when past the first', cron: '30 1 * * *', after: '2024-11-03T05:45:00Z', expected: '2024-11-03T06:30:00.000Z' },
  ])('$name', ({ cron, after, expected }) => {
    expect(new Date(nextCronTime(schedule(cron), { afterMs: utc(after), zone: newYork }) as number).toISOString()).toBe(expected);
  });

  it('never, for a day that does not exist', () => {
    expect(nextCronTime(schedule('0 0 30 2 *'), { afterMs: utc('2024-01-01T00:00:00Z'), zone: newYork })).toBeUndefined();
  });
});

describe('Function: cronWindowState()', () => {
  const night = { start: '0 22 * * *', end: '0 6 * * *' };
  const office = { start: '0 9 * * 1-5', end: '0 17 * * 1-5' };
  it.each([
    { name: 'across midnight: before the start', rule: night, at: '2024-06-03T21:59:00Z', zone: 'UTC', active: false },
    { name: 'across midnight: at the start', rule: night, at: '2024-06-03T22:00:00Z', zone: 'UTC', active: true },
    { name: 'across midnight: after midnight', rule: night, at: '2024-06-04T05:59:00Z', zone: 'UTC', active: true },
    { name: 'across midnight: at the end', rule: night, at: '2024-06-04T06:00:00Z', zone: 'UTC', active: false },
    { name: 'office hours in Berlin, summer (UTC+2)', rule: office, at: '2024-07-01T07:30:00Z', zone: 'Europe/Berlin', active: true },
    { name: 'office hours in Berlin, winter (UTC+1): 08:30 local', rule: office, at: '2024-01-08T07:30:00Z', zone: 'Europe/Berlin', active: false },
    { name: 'office hours in Berlin on the Monday after clocks went forward', rule: office, at: '2024-04-01T07:05:00Z', zone: 'Europe/Berlin', active: true },
    { name: 'on a Saturday', rule: office, at: '2024-07-06T10:00:00Z', zone: 'Europe/Berlin', active: false },
    { name: 'an end that never comes', rule: { start: '0 9 * * *', end: '0 0 30 2 *' }, at: '2024-07-06T10:00:00Z', zone: 'UTC', active: false },
    { name: 'a start that never comes', rule: { start: '0 0 30 2 *', end: '0 9 * * *' }, at: '2024-07-06T10:00:00Z', zone: 'UTC', active: true },
  ])('$name', ({ rule, at, zone, active }) => {
    expect(cronWindowState(rule, { instantMs: utc(at), timeZone: zone })).toEqual({ ok: true, active });
  });

  it.each([
    { name: 'the same start and end', rule: { start: '0 9 * * *', end: ' 0 9 * * * ' }, zone: 'UTC', message: 'start and end must differ, got "0 9 * * *" for both' },
    { name: 'a bad start', rule: { start: '0 25 * * *', end: '0 9 * * *' }, zone: 'UTC', message: 'start hour "25" must lie within 0-23' },
    { name: 'a bad end', rule: { start: '0 9 * * *', end: '0 9 * *' }, zone: 'UTC', message: 'end "0 9 * *" must have five fields (minute hour day-of-month month day-of-week)' },
    { name: 'an unknown zone', rule: office, zone: 'Mars/Olympus', message: 'time zone must be an IANA name like Europe/Berlin, got "Mars/Olympus"' },
  ])('reports $name', ({ rule, zone, message }) => {
    expect(cronWindowState(rule, { instantMs: 0, timeZone: zone })).toEqual({ ok: false, message });
  });
});
