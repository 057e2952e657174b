import { describe, expect, it } from 'vitest';
import { versionLdflags } from './build.ts';
import { certificatePaths } from './certs.ts';
import { apiserverArgs, controllerManagerArgs, etcdArgs, schedulerArgs } from './flags.ts';

const ports = { etcdClient: 2379, etcdPeer: 2380, apiserver: 6443 };
const certs = certificatePaths('/state/pki');

describe('Function: apiserverArgs()', () => {
  const args = apiserverArgs({ certs, ports });

  it.each([
    { name: 'loopback only', flag: '--bind-address=127.0.0.1' },
    { name: 'etcd on its client port', flag: '--etcd-servers=http://127.0.0.1:2379' },
    { name: 'Node and RBAC authorization', flag: '--authorization-mode=Node,RBAC' },
    { name: 'client certificates from the local CA', flag: '--client-ca-file=/state/pki/ca.crt' },
    { name: 'a service IP range', flag: '--service-cluster-ip-range=10.0.0.0/24' },
    { name: 'no loopback Endpoints for the kubernetes Service', flag: '--endpoint-reconciler-type=none' },
  ])('sets $name', ({ flag }) => {
    expect(args).toContain(flag);
  });

  it('keeps the default admission plugins, webhooks included', () => {
    expect(args.some((arg) => arg.startsWith('--enable-admission-plugins') || arg.startsWith('--disable-admission-plugins'))).toBe(false);
  });
});

describe('Function: etcdArgs()', () => {
  it('names one member on loopback client and peer URLs', () => {
    expect(etcdArgs({ dataDir: '/state/etcd', ports })).toEqual(expect.arrayContaining([
      '--listen-client-urls=http://127.0.0.1:2379', '--initial-cluster=local=http://127.0.0.1:2380', '--data-dir=/state/etcd',
    ]));
  });
});

describe('Function: controllerManagerArgs() and schedulerArgs()', () => {
  it.each([
    { name: 'controller-manager', args: controllerManagerArgs({ certs, kubeconfig: '/state/cm.kubeconfig' }) },
    { name: 'scheduler', args: schedulerArgs({ kubeconfig: '/state/scheduler.kubeconfig' }) },
  ])('$name serves no port and elects no leader', ({ args }) => {
    expect(args).toEqual(expect.arrayContaining(['--secure-port=0', '--leader-elect=false']));
  });

  it('turns the node-lifecycle controller off, so kubelet-less nodes stay Ready', () => {
    expect(controllerManagerArgs({ certs, kubeconfig: '/k' })).toContain('--controllers=*,-node-lifecycle-controller');
  });
});

describe('Function: versionLdflags()', () => {
  it('stamps version, major and minor into component-base and client-go', () => {
    const flags = versionLdflags('v1.35.4');
    expect(flags).toEqual(expect.arrayContaining([
      '-X k8s.io/component-base/version.gitVersion=v1.35.4', '-X k8s.io/component-base/version.gitMinor=35',
      '-X k8s.io/client-go/pkg/version.gitMajor=1',
    ]));
  });
});
