// The informer (shared/adapters/kubernetes/informers) against the stack's kube-apiserver: it lists, then
// watches from the list's resourceVersion and hands on every later change once, in order; and resumed from
// a resourceVersion kept from an earlier run, it watches without listing and misses nothing since then.
// (A real 410 Gone cannot be forced here: the API server's watch cache keeps this stack's whole history, so
// the relist after 410 is tested against a fake API server in informer.test.ts.)
import * as k8s from '@kubernetes/client-node';
import { describe, expect, inject, it } from 'vitest';
import { createInformer, type InformerHandler } from '../../shared/adapters/kubernetes/informers/informer.ts';
import { createKubeHttp } from '../../shared/adapters/kubernetes/informers/kube-http.ts';
import { uniqueName, waitFor } from '../fixtures/handlers/harness.ts';
import { loadKubeConfig } from '../../shared/adapters/kubernetes/kube-config.ts';

const stack = inject('stack');

function recorder() {
  const calls: string[] = [];
  const handler: InformerHandler = {
    listed: async (objects) => { calls.push(`listed ${objects.map((object) => `${object.kind}/${object.metadata?.name}`).join(',')}`); },
    changed: async (event) => { calls.push(`${event.type} ${event.object.metadata?.name}`); },
  };
  return { calls, handler };
}

describe('Adapter: kubernetes informer (integration)', () => {
  it('lists, then watches on from the list, and resumes from a kept resourceVersion without listing', async () => {
    const config = loadKubeConfig({ kind: 'kubeconfig-file', path: stack.kubernetes.kubeconfig });
    const core = config.makeApiClient(k8s.CoreV1Api);
    const http = createKubeHttp(config);
    const namespace = uniqueName('agents-informer');
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    const resource = { path: `/api/v1/namespaces/${namespace}/configmaps`, labelSelector: 'watched=yes' };
    const configMap = (name: string, watched = 'yes') => core.createNamespacedConfigMap({ namespace, body: { metadata: { name, labels: { watched } }, data: { a: '1' } } });
    await configMap('before');
    await configMap('ignored', 'no');
    const first = recorder();
    const informer = createInformer({ http, resource, watchTimeoutSeconds: 2, handler: first.handler });
    try {
      await informer.synced;
      await configMap('after');
      await core.deleteNamespacedConfigMap({ name: 'before', namespace });
      await waitFor('the changes', () => first.calls.length >= 3, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 2_500)); // the server ends the watch; it is renewed
      expect(first.calls).toEqual(['listed ConfigMap/before', 'ADDED after', 'DELETED before']);
      expect(informer.stats()).toMatchObject({ lists: 1, relists: 0 });
      expect(informer.stats().watches).toBeGreaterThanOrEqual(2);
    } finally {
      await informer.stop();
    }
    const kept = informer.stats().resourceVersion;
    await configMap('while-away');
    const second = recorder();
    const resumed = createInformer({ http, resource, resumeFrom: kept ?? '0', handler: second.handler });
    try {
      await waitFor('the change made while away', () => second.calls.length >= 1, 30_000);
      expect(second.calls).toEqual(['ADDED while-away']);
      expect(resumed.stats().lists).toBe(0);
    } finally {
      await resumed.stop();
      await core.deleteNamespace({ name: namespace });
    }
  });
});
