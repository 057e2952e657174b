import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { podWith, poolWith, profileWith } from '../../test/fixtures/builders.ts';
import { run } from './main.ts';

const EXAMPLES = ['-f', 'examples/seed-deployment.yaml', '-f', 'examples/seed-profile.yaml', '-f', 'examples/default-pool.yaml'];
const dir = mkdtempSync(join(tmpdir(), 'vgpuctl-'));
let written = 0;

/** Write documents (objects or YAML text) to a fresh temp file and return its path. */
function file(...documents: unknown[]): string {
  const path = join(dir, `manifest-${(written += 1)}.yaml`);
  writeFileSync(path, documents.map((document) => (typeof document === 'string' ? document : stringify(document))).join('---\n'));
  return path;
}

/** A Deployment `web` in namespace `default` whose template carries the annotations (opted in, container `python`). */
function deployment(annotations: Record<string, string>, name = 'web') {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec: { replicas: 1, template: podWith(annotations) } };
}

const BASE = { 'tensor-fusion.ai/tflops-request': '10', 'tensor-fusion.ai/vram-request': '4Gi', 'tensor-fusion.ai/inject-container': 'python' };

async function vgpuctl(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('Function: run() on the examples', () => {
  it('resolves the seed Deployment with its profile and pool', async () => {
    const { code, stdout, stderr } = await vgpuctl('resolve', ...EXAMPLES);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('examples/seed-deployment.yaml#Deployment/pytorch-example: resolved');
    expect(stdout).toMatch(/requests: +tflops 10, vram 4Gi per GPU \(from annotation\)/);
    expect(stdout).toMatch(/limits: +tflops 20, vram 4Gi per GPU/);
    expect(stdout).toMatch(/gpu models: +A100 \(from profile\)/);
    expect(stdout).toMatch(/pool: +default-pool \(from profile\)/);
    expect(stdout).toMatch(/profile: +default-profile/);
    expect(stdout).toMatch(/qos: +medium \(from annotation\)/);
    expect(stdout).toMatch(/inject: +python/);
    expect(stdout).toContain('1 pod(s): 1 resolved, 0 with errors');
  });

  it.each([
    { name: 'json', parseOutput: (text: string): unknown => JSON.parse(text) },
    { name: 'yaml', parseOutput: (text: string): unknown => parse(text) },
  ])('prints the full resolution as $name', async ({ name, parseOutput }) => {
    const { code, stdout } = await vgpuctl('resolve', ...EXAMPLES, '-o', name);
    expect(code).toBe(0);
    expect(parseOutput(stdout)).toMatchObject([{
      source: 'examples/seed-deployment.yaml#Deployment/pytorch-example',
      resolution: { ok: true, warnings: [], spec: { pool: 'default-pool', gpuModels: ['A100'], requests: { tflopsMilli: 10_000, vramBytes: 4 * 2 ** 30 }, limits: { tflopsMilli: 20_000 } } },
    }]);
  });

  it('takes the profile from --profile and checks no pool when none is given', async () => {
    const { code, stdout, stderr } = await vgpuctl('resolve', '-f', 'examples/seed-deployment.yaml', '--profile', 'examples/seed-profile.yaml');
    expect(code).toBe(0);
    expect(stdout).toMatch(/gpu models: +A100 \(from profile\)/);
    expect(stderr).toBe('note: no GPUPool given, so pool names are not checked\n');
  });

  it('reports the seed documents verbatim: the Deployment names a profile the seed does not define', async () => {
    const { code, stdout } = await vgpuctl('resolve', '-f', 'test/fixtures/seed/deployment.yaml', '-f', 'test/fixtures/seed/workload-profile.yaml');
    expect(code).toBe(1);
    expect(stdout).toContain('test/fixtures/seed/deployment.yaml#Deployment/(document 1): 1 error(s)');
    expect(stdout).toContain('error: tensor-fusion.ai/workload-profile must name a WorkloadProfile in the pod\'s namespace, got "default-profile"');
  });
});

describe('Function: run() on invalid workloads', () => {
  it.each([
    {
      name: 'a VRAM request in GB',
      annotations: { ...BASE, 'tensor-fusion.ai/vram-request': '4GB' },
      fragments: ['error: tensor-fusion.ai/vram-request must be a byte quantity like 4Gi', 'got "4GB"'],
    },
    {
      name: 'an unknown qos',
      annotations: { ...BASE, 'tensor-fusion.ai/qos': 'urgent' },
      fragments: ['error: tensor-fusion.ai/qos must be one of low, medium, high, critical, got "urgent"'],
    },
    {
      name: 'a request above its limit',
      annotations: { ...BASE, 'tensor-fusion.ai/tflops-request': '30', 'tensor-fusion.ai/tflops-limit': '20' },
      fragments: ['error: tensor-fusion.ai/tflops-request must be at most tensor-fusion.ai/tflops-limit (20), got "30"'],
    },
    {
      name: 'a profile that is not given',
      annotations: { ...BASE, 'tensor-fusion.ai/workload-profile': 'missing' },
      fragments: ['error: tensor-fusion.ai/workload-profile must name a WorkloadProfile in the pod\'s namespace (default), got "missing"'],
    },
  ])('exits 1 and names the problem: $name', async ({ annotations, fragments }) => {
    const { code, stdout } = await vgpuctl('resolve', '-f', file(deployment(annotations)));
    expect(code).toBe(1);
    expect(stdout).toMatch(/#Deployment\/web: \d error\(s\)/);
    for (const fragment of fragments) expect(stdout).toContain(fragment);
  });

  it('warns about an unknown annotation key with a suggestion, and still resolves', async () => {
    const { code, stdout } = await vgpuctl('resolve', '-f', file(deployment({ ...BASE, 'tensor-fusion.ai/gpu-modle': 'A100' })));
    expect(code).toBe(0);
    expect(stdout).toContain('warning: tensor-fusion.ai/gpu-modle must be a known tensor-fusion.ai annotation (did you mean tensor-fusion.ai/gpu-model?)');
  });

  it('reports every pod, and exits 1 when one of them fails', async () => {
    const path = file(deployment(BASE, 'good'), deployment({ ...BASE, 'tensor-fusion.ai/qos': 'urgent' }, 'bad'));
    const { code, stdout } = await vgpuctl('resolve', '-f', path);
    expect(code).toBe(1);
    expect(stdout).toContain('#Deployment/good: resolved');
    expect(stdout).toContain('#Deployment/bad: 1 error(s)');
    expect(stdout).toContain('2 pod(s): 1 resolved, 1 with errors');
  });

  it('reports an unquoted annotation value by its key', async () => {
    const text = 'kind: Pod\napiVersion: v1\nmetadata:\n  name: p\n  annotations:\n    tensor-fusion.ai/gpu-count: 1\n';
    const { code, stdout } = await vgpuctl('resolve', '-f', file(text), '-o', 'json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject([{ resolution: { ok: false, issues: [{ field: 'tensor-fusion.ai/gpu-count', received: 1 }] } }]);
  });
});

describe('Function: run() with profiles, pools and a catalogue', () => {
  it.each([
    { name: 'a profile in the pod\'s namespace', profile: profileWith({ gpuModel: 'H100' }), code: 0, fragment: 'H100 (from profile)' },
    { name: 'a profile without namespace', profile: profileWith({ gpuModel: 'L4' }, { namespace: null }), code: 0, fragment: 'L4 (from profile)' },
    { name: 'a profile in another namespace', profile: profileWith({ gpuModel: 'L4' }, { namespace: 'other' }), code: 1, fragment: 'must name a WorkloadProfile in the pod\'s namespace (default)' },
  ])('picks the named profile: $name', async ({ profile, code, fragment }) => {
    const path = file(deployment({ ...BASE, 'tensor-fusion.ai/workload-profile': 'default-profile' }));
    const result = await vgpuctl('resolve', '-f', path, '--profile', file(profile));
    expect(result.code).toBe(code);
    expect(result.stdout).toContain(fragment);
  });

  it.each([
    { name: 'the default pool', pools: [poolWith({ isDefault: true })], code: 0, fragment: 'default-pool (from pool default)' },
    { name: 'a named pool', pools: [poolWith({}), poolWith({}, { name: 'fast' })], annotations: { 'tensor-fusion.ai/gpupool': 'fast' }, code: 0, fragment: 'fast (from annotation)' },
    { name: 'a pool that does not exist', pools: [poolWith({ isDefault: true })], annotations: { 'tensor-fusion.ai/gpupool': 'slow' }, code: 1, fragment: 'error: tensor-fusion.ai/gpupool must name an existing GPUPool (default-pool), got "slow"' },
  ])('checks pools given with --pool: $name', async ({ pools, annotations, code, fragment }) => {
    const result = await vgpuctl('resolve', '-f', file(deployment({ ...BASE, ...annotations })), '--pool', file(...pools));
    expect(result.code).toBe(code);
    expect(result.stdout).toContain(fragment);
  });

  it('reports a bad WorkloadProfile found among the manifests, naming its field', async () => {
    const profile = { apiVersion: 'tensor-fusion.ai/v1', kind: 'WorkloadProfile', metadata: { name: 'example' }, spec: { qos: 'urgent' } };
    const { code, stderr } = await vgpuctl('resolve', '-f', file(deployment(BASE), profile));
    expect(code).toBe(1);
    expect(stderr).toContain('error: WorkloadProfile example spec.qos must be one of low, medium, high, critical, got "urgent"');
  });

  it('notes documents that hold no pod template', async () => {
    const { code, stdout, stderr } = await vgpuctl('resolve', '-f', file({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } }));
    expect(code).toBe(0);
    expect(stderr).toContain('#Service/svc skipped: a Service holds no pod template');
    expect(stdout).toContain('no pods or pod templates found');
  });

  it.each([
    { name: 'without a catalogue', catalogue: [], code: 1, fragment: 'error: tensor-fusion.ai/gpu-model must name a GPU model in the catalogue' },
    { name: 'with a catalogue that adds G2', catalogue: ['--catalogue', 'CATALOGUE'], code: 0, fragment: 'tflops 125, vram 32Gi per GPU (from dedicated GPU)' },
  ])('sizes a dedicated GPU from the catalogue: $name', async ({ catalogue, code, fragment }) => {
    const models = file({ models: [{ model: 'G2', fp16Tflops: 125, vram: '32Gi' }] });
    const pod = file(deployment({ 'tensor-fusion.ai/gpu-model': 'G2', 'tensor-fusion.ai/dedicated-gpu': 'true' }));
    const result = await vgpuctl('resolve', '-f', pod, ...catalogue.map((arg) => (arg === 'CATALOGUE' ? models : arg)));
    expect(result.code).toBe(code);
    expect(result.stdout).toContain(fragment);
  });
});

describe('Function: run() usage', () => {
  it.each([
    { name: '--help', argv: ['--help'] },
    { name: 'the help command', argv: ['help'] },
    { name: 'resolve --help', argv: ['resolve', '-h'] },
  ])('prints usage for $name', async ({ argv }) => {
    const { code, stdout } = await vgpuctl(...argv);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: vgpuctl resolve -f <file>');
  });

  it.each([
    { name: 'no command', argv: [], fragment: 'vgpuctl: a command is needed' },
    { name: 'an unknown command', argv: ['apply', '-f', 'x.yaml'], fragment: 'vgpuctl: unknown command "apply"' },
    { name: 'a missing -f', argv: ['resolve'], fragment: 'resolve needs at least one manifest: -f <file>' },
    { name: '-f without a value', argv: ['resolve', '-f'], fragment: "Option '-f, --file <value>' argument missing" },
    { name: 'an unknown option', argv: ['resolve', '-f', 'x.yaml', '--force'], fragment: "Unknown option '--force'" },
    { name: 'a stray argument', argv: ['resolve', 'x.yaml'], fragment: 'unexpected argument "x.yaml"' },
    { name: 'an unknown output format', argv: ['resolve', '-f', 'x.yaml', '-o', 'xml'], fragment: '-o must be one of text, json, yaml, got "xml"' },
    { name: 'an unreadable file', argv: ['resolve', '-f', 'no/such.yaml'], fragment: 'error: no/such.yaml must be a readable file (no such file)' },
    { name: 'a file that is not YAML', argv: ['resolve', '-f', 'BROKEN'], fragment: 'must be valid YAML or JSON' },
    { name: 'a Deployment given as --profile', argv: ['resolve', '-f', 'examples/seed-deployment.yaml', '--profile', 'examples/seed-deployment.yaml'], fragment: 'error: --profile examples/seed-deployment.yaml document 1 must be a WorkloadProfile, got "Deployment"' },
    { name: 'a profile given as --pool', argv: ['resolve', '-f', 'examples/seed-deployment.yaml', '--pool', 'examples/seed-profile.yaml'], fragment: 'must be a GPUPool, got "WorkloadProfile"' },
    { name: 'a bad catalogue', argv: ['resolve', '-f', 'examples/seed-deployment.yaml', '--catalogue', 'BAD_CATALOGUE'], fragment: 'catalogue models[0].vram must' },
    { name: 'an empty catalogue file', argv: ['resolve', '-f', 'examples/seed-deployment.yaml', '--catalogue', 'EMPTY'], fragment: 'must hold exactly one document ({ models: [...] }), got 0' },
  ])('exits 2 with a message on stderr: $name', async ({ argv, fragment }) => {
    const files: Record<string, () => string> = {
      BROKEN: () => file('a: [\n'), BAD_CATALOGUE: () => file({ models: [{ model: 'G2', fp16Tflops: 1, vram: '32GB' }] }), EMPTY: () => file(''),
    };
    const { code, stdout, stderr } = await vgpuctl(...argv.map((arg) => files[arg]?.() ?? arg));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(fragment);
  });
});
