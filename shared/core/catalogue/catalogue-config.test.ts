import { describe, expect, it } from 'vitest';
import { formatIssue } from '../model/issue.ts';
import { catalogueConfigSchema, extendCatalogue, parseCatalogueConfig } from './catalogue-config.ts';
import { builtinCatalogue } from './gpu-catalogue.ts';

const GIB = 2 ** 30;

// Example values for the openb trace's undisclosed models: G2 as 32 GiB, G3 as 24 GiB.
const OPENB_EXTRAS = {
  models: [
    { model: 'G2', fp16Tflops: '125', vram: '32Gi' },
    { model: 'G3', vendor: 'NVIDIA', fp16Tflops: 65.5, vram: 24 * GIB, aliases: ['openb-g3'] },
  ],
};

describe('Function: parseCatalogueConfig()', () => {
  it('converts the openb G2 and G3 entries to specs, defaulting vendor and aliases', () => {
    expect(parseCatalogueConfig(OPENB_EXTRAS)).toEqual({
      ok: true,
      models: [
        { model: 'G2', vendor: 'NVIDIA', fp16TflopsMilli: 125_000, vramBytes: 32 * GIB, aliases: [] },
        { model: 'G3', vendor: 'NVIDIA', fp16TflopsMilli: 65_500, vramBytes: 24 * GIB, aliases: ['openb-g3'] },
      ],
    });
  });

  it.each([
    { name: 'an empty list', raw: { models: [] }, expected: [] },
    {
      name: 'names with spaces around',
      raw: { models: [{ model: ' MI300X ', vendor: ' AMD ', fp16Tflops: '1307.4', vram: '192Gi', aliases: [' AMD Instinct MI300X '] }] },
      expected: [{ model: 'MI300X', vendor: 'AMD', fp16TflopsMilli: 1_307_400, vramBytes: 192 * GIB, aliases: ['AMD Instinct MI300X'] }],
    },
  ])('accepts $name', ({ raw, expected }) => {
    expect(parseCatalogueConfig(raw)).toEqual({ ok: true, models: expected });
  });

  it.each([
    { name: 'input that is not an object', raw: null, field: 'catalogue', fragment: 'be an object like { models', received: null },
    { name: 'an unknown top-level key', raw: { models: [], model: [] }, field: 'catalogue', fragment: 'only the keys models', received: ['model'] },
    { name: 'a missing models list', raw: {}, field: 'catalogue models', fragment: 'be a list of GPU models', received: undefined },
    { name: 'models that are not a list', raw: { models: 'G2' }, field: 'catalogue models', fragment: 'be a list of GPU models', received: 'G2' },
    { name: 'an entry that is not an object', raw: { models: [7] }, field: 'catalogue models[0]', fragment: 'be a GPU model like', received: 7 },
    {
      name: 'an unknown entry key',
      raw: { models: [{ ...OPENB_EXTRAS.models[0], vRam: '32Gi' }] },
      field: 'catalogue models[0]', fragment: 'only the keys model, vendor, fp16Tflops, vram, aliases', received: ['vRam'],
    },
    { name: 'a missing model id', raw: { models: [{ fp16Tflops: 1, vram: 1 }] }, field: 'catalogue models[0].model', fragment: 'be a model id', received: undefined },
    { name: 'an empty model id', raw: { models: [{ model: ' ', fp16Tflops: 1, vram: 1 }] }, field: 'catalogue models[0].model', fragment: 'not empty', received: ' ' },
    { name: 'an empty vendor', raw: { models: [{ model: 'G2', vendor: '', fp16Tflops: 1, vram: 1 }] }, field: 'catalogue models[0].vendor', fragment: 'vendor name', received: '' },
    { name: 'TFLOPS of the wrong type', raw: { models: [{ model: 'G2', fp16Tflops: true, vram: 1 }] }, field: 'catalogue models[0].fp16Tflops', fragment: 'decimal number of TFLOPS', received: true },
    { name: 'TFLOPS with four decimals', raw: { models: [{ model: 'G2', fp16Tflops: '1.2345', vram: 1 }] }, field: 'catalogue models[0].fp16Tflops', fragment: 'at most 3 decimals', received: '1.2345' },
    { name: 'zero TFLOPS', raw: { models: [{ model: 'G2', fp16Tflops: 0, vram: 1 }] }, field: 'catalogue models[0].fp16Tflops', fragment: 'greater than 0', received: 0 },
    { name: 'a missing VRAM', raw: { models: [{ model: 'G2', fp16Tflops: 1 }] }, field: 'catalogue models[0].vram', fragment: 'quantity like 32Gi', received: undefined },
    { name: 'VRAM as 32GB', raw: { models: [{ model: 'G2', fp16Tflops: 1, vram: '32GB' }] }, field: 'catalogue models[0].vram', fragment: 'quantity like 32Gi', received: '32GB' },
    { name: 'a fraction of a byte', raw: { models: [{ model: 'G2', fp16Tflops: 1, vram: 0.5 }] }, field: 'catalogue models[0].vram', fragment: 'whole number of bytes', received: 0.5 },
    { name: 'aliases that are not a list', raw: { models: [{ model: 'G2', fp16Tflops: 1, vram: 1, aliases: 'g2' }] }, field: 'catalogue models[0].aliases', fragment: 'be a list of names', received: 'g2' },
    { name: 'an alias that is not text', raw: { models: [{ model: 'G2', fp16Tflops: 1, vram: 1, aliases: ['g2', 2] }] }, field: 'catalogue models[0].aliases[1]', fragment: 'be a GPU name', received: 2 },
    {
      name: 'a name two entries use',
      raw: { models: [{ model: 'G2', fp16Tflops: 1, vram: 1 }, { model: 'G3', fp16Tflops: 1, vram: 1, aliases: ['NVIDIA G2'] }] },
      field: 'catalogue models[1].aliases[0]', fragment: 'no other entry uses (models[0]', received: 'NVIDIA G2',
    },
  ])('rejects $name', ({ raw, field, fragment, received }) => {
    const result = parseCatalogueConfig(raw);
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'INVALID_INPUT', field });
    expect(issues[0]?.rule).toContain(fragment);
    expect(issues[0]?.received).toEqual(received);
    expect('received' in (issues[0] ?? {})).toBe(received !== undefined);
  });

  it('reports every bad entry at once, schema and duplicate issues together', () => {
    const result = parseCatalogueConfig({
      models: [
        { model: 'G2', fp16Tflops: 125, vram: '32Gi' },
        { model: 'G3', fp16Tflops: -1, vram: '24GB' },
        { model: 'G2', fp16Tflops: 125, vram: '32Gi' },
        7,
      ],
    });
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.issues.map(formatIssue);
    expect(messages).toEqual([
      'catalogue models[1].fp16Tflops must be a positive decimal number of TFLOPS like 18.7, got -1',
      'catalogue models[1].vram must be a whole number of bytes or a quantity like 32Gi, got "24GB"',
      'catalogue models[3] must be a GPU model like { model: G2, fp16Tflops: 125, vram: 32Gi }, got 7',
      'catalogue models[2].model must be a name no other entry uses (models[0] has it), got "G2"',
    ]);
    expect(result.ok ? [] : result.issues.map((found) => found.code)).toEqual(Array(4).fill('INVALID_INPUT'));
  });

  it('exposes the schema for documentation and reuse', () => {
    expect(catalogueConfigSchema.safeParse(OPENB_EXTRAS).success).toBe(true);
  });
});

describe('Function: extendCatalogue()', () => {
  const parsed = parseCatalogueConfig({
    models: [
      ...OPENB_EXTRAS.models,
      { model: 'T4', fp16Tflops: 60, vram: '15Gi', aliases: ['Tesla T4'] },
      { model: 'A100_SXM_40G', fp16Tflops: 312, vram: '40Gi', aliases: ['A100'] },
    ],
  });
  const models = parsed.ok ? parsed.models : [];
  const catalogue = extendCatalogue(builtinCatalogue, models);

  it.each([
    { name: 'a configured model', input: 'g2', model: 'G2', tflopsMilli: 125_000, vramBytes: 32 * GIB },
    { name: 'a configured alias', input: 'OPENB-G3', model: 'G3', tflopsMilli: 65_500, vramBytes: 24 * GIB },
    { name: 'an overridden built-in', input: 'Tesla T4', model: 'T4', tflopsMilli: 60_000, vramBytes: 15 * GIB },
    { name: 'a family alias taken by configuration', input: 'A100', model: 'A100_SXM_40G', tflopsMilli: 312_000, vramBytes: 40 * GIB },
    { name: 'an untouched built-in', input: 'H100', model: 'H100_PCIe', tflopsMilli: 835_000, vramBytes: 80 * GIB },
  ])('finds $name', ({ input, model, tflopsMilli, vramBytes }) => {
    expect(catalogue.lookup(input)).toMatchObject({ model, fp16TflopsMilli: tflopsMilli, vramBytes });
  });

  it('keeps each model once and leaves the base catalogue unchanged', () => {
    expect(models).toHaveLength(4);
    expect(catalogue.models()).toHaveLength(builtinCatalogue.models().length + 2);
    expect(builtinCatalogue.lookup('G2')).toBeUndefined();
    expect(builtinCatalogue.lookup('T4')?.fp16TflopsMilli).toBe(65_000);
  });
});
