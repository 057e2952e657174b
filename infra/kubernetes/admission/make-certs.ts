// node infra/kubernetes/admission/make-certs.ts [--out .vgpu/admission] [--namespace vgpu-system]
//   [--service vgpu-admission] [--url https://127.0.0.1:8443/mutate-v1-pod] [--days 365]
// Makes a CA and a serving certificate for the webhook, then writes next to them the TLS Secret
// (secret.yaml) and the MutatingWebhookConfiguration with `caBundle` filled (mutating-webhook.yaml).
// With --url (the local stack, or a webhook outside the cluster) the configuration calls that URL and
// the certificate is issued for its host; otherwise for the Service's DNS names.
// Then: kubectl apply -f infra/kubernetes/admission/ && kubectl apply -f <out>/
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { makeServingCertificates } from './certs.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '.vgpu/admission' },
    namespace: { type: 'string', default: 'vgpu-system' },
    service: { type: 'string', default: 'vgpu-admission' },
    url: { type: 'string' },
    days: { type: 'string', default: '365' },
  },
});

const serviceHosts = [`${values.service}.${values.namespace}.svc`, `${values.service}.${values.namespace}.svc.cluster.local`];
const hosts = values.url === undefined ? serviceHosts : [new URL(values.url).hostname.replace(/^\[|\]$/g, '')];
const certs = await makeServingCertificates(values.out, { hosts, days: Number(values.days) });

const secret = {
  apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls',
  metadata: { name: 'vgpu-admission-tls', namespace: values.namespace },
  data: { 'tls.crt': Buffer.from(certs.certPem).toString('base64'), 'tls.key': Buffer.from(certs.keyPem).toString('base64'), 'ca.crt': certs.caBundle },
};
await writeFile(join(values.out, 'secret.yaml'), stringify(secret), { mode: 0o600 });

type Webhook = { clientConfig: Record<string, unknown> };
const template = parse(await readFile(new URL('webhook/mutating-webhook.yaml', import.meta.url), 'utf8')) as { webhooks: Webhook[] };
for (const webhook of template.webhooks) {
  webhook.clientConfig = values.url === undefined
    ? { service: { name: values.service, namespace: values.namespace, path: '/mutate-v1-pod', port: 443 }, caBundle: certs.caBundle }
    : { url: values.url, caBundle: certs.caBundle };
}
await writeFile(join(values.out, 'mutating-webhook.yaml'), stringify(template));
console.log(`wrote ${certs.caFile}, ${certs.certFile}, ${certs.keyFile}, secret.yaml and mutating-webhook.yaml (caBundle filled) to ${values.out} for ${hosts.join(', ')}`);
