import { describe, expect, it } from 'vitest';
import { catalogueField } from './catalogue-field.ts';

describe('Function: catalogueField()', () => {
  it.each([
    { name: 'whole file', path: [], expected: 'catalogue' },
    { name: 'top-level key', path: ['models'], expected: 'catalogue models' },
    { name: 'entry', path: ['models', 2], expected: 'catalogue models[2]' },
    { name: 'entry field', path: ['models', 2, 'vram'], expected: 'catalogue models[2].vram' },
    { name: 'alias', path: ['models', 0, 'aliases', 3], expected: 'catalogue models[0].aliases[3]' },
    { name: 'index first', path: [1, 'model'], expected: 'catalogue [1].model' },
  ])('names the $name', ({ path, expected }) => {
    expect(catalogueField(path)).toBe(expected);
  });
});
