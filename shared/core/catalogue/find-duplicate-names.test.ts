import { describe, expect, it } from 'vitest';
import { findDuplicateNames } from './find-duplicate-names.ts';

describe('Function: findDuplicateNames()', () => {
  it.each([
    { name: 'input that is not an object', raw: 'models' },
    { name: 'input that is an array', raw: [{ model: 'G2' }, { model: 'G2' }] },
    { name: 'models that are not a list', raw: { models: { model: 'G2' } } },
    { name: 'distinct names', raw: { models: [{ model: 'G2', aliases: ['g2-board'] }, { model: 'G3' }] } },
    { name: 'an entry repeating its own id as an alias', raw: { models: [{ model: 'G2', aliases: ['NVIDIA G2', 'g2'] }] } },
    { name: 'entries that are not objects', raw: { models: [null, 'G2', ['G2'], { model: 'G2' }] } },
    { name: 'names of the wrong type', raw: { models: [{ model: 7, aliases: 'G2' }, { model: 'G2', aliases: [7] }, { model: 7 }] } },
    { name: 'empty names, which the schema reports', raw: { models: [{ model: ' ', aliases: [''] }, { model: '', aliases: ['NVIDIA '] }] } },
  ])('finds nothing for $name', ({ raw }) => {
    expect(findDuplicateNames(raw)).toEqual([]);
  });

  it.each([
    {
      name: 'a repeated model id',
      raw: { models: [{ model: 'G2' }, { model: 'G3' }, { model: 'G2' }] },
      expected: [{ field: 'catalogue models[2].model', rule: 'models[0] has it', received: 'G2' }],
    },
    {
      name: 'an alias equal to another id, ignoring case and vendor prefix',
      raw: { models: [{ model: 'G2' }, { model: 'G3', aliases: ['x', 'NVIDIA g2'] }] },
      expected: [{ field: 'catalogue models[1].aliases[1]', rule: 'models[0] has it', received: 'NVIDIA g2' }],
    },
    {
      name: 'an alias used by two entries, each later use',
      raw: { models: [{ model: 'G2', aliases: ['board'] }, { model: 'G3', aliases: ['BOARD'] }, { model: 'G4', aliases: ['board'] }] },
      expected: [
        { field: 'catalogue models[1].aliases[0]', rule: 'models[0] has it', received: 'BOARD' },
        { field: 'catalogue models[2].aliases[0]', rule: 'models[0] has it', received: 'board' },
      ],
    },
  ])('reports $name', ({ raw, expected }) => {
    const found = findDuplicateNames(raw);
    expect(found).toHaveLength(expected.length);
    expected.forEach(({ field, rule, received }, at) => {
      expect(found[at]).toMatchObject({ code: 'INVALID_INPUT', field, received });
      expect(found[at]?.rule).toContain('be a name no other entry uses');
      expect(found[at]?.rule).toContain(rule);
    });
  });
});
