import { describe, expect, it } from 'vitest';
import { formatBytes, formatMilli } from './format-quantity.ts';

describe('Function: formatBytes()', () => {
  it.each([
    { name: 'zero', bytes: 0, text: '0' },
    { name: 'one byte', bytes: 1, text: '1' },
    { name: 'just below a kibibyte', bytes: 1023, text: '1023' },
    { name: 'one kibibyte', bytes: 1024, text: '1Ki' },
    { name: 'one and a half kibibytes stays plain', bytes: 1536, text: '1536' },
    { name: 'three kibibytes', bytes: 3072, text: '3Ki' },
    { name: 'mebibytes', bytes: 5 * 2 ** 20, text: '5Mi' },
    { name: '4Gi', bytes: 4 * 2 ** 30, text: '4Gi' },
    { name: '1536 mebibytes, not 1.5Gi', bytes: 1536 * 2 ** 20, text: '1536Mi' },
    { name: 'tebibytes', bytes: 2 ** 40, text: '1Ti' },
    { name: 'pebibytes', bytes: 7 * 2 ** 50, text: '7Pi' },
    { name: 'largest safe integer is odd', bytes: Number.MAX_SAFE_INTEGER, text: '9007199254740991' },
    { name: 'negative kibibytes', bytes: -2048, text: '-2Ki' },
  ])('$name: $bytes → $text', ({ bytes, text }) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('Function: formatMilli()', () => {
  it.each([
    { name: 'zero', milli: 0, text: '0' },
    { name: 'one thousandth', milli: 1, text: '0.001' },
    { name: 'one hundredth', milli: 10, text: '0.01' },
    { name: 'one half', milli: 500, text: '0.5' },
    { name: 'whole number', milli: 20000, text: '20' },
    { name: 'ten and a half', milli: 10500, text: '10.5' },
    { name: 'three fraction digits kept', milli: 1234, text: '1.234' },
    { name: 'inner zero kept', milli: 1050, text: '1.05' },
    { name: 'negative with fraction', milli: -1500, text: '-1.5' },
    { name: 'negative whole', milli: -2000, text: '-2' },
    { name: 'negative below one', milli: -1, text: '-0.001' },
  ])('$name: $milli → $text', ({ milli, text }) => {
    expect(formatMilli(milli)).toBe(text);
  });
});
