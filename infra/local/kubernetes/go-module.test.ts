import { describe, expect, it } from 'vitest';
import { pinnedVersions, requiredVersion } from './go-module.ts';

describe('Function: requiredVersion()', () => {
  it.each([
    { name: 'single-line require', goMod: 'module m\n\nrequire go.etcd.io/etcd/server/v3 v3.6.16\n', module: 'go.etcd.io/etcd/server/v3', expected: 'v3.6.16' },
    { name: 'require block, indirect (a tool dependency)', goMod: 'require (\n\tk8s.io/kubernetes v1.35.4 // indirect\n)\n', module: 'k8s.io/kubernetes', expected: 'v1.35.4' },
  ])('reads a $name', ({ goMod, module, expected }) => {
    expect(requiredVersion(goMod, module)).toBe(expected);
  });

  it.each([
    { name: 'module missing', goMod: 'module m\n' },
    { name: 'only a replace target', goMod: 'replace k8s.io/api => k8s.io/kubernetes v1.35.4\n' },
    { name: 'a longer module path', goMod: 'require k8s.io/kubernetes-extra v1.0.0\n' },
  ])('throws when the requirement is absent: $name', ({ goMod }) => {
    expect(() => requiredVersion(goMod, 'k8s.io/kubernetes')).toThrow('go.mod does not require k8s.io/kubernetes');
  });
});

describe('Function: pinnedVersions()', () => {
  it('reads a v1.3x Kubernetes and a v3.6 etcd from the committed go.mod files', async () => {
    const versions = await pinnedVersions();
    expect(versions.kubernetes).toMatch(/^v1\.3\d\.\d+$/);
    expect(versions.etcd).toMatch(/^v3\.6\.\d+$/);
  });
});
