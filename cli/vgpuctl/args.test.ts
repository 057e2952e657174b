import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.ts';

describe('Function: parseCliArgs()', () => {
  it.each([
    {
      name: 'one file, defaults',
      argv: ['resolve', '-f', 'a.yaml'],
      options: { files: ['a.yaml'], profiles: [], pools: [], catalogue: undefined, output: 'text' },
    },
    {
      name: 'repeated flags keep their order',
      argv: ['resolve', '-f', 'a.yaml', '--file', 'b.yaml', '--pool', 'p1.yaml', '--pool', 'p2.yaml', '--profile', 'w.yaml'],
      options: { files: ['a.yaml', 'b.yaml'], profiles: ['w.yaml'], pools: ['p1.yaml', 'p2.yaml'], catalogue: undefined, output: 'text' },
    },
    {
      name: 'a catalogue and an output format',
      argv: ['resolve', '-o', 'json', '-f', 'a.yaml', '--catalogue', 'c.yaml'],
      options: { files: ['a.yaml'], profiles: [], pools: [], catalogue: 'c.yaml', output: 'json' },
    },
    {
      name: 'the long output flag',
      argv: ['resolve', '-f', 'a.yaml', '--output=yaml'],
      options: { files: ['a.yaml'], profiles: [], pools: [], catalogue: undefined, output: 'yaml' },
    },
  ])('parses $name', ({ argv, options }) => {
    expect(parseCliArgs(argv)).toEqual({ ok: true, command: 'resolve', options });
  });

  it.each([
    { name: 'no command', argv: [], message: 'a command is needed' },
    { name: 'an unknown option', argv: ['resolve', '--nope'], message: "Unknown option '--nope'" },
    { name: 'a second positional', argv: ['resolve', '-f', 'a.yaml', 'b.yaml'], message: 'unexpected argument "b.yaml" (files go after -f)' },
  ])('rejects $name', ({ argv, message }) => {
    expect(parseCliArgs(argv)).toEqual({ ok: false, message });
  });

  it('answers help before checking anything else', () => {
    expect(parseCliArgs(['frobnicate', '--help'])).toEqual({ ok: true, command: 'help' });
  });
});
