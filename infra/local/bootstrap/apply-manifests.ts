import { readFileSync } from 'node:fs';
import * as k8s from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { waitUntil } from '../processes.ts';

const FIELD_MANAGER = 'vgpu-control-local';

const APPLY = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.ServerSideApply);

/**
 * Server-side apply every document of the YAML files. CRDs go through the typed patch call, whose
 * body is sent unchanged: the generic object API and typed creates run the body through client-node's
 * model serializer, which drops schema keys such as `x-kubernetes-int-or-string`.
 */
export async function applyManifests(config: k8s.KubeConfig, files: readonly string[]): Promise<number> {
  const generic = k8s.KubernetesObjectApi.makeApiClient(config);
  const extensions = config.makeApiClient(k8s.ApiextensionsV1Api);
  let applied = 0;
  for (const file of files) {
    for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const object = document.toJS() as k8s.KubernetesObject | null;
      if (object === null) continue;
      const name = object.metadata?.name ?? '';
      if (object.kind === 'CustomResourceDefinition') await extensions.patchCustomResourceDefinition({ name, body: object, fieldManager: FIELD_MANAGER, force: true }, APPLY);
      else await generic.patch(object, undefined, undefined, FIELD_MANAGER, true, k8s.PatchStrategy.ServerSideApply);
      applied++;
    }
  }
  return applied;
}

/** Wait until the named CRDs report the Established condition. */
export async function waitForCrds(config: k8s.KubeConfig, names: readonly string[]): Promise<void> {
  const api = config.makeApiClient(k8s.ApiextensionsV1Api);
  for (const name of names) {
    await waitUntil(`CRD ${name} established`, async () => {
      const crd = await api.readCustomResourceDefinition({ name });
      return crd.status?.conditions?.some((condition) => condition.type === 'Established' && condition.status === 'True') === true;
    }, 30_000);
  }
}
