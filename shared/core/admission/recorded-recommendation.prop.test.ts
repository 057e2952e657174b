import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECORDED_KEYS } from '../../schemas/recommended-resources.ts';
import { decodeRecommendation, encodeRecommendation, sameRecommendation } from './recorded-recommendation.ts';

/** Records as recommend-resources writes them: some resource keys with quantity-like text, maybe a template, an instant. */
const recorded = fc.record({
  annotations: fc.dictionary(fc.constantFrom(...RECORDED_KEYS), fc.oneof(fc.constantFrom('20', '163.8', '4Gi', '512Mi'), fc.string()), { minKeys: 1 }),
  template: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
  appliedAt: fc.date({ noInvalidDate: true, min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z') }).map((date) => date.toISOString()),
}, { requiredKeys: ['annotations', 'appliedAt'] });

describe('Property: the recommended-resources record', () => {
  it('reads back exactly what was written', () => {
    fc.assert(fc.property(recorded, (record) => {
      const decoded = decodeRecommendation(encodeRecommendation(record), 'owner');
      expect(decoded.ok && sameRecommendation(decoded.value, record) && decoded.value.appliedAt === record.appliedAt).toBe(true);
    }));
  });

  it('never throws on any text, and an unusable one names at least one issue on the annotation', () => {
    const text = fc.oneof(fc.string(), fc.json(), recorded.map((record) => encodeRecommendation(record).slice(0, -3)));
    fc.assert(fc.property(text, (raw) => {
      const decoded = decodeRecommendation(raw, 'owner');
      if (decoded.ok) return;
      expect(decoded.issues.length).toBeGreaterThan(0);
      for (const found of decoded.issues) expect(found.field.startsWith('annotation tensor-fusion.ai/recommended-resources on owner')).toBe(true);
    }));
  });
});
