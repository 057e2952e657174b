// A CA and a serving certificate for the admission webhook, made with the openssl CLI (3.x, for
// `req -x509 -CA`). The API server trusts the webhook through `caBundle` (the CA, base64); the server
// presents the leaf, whose subjectAltName must match the host the API server dials: the Service DNS name
// (`<service>.<namespace>.svc`) in a cluster, or 127.0.0.1 for the local stack and tests.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EC_KEY, openssl } from '../../local/kubernetes/certs.ts';

/** Options of {@link makeServingCertificates}. */
export interface CertificateOptions {
  /** DNS names and IP addresses the serving certificate is valid for (at least one). */
  readonly hosts: readonly string[];
  /** Validity in days (default 365). */
  readonly days?: number;
}

/** The files written and their PEM text. */
export interface ServingCertificates {
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  /** The CA as `caBundle` wants it: base64 of the PEM. */
  readonly caBundle: string;
}

const isIp = (host: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');

/** `subjectAltName=IP:127.0.0.1,DNS:svc.ns.svc`. */
export const subjectAltName = (hosts: readonly string[]): string =>
  `subjectAltName=${hosts.map((host) => `${isIp(host) ? 'IP' : 'DNS'}:${host}`).join(',')}`;

/** Write `ca.crt`/`ca.key` and `tls.crt`/`tls.key` (ECDSA P-256) into `dir` and return them. */
export async function makeServingCertificates(dir: string, options: CertificateOptions): Promise<ServingCertificates> {
  if (options.hosts.length === 0) throw new Error('makeServingCertificates needs at least one host');
  await mkdir(dir, { recursive: true });
  const days = String(options.days ?? 365);
  const files = { caFile: join(dir, 'ca.crt'), caKey: join(dir, 'ca.key'), certFile: join(dir, 'tls.crt'), keyFile: join(dir, 'tls.key') };
  await openssl(['req', '-x509', ...EC_KEY, '-keyout', files.caKey, '-out', files.caFile, '-days', days, '-subj', '/CN=vgpu-control-admission-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  await openssl(['req', '-x509', ...EC_KEY, '-keyout', files.keyFile, '-out', files.certFile, '-days', days, '-CA', files.caFile, '-CAkey', files.caKey,
    '-subj', `/CN=${options.hosts[0] ?? ''}`, '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'keyUsage=critical,digitalSignature',
    '-addext', 'extendedKeyUsage=serverAuth', '-addext', subjectAltName(options.hosts)]);
  const [caPem, certPem, keyPem] = await Promise.all([files.caFile, files.certFile, files.keyFile].map((file) => readFile(file, 'utf8')));
  return {
    caFile: files.caFile, certFile: files.certFile, keyFile: files.keyFile,
    caPem: caPem as string, certPem: certPem as string, keyPem: keyPem as string,
    caBundle: Buffer.from(caPem as string).toString('base64'),
  };
}
