import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../core/model/issue.ts';
import { parseManifests, readManifests } from './read-manifests.ts';

const dir = mkdtempSync(join(tmpdir(), 'read-manifests-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('Adapter: manifests parseManifests()', () => {
  it.each([
    { name: 'one YAML document', text: 'kind: Pod\n', contents: [{ kind: 'Pod' }], indexes: [0] },
    { name: 'several documents', text: 'kind: A\n---\nkind: B\n', contents: [{ kind: 'A' }, { kind: 'B' }], indexes: [0, 1] },
    { name: 'empty documents are dropped', text: '---\n---\nkind: A\n---\n', contents: [{ kind: 'A' }], indexes: [1] },
    { name: 'JSON', text: '{"kind": "Pod", "metadata": {"name": "p"}}', contents: [{ kind: 'Pod', metadata: { name: 'p' } }], indexes: [0] },
    { name: 'an empty file', text: '', contents: [], indexes: [] },
    { name: 'YAML 1.2 scalars (yes stays a string)', text: 'a: yes\nb: "1"\nc: 1\n', contents: [{ a: 'yes', b: '1', c: 1 }], indexes: [0] },
  ])('reads $name', ({ text, contents, indexes }) => {
    const result = parseManifests(text, 'm.yaml');
    expect(result.ok && result.documents.map((document) => document.content)).toEqual(contents);
    expect(result.ok && result.documents.map((document) => document.index)).toEqual(indexes);
  });

  it.each([
    { name: 'a bad indent', text: 'kind: Pod\nmetadata:\n  name: a\n   bad: 1\n', fragment: 'm.yaml line 3, column 9 must be valid YAML or JSON (Nested mappings are not allowed in compact mappings)' },
    { name: 'a duplicate key', text: 'kind: Pod\nkind: Job\n', fragment: 'must be valid YAML or JSON (Map keys must be unique' },
    { name: 'unclosed JSON', text: '{"kind": "Pod"', fragment: 'm.yaml line 1' },
    { name: 'an alias bomb', text: `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [${i === 0 ? '*a' : `*b${i - 1}`}, ${i === 0 ? '*a' : `*b${i - 1}`}, ${i === 0 ? '*a' : `*b${i - 1}`}]`).join('\n')}\n`, fragment: 'm.yaml document 1 must be plain YAML data' },
  ])('reports $name with its place', ({ text, fragment }) => {
    const result = parseManifests(text, 'm.yaml');
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map(formatIssue).join('\n')).toContain(fragment);
  });

  it('reports every syntax error, not the first', () => {
    const result = parseManifests('a: [\n---\nb: {\n', 'm.yaml');
    expect(result.ok ? 0 : result.issues.length).toBeGreaterThanOrEqual(2);
  });
});

describe('Adapter: manifests readManifests()', () => {
  it('reads files in the order given, each document naming its file', async () => {
    const first = file('first.yaml', 'kind: A\n---\nkind: B\n');
    const second = file('second.json', '{"kind": "C"}');
    const result = await readManifests([second, first]);
    expect(result.ok && result.documents.map((d) => [d.file, d.content])).toEqual([[second, { kind: 'C' }], [first, { kind: 'A' }], [first, { kind: 'B' }]]);
  });

  it.each([
    { name: 'a missing file', path: join(dir, 'missing.yaml'), message: `${join(dir, 'missing.yaml')} must be a readable file (no such file)`, code: 'NOT_FOUND' },
    { name: 'a directory', path: dir, message: `${dir} must be a readable file (it is a directory)`, code: 'NOT_FOUND' },
  ])('reports $name', async ({ path, message, code }) => {
    const result = await readManifests([path]);
    expect(result.ok ? [] : result.issues.map((found) => [found.code, formatIssue(found)])).toEqual([[code, message]]);
  });

  it('reports every bad file at once', async () => {
    const broken = file('broken.yaml', 'a: [\n');
    const result = await readManifests([join(dir, 'nope.yaml'), broken, file('fine.yaml', 'kind: A\n')]);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      expect.stringContaining('nope.yaml must be a readable file'),
      expect.stringContaining('broken.yaml line'),
    ]);
  });

  it('reads the seed fixtures verbatim', async () => {
    const result = await readManifests(['test/fixtures/seed/deployment.yaml', 'test/fixtures/seed/workload-profile.yaml']);
    expect(result.ok && result.documents.map((d) => (d.content as { kind: string }).kind)).toEqual(['Deployment', 'WorkloadProfile']);
  });
});
