import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { podOfCgroup } from './cgroup-pod.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../../test/fixtures/gpu/${name}`, import.meta.url), 'utf8');

describe('Function: podOfCgroup()', () => {
  it.each([
    {
      name: 'cgroup v1 (cgroupfs driver)', text: fixture('cgroup-v1.txt'),
      expected: { podUid: '7d2c1e0a-9b3f-4c55-8a1e-2f6b0c9d8e71', containerId: '3f9a2b1c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8' },
    },
    {
      name: 'cgroup v2 (systemd driver, underscores)', text: fixture('cgroup-v2.txt'),
      expected: { podUid: '5a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9', containerId: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d' },
    },
    { name: 'a pod cgroup without a container', text: '0::/kubepods/besteffort/pod7D2C1E0A-9B3F-4C55-8A1E-2F6B0C9D8E71', expected: { podUid: '7d2c1e0a-9b3f-4c55-8a1e-2f6b0c9d8e71' } },
    { name: 'a container segment that is no id', text: '0::/kubepods/pod7d2c1e0a-9b3f-4c55-8a1e-2f6b0c9d8e71/not-an-id', expected: { podUid: '7d2c1e0a-9b3f-4c55-8a1e-2f6b0c9d8e71' } },
    { name: 'a host process', text: '0::/system.slice/sshd.service\n', expected: undefined },
    { name: 'nothing', text: '', expected: undefined },
  ])('$name', ({ text, expected }) => {
    expect(podOfCgroup(text)).toEqual(expected);
  });
});
