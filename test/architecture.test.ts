import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Policy, Rule } from './architecture-rules.ts';
import { checkSource, CORE_POLICY, RULES, SCHEMAS_POLICY } from './architecture-rules.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORE_FILE = 'shared/core/allocation/example.ts';
const SCHEMAS_FILE = 'shared/schemas/example.ts';

/** Repo-relative paths of the non-test TypeScript sources under `folder` (none if it does not exist). */
function sourcesUnder(folder: string): string[] {
  if (!existsSync(`${ROOT}${folder}`)) return [];
  return readdirSync(`${ROOT}${folder}`, { recursive: true, encoding: 'utf8' })
    .map((path) => `${folder}/${path.replaceAll('\\', '/')}`)
    .filter((path) => /\.[cm]?tsx?$/.test(path) && !/\.test(?:-d)?\.ts$/.test(path))
    .sort();
}

function violationsIn(folder: string, policy: Policy): string[] {
  return sourcesUnder(folder).flatMap((file) =>
    checkSource(readFileSync(`${ROOT}${file}`, 'utf8'), file, policy)
      .map(({ rule, line, text }) => `${file}:${line} ${rule}: ${RULES[rule]} (${text})`));
}

describe('Architecture: dependency rule (STYLE §1)', () => {
  it('finds the core sources it checks', () => {
    const files = sourcesUnder('shared/core');
    expect(files).toContain('shared/core/errors.ts');
    expect(files).toContain('shared/core/quantity/parse-quantity.ts');
    expect(files.filter((file) => file.endsWith('.test.ts'))).toEqual([]);
  });

  it('shared/core imports only itself, shared/schemas and zod, and reads no env, clock, randomness or console', () => {
    expect(violationsIn('shared/core', CORE_POLICY)).toEqual([]);
  });

  it('shared/schemas imports only zod, itself, shared/core/quantity and shared/core/model', () => {
    expect(violationsIn('shared/schemas', SCHEMAS_POLICY)).toEqual([]);
  });
});

describe('Function: checkSource()', () => {
  it.each<{ name: string; source: string; rule: Rule }>([
    { name: 'node: built-in', source: "import { readFileSync } from 'node:fs';", rule: 'node-import' },
    { name: 'bare built-in', source: "import http from 'http';", rule: 'node-import' },
    { name: 'built-in subpath', source: "import { readFile } from 'fs/promises';", rule: 'node-import' },
    { name: 'AWS SDK', source: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';", rule: 'sdk-import' },
    { name: 'kafkajs', source: "import { Kafka } from 'kafkajs';", rule: 'sdk-import' },
    { name: 'Kubernetes client', source: "import * as k8s from '@kubernetes/client-node';", rule: 'sdk-import' },
    { name: 'middy package', source: "import middy from '@middy/core';", rule: 'sdk-import' },
    { name: 'dynalite', source: "import dynalite from 'dynalite';", rule: 'sdk-import' },
    { name: 'yaml', source: "import { parse } from 'yaml';", rule: 'sdk-import' },
    { name: 'type-only SDK import', source: "import type { Producer } from 'kafkajs';", rule: 'sdk-import' },
    { name: 're-export of an SDK', source: "export { Kafka } from 'kafkajs';", rule: 'sdk-import' },
    { name: 'require of an SDK', source: "const k = require('kafkajs');", rule: 'sdk-import' },
    { name: 'dynamic import of a built-in', source: "const fs = await import('node:fs');", rule: 'node-import' },
    { name: 'import type node', source: "type S = import('node:fs').Stats;", rule: 'node-import' },
    { name: 'adapters', source: "import { store } from '../../adapters/memory/store.ts';", rule: 'layer-import' },
    { name: 'ports', source: "import type { Clock } from '../../ports/clock.ts';", rule: 'layer-import' },
    { name: 'middleware', source: "import { parse } from '../../middleware/parse.ts';", rule: 'layer-import' },
    { name: 'functions', source: "import { handler } from '../../../functions/allocate-gpus/handler.ts';", rule: 'layer-import' },
    { name: 'agents', source: "import { run } from '../../../agents/node-agent/run.ts';", rule: 'layer-import' },
    { name: 'cli', source: "import { main } from '../../../cli/vgpuctl/main.ts';", rule: 'layer-import' },
    { name: 'infra', source: "import { crds } from '../../../infra/crds/generate.ts';", rule: 'layer-import' },
    { name: 'other package', source: "import { z } from 'lodash';", rule: 'outside-import' },
    { name: 'relative path leaving shared', source: "import { x } from '../../../test/fixtures/gpu.ts';", rule: 'outside-import' },
    { name: 'non-literal dynamic import', source: 'const m = await import(name);', rule: 'dynamic-import' },
    { name: 'process.env', source: 'const region = process.env.AWS_REGION;', rule: 'process-env' },
    { name: 'process.env by index', source: "const region = process['env'];", rule: 'process-env' },
    { name: 'globalThis.process.env', source: 'const env = globalThis.process.env;', rule: 'process-env' },
    { name: 'other process member', source: 'const args = process.argv;', rule: 'process' },
    { name: 'bare process', source: 'const p = process;', rule: 'process' },
    { name: 'Date.now', source: 'const now = Date.now();', rule: 'date-now' },
    { name: 'new Date', source: 'const now = new Date();', rule: 'new-date' },
    { name: 'Date called', source: 'const now = Date();', rule: 'new-date' },
    { name: 'Math.random', source: 'const roll = Math.random();', rule: 'math-random' },
    { name: 'console', source: "console.log('placed');", rule: 'console' },
    { name: 'timer', source: 'setTimeout(tick, 10);', rule: 'impure-global' },
    { name: 'crypto', source: 'const id = crypto.randomUUID();', rule: 'impure-global' },
    { name: 'globalThis.fetch', source: "const r = globalThis.fetch('http://x');", rule: 'impure-global' },
  ])('flags $name as $rule', ({ source, rule }) => {
    const found = checkSource(`// planted\n${source}\n`, CORE_FILE, CORE_POLICY);
    expect(found).toEqual([expect.objectContaining({ rule, line: 2 })]);
    expect(RULES[rule]).toMatch(/^[a-z]/);
  });

  it('reports every violation in a file, once each, in source order', () => {
    const source = "import { Kafka } from 'kafkajs';\nconsole.log(process.env.X, Date.now());\n";
    expect(checkSource(source, CORE_FILE, CORE_POLICY).map(({ rule, line }) => `${line}:${rule}`))
      .toEqual(['1:sdk-import', '2:console', '2:process-env', '2:date-now']);
  });

  it('passes a clean core source', () => {
    const source = [
      "import { z } from 'zod';",
      "import type { Clock } from '../model/clock.ts';",
      "import { parseQuantity } from '../quantity/parse-quantity.ts';",
      "import { gpuSchema } from '../../schemas/gpu.ts';",
      "export { formatBytes } from '../quantity/format-quantity.ts';",
      '// Never call Date.now() or read process.env here; console.log is for the edges.',
      "const note = 'new Date() and Math.random() in a string are fine';",
      'export interface Job { readonly process: string; readonly crypto: boolean }',
      'export function pick(clock: Clock, process: Job): number { return clock.now() + process.process.length; }',
      'export const options = { console: false, setTimeout: 1 };',
      'export const dates = (values: readonly Date[]): number => values.length;',
    ].join('\n');
    expect(checkSource(source, CORE_FILE, CORE_POLICY)).toEqual([]);
  });

  it.each<{ name: string; source: string; rule: Rule | undefined }>([
    { name: 'zod', source: "import { z } from 'zod';", rule: undefined },
    { name: 'zod subpath', source: "import { z } from 'zod/v4';", rule: undefined },
    { name: 'another schema', source: "import { gpu } from './gpu.ts';", rule: undefined },
    { name: 'core quantity', source: "import { parseQuantity } from '../core/quantity/parse-quantity.ts';", rule: undefined },
    { name: 'core model', source: "import { issue } from '../core/model/issue.ts';", rule: undefined },
    { name: 'core errors', source: "import { AppError } from '../core/errors.ts';", rule: 'schemas-import' },
    { name: 'core admission', source: "import { admit } from '../core/admission/admit.ts';", rule: 'schemas-import' },
    { name: 'yaml', source: "import { parse } from 'yaml';", rule: 'sdk-import' },
    { name: 'node built-in', source: "import { readFileSync } from 'node:fs';", rule: 'node-import' },
    { name: 'ports', source: "import type { Clock } from '../ports/clock.ts';", rule: 'layer-import' },
  ])('schemas: $name gives $rule', ({ source, rule }) => {
    const found = checkSource(source, SCHEMAS_FILE, SCHEMAS_POLICY).map((violation) => violation.rule);
    expect(found).toEqual(rule === undefined ? [] : [rule]);
  });
});
