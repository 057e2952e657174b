import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, instantsOf, offsetAt, wallClockAt, wallMsOf, zoneFormatter } from './zoned-clock.ts';

const HOUR = 3_600_000;
const newYork = zoneFormatter('America/New_York');
const utc = (iso: string): number => Date.parse(iso);

describe('Function: daysFromCivil() / civilFromDays()', () => {
  it.each([
    { name: 'the epoch, a Thursday', date: [1970, 1, 1], days: 0, weekday: 4 },
    { name: 'the day before the epoch', date: [1969, 12, 31], days: -1, weekday: 3 },
    { name: 'a leap day', date: [2024, 2, 29], days: 19_782, weekday: 4 },
    { name: 'the start of a 400-year era', date: [2000, 3, 1], days: 11_017, weekday: 3 },
    { name: 'New Year 2025, a Wednesday', date: [2025, 1, 1], days: 20_089, weekday: 3 },
  ])('$name', ({ date: [year, month, day], days, weekday }) => {
    expect(daysFromCivil(year as number, month as number, day as number)).toBe(days);
    expect(civilFromDays(days)).toEqual({ year, month, day, weekday });
  });
});

describe('Function: wallClockAt() / wallMsOf()', () => {
  it('reads the zone\'s wall clock, 24-hour, and writes it back as wall ms', () => {
    const clock = wallClockAt(utc('2024-07-04T04:05:06Z'), newYork);
    expect(clock).toEqual({ year: 2024, month: 7, day: 4, hour: 0, minute: 5, second: 6 });
    expect(wallMsOf(clock)).toBe(utc('2024-07-04T00:05:06Z'));
  });
});

describe('Function: offsetAt()', () => {
  it.each([
    { name: 'summer time in New York', at: '2024-07-04T12:00:00.250Z', expected: -4 * HOUR },
    { name: 'winter time in New York', at: '2024-01-04T12:00:00Z', expected: -5 * HOUR },
    { name: 'an instant before the epoch', at: '1969-12-31T23:59:59.500Z', expected: -5 * HOUR },
  ])('$name', ({ at, expected }) => {
    expect(offsetAt(utc(at), newYork)).toBe(expected);
  });
});

describe('Function: instantsOf()', () => {
  it.each([
    { name: 'an ordinary wall time', wall: '2024-07-04T09:00:00Z', expected: ['2024-07-04T13:00:00.000Z'] },
    { name: 'a wall time clocks spring over (02:30 on 10 March): 03:30 EDT', wall: '2024-03-10T02:30:00Z', expected: ['2024-03-10T07:30:00.000Z'] },
    { name: 'a wall time that happens twice (01:30 on 3 November): EDT, then EST', wall: '2024-11-03T01:30:00Z', expected: ['2024-11-03T05:30:00.000Z', '2024-11-03T06:30:00.000Z'] },
  ])('$name', ({ wall, expected }) => {
    expect(instantsOf(utc(wall), newYork).map((ms) => new Date(ms).toISOString())).toEqual(expected);
  });
});
