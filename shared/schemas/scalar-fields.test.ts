import { describe, expect, it } from 'vitest';
import { countField, cronField, decimalField, durationField, parseDurationMs } from './scalar-fields.ts';

describe('Function: decimalField()', () => {
  const percentile = decimalField(0, 1, 'target percentile');
  const ratio = decimalField(0, 1000, 'margin fraction');

  it.each([
    { name: 'string lower bound', schema: percentile, input: '0', expected: 0 },
    { name: 'string upper bound', schema: percentile, input: '1', expected: 1 },
    { name: 'string decimal', schema: percentile, input: '0.95', expected: 0.95 },
    { name: 'string with trailing zeros', schema: percentile, input: '0.500', expected: 0.5 },
    { name: 'number decimal', schema: percentile, input: 0.95, expected: 0.95 },
    { name: 'number zero', schema: percentile, input: 0, expected: 0 },
    { name: 'number upper bound', schema: percentile, input: 1, expected: 1 },
    { name: 'wider range upper bound', schema: ratio, input: '1000', expected: 1000 },
    { name: 'wider range number', schema: ratio, input: 12.5, expected: 12.5 },
  ])('accepts $name', ({ schema, input, expected }) => {
    expect(schema.parse(input)).toBe(expected);
  });

  it.each([
    { name: 'string above max', schema: percentile, input: '1.5', rule: 'be target percentile from 0 to 1' },
    { name: 'number above max', schema: percentile, input: 2, rule: 'be target percentile from 0 to 1' },
    { name: 'negative number', schema: percentile, input: -0.1, rule: 'be target percentile from 0 to 1' },
    { name: 'negative string', schema: percentile, input: '-0.1', rule: 'be target percentile from 0 to 1' },
    { name: 'leading point', schema: percentile, input: '.5', rule: 'be target percentile from 0 to 1' },
    { name: 'trailing point', schema: percentile, input: '1.', rule: 'be target percentile from 0 to 1' },
    { name: 'padded string', schema: percentile, input: ' 0.5', rule: 'be target percentile from 0 to 1' },
    { name: 'empty string', schema: percentile, input: '', rule: 'be target percentile from 0 to 1' },
    { name: 'word', schema: percentile, input: 'high', rule: 'be target percentile from 0 to 1' },
    { name: 'percent sign', schema: percentile, input: '50%', rule: 'be target percentile from 0 to 1' },
    { name: 'just above the wider range', schema: ratio, input: '1000.5', rule: 'be margin fraction from 0 to 1000' },
  ])('rejects $name with the rule and the raw input', ({ schema, input, rule }) => {
    const result = schema.safeParse(input, { reportInput: true });
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]).toMatchObject({ code: 'custom', path: [], message: rule });
    expect(result.error?.issues[0]?.input).toStrictEqual(input);
  });

  it.each([
    { name: 'a boolean', input: true },
    { name: 'NaN', input: Number.NaN },
    { name: 'Infinity', input: Number.POSITIVE_INFINITY },
    { name: 'null', input: null },
  ])('rejects $name as neither string nor (finite) number', ({ input }) => {
    const result = ratio.safeParse(input, { reportInput: true });
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]).toMatchObject({ code: 'invalid_union', message: 'Invalid input' });
  });

  it('is marked as a decimal string for the CRD generator', () => {
    expect(percentile.meta()).toStrictEqual({ decimalString: true, description: 'target percentile, 0-1, as a string or number' });
  });
});

describe('Function: parseDurationMs()', () => {
  it.each([
    { name: 'seconds', text: '30s', expected: 30_000 },
    { name: 'minutes', text: '5m', expected: 300_000 },
    { name: 'hours', text: '2h', expected: 7_200_000 },
    { name: 'hours and minutes', text: '1h30m', expected: 5_400_000 },
    { name: 'milliseconds', text: '500ms', expected: 500 },
    { name: 'fractional hours', text: '1.5h', expected: 5_400_000 },
    { name: 'minutes, seconds and milliseconds', text: '1m30s500ms', expected: 90_500 },
    { name: 'minutes then milliseconds', text: '1m5ms', expected: 60_005 },
    { name: 'zero', text: '0s', expected: 0 },
    { name: 'fractional milliseconds are rounded', text: '1.5ms', expected: 2 },
    { name: 'repeated unit adds up', text: '1s1s', expected: 2000 },
  ])('$name: $text', ({ text, expected }) => {
    expect(parseDurationMs(text)).toBe(expected);
  });

  it.each([
    { name: 'no unit', text: '5' },
    { name: 'no number', text: 'h' },
    { name: 'days are not Go units', text: '1d' },
    { name: 'negative', text: '-1s' },
    { name: 'empty', text: '' },
    { name: 'space between parts', text: '1h 30m' },
    { name: 'trailing point', text: '1.h' },
    { name: 'leading point', text: '.5s' },
    { name: 'microseconds', text: '1us' },
    { name: 'trailing number', text: '1m30' },
    { name: 'unit order garbled', text: '5sm' },
    { name: 'uppercase unit', text: '5S' },
  ])('$name: $text is not a duration', ({ text }) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});

describe('Const: durationField', () => {
  it('converts to milliseconds', () => {
    expect(durationField.parse('1h30m')).toBe(5_400_000);
  });

  it.each([
    { name: 'bare number text', input: '5' },
    { name: 'days', input: '1d' },
    { name: 'negative', input: '-1s' },
  ])('rejects $name with the rule and the input', ({ input }) => {
    const result = durationField.safeParse(input, { reportInput: true });
    expect(result.error?.issues).toStrictEqual([
      expect.objectContaining({ code: 'custom', message: 'be a duration like 30s, 5m, 2h or 1h30m', input }),
    ]);
  });

  it('rejects a YAML number', () => {
    const result = durationField.safeParse(30, { reportInput: true });
    expect(result.error?.issues[0]).toMatchObject({ code: 'invalid_type', expected: 'string', input: 30 });
    expect(result.error?.issues[0]?.message).toContain('expected string');
  });

  it('carries its pattern for the CRD generator', () => {
    const meta = durationField.meta();
    expect(meta?.description).toBe('Duration like 30s, 5m, 2h or 1h30m');
    expect(new RegExp(String(meta?.['pattern'])).test('1h30m')).toBe(true);
    expect(new RegExp(String(meta?.['pattern'])).test('1d')).toBe(false);
  });
});

describe('Const: cronField', () => {
  it.each([
    { name: 'weekday mornings', input: '0 9 * * 1-5' },
    { name: 'every five minutes', input: '*/5 * * * *' },
    { name: 'names', input: '0 0 1 JAN MON' },
    { name: 'lists', input: '0 9 * * 1,3,5' },
    { name: 'question mark', input: '0 0 ? * MON' },
    { name: 'surrounding spaces are trimmed', input: '  0 9 * * 1-5  ' },
    { name: 'tabs and repeated spaces separate fields', input: '0\t9  * * *' },
  ])('accepts $name', ({ input }) => {
    expect(cronField.parse(input)).toBe(input);
  });

  it.each([
    { name: 'four fields', input: '0 9 * *' },
    { name: 'six fields', input: '0 9 * * 1-5 2025' },
    { name: 'empty', input: '' },
    { name: 'blank', input: '   ' },
    { name: 'macro', input: '@daily' },
    { name: 'bad character', input: '0 9 * * $' },
  ])('rejects $name', ({ input }) => {
    const result = cronField.safeParse(input, { reportInput: true });
    expect(result.error?.issues).toStrictEqual([
      expect.objectContaining({ code: 'custom', message: 'be a five-field cron expression like "0 9 * * 1-5"', input }),
    ]);
  });
});

describe('Const: countField', () => {
  it.each([
    { name: 'zero', input: 0 },
    { name: 'positive', input: 5 },
  ])('accepts $name', ({ input }) => {
    expect(countField.parse(input)).toBe(input);
  });

  it.each([
    { name: 'fraction', input: 1.5, code: 'invalid_type', rule: 'be a whole number' },
    { name: 'negative', input: -1, code: 'too_small', rule: 'not be negative' },
    { name: 'string', input: '1', code: 'invalid_type', rule: 'be a whole number' },
    { name: 'NaN', input: Number.NaN, code: 'invalid_type', rule: 'be a whole number' },
    { name: 'Infinity', input: Number.POSITIVE_INFINITY, code: 'invalid_type', rule: 'be a whole number' },
  ])('rejects $name', ({ input, code, rule }) => {
    const result = countField.safeParse(input);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]).toMatchObject({ code, message: rule });
  });
});
