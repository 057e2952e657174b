import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A certificate and its private key, as PEM file paths. */
export interface KeyPair {
  readonly cert: string;
  readonly key: string;
}

/** Every credential the local control plane uses, as PEM file paths under one folder. */
export interface Certificates {
  readonly caFile: string;
  readonly caKeyFile: string;
  /** kube-apiserver serving certificate for 127.0.0.1, localhost and the in-cluster names. */
  readonly apiserver: KeyPair;
  /** CN=kubernetes-admin, O=system:masters. */
  readonly admin: KeyPair;
  readonly controllerManager: KeyPair;
  readonly scheduler: KeyPair;
  /** Service-account token signing key (private) and verification key (public). */
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
}

/** SANs of the serving certificate; 10.0.0.1 is the `kubernetes` Service IP in SERVICE_CLUSTER_IP_RANGE. */
const APISERVER_SANS = 'IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local';
const DAYS = '3650';
/** `openssl req` arguments for a new, unencrypted ECDSA P-256 key. */
export const EC_KEY: readonly string[] = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/**
 * Create (once per folder) a self-signed CA, the apiserver serving certificate, client certificates
 * for admin, controller-manager and scheduler, and the service-account key pair. ECDSA P-256 keeps
 * this to a few tens of milliseconds. Requires the `openssl` CLI (3.x, for `req -x509 -CA`).
 */
export async function ensureCertificates(dir: string): Promise<Certificates> {
  const certs = certificatePaths(dir);
  if (existsSync(certs.serviceAccountPub)) return certs;
  await mkdir(dir, { recursive: true });
  await openssl(['req', '-x509', ...EC_KEY, '-keyout', certs.caKeyFile, '-out', certs.caFile, '-days', DAYS,
    '-subj', '/CN=vgpu-local-ca', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  await Promise.all([
    signed({ ca: certs, pair: certs.apiserver, subject: '/CN=kube-apiserver', extensions: ['extendedKeyUsage=serverAuth', `subjectAltName=${APISERVER_SANS}`] }),
    signed({ ca: certs, pair: certs.admin, subject: '/O=system:masters/CN=kubernetes-admin', extensions: ['extendedKeyUsage=clientAuth'] }),
    signed({ ca: certs, pair: certs.controllerManager, subject: '/CN=system:kube-controller-manager', extensions: ['extendedKeyUsage=clientAuth'] }),
    signed({ ca: certs, pair: certs.scheduler, subject: '/CN=system:kube-scheduler', extensions: ['extendedKeyUsage=clientAuth'] }),
  ]);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  await writeFile(certs.serviceAccountKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  await writeFile(certs.serviceAccountPub, publicKey.export({ type: 'spki', format: 'pem' }));
  return certs;
}

/** Where `ensureCertificates` puts each file inside `dir`. */
export function certificatePaths(dir: string): Certificates {
  const pair = (name: string): KeyPair => ({ cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) });
  return {
    caFile: join(dir, 'ca.crt'),
    caKeyFile: join(dir, 'ca.key'),
    apiserver: pair('apiserver'),
    admin: pair('admin'),
    controllerManager: pair('kube-controller-manager'),
    scheduler: pair('kube-scheduler'),
    serviceAccountKey: join(dir, 'service-account.key'),
    serviceAccountPub: join(dir, 'service-account.pub'),
  };
}

/** A leaf certificate signed by the CA in one `openssl req -x509 -CA` call. */
async function signed(options: { ca: Certificates; pair: KeyPair; subject: string; extensions: readonly string[] }): Promise<void> {
  await openssl(['req', '-x509', ...EC_KEY, '-keyout', options.pair.key, '-out', options.pair.cert, '-days', DAYS,
    '-CA', options.ca.caFile, '-CAkey', options.ca.caKeyFile, '-subj', options.subject,
    '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'keyUsage=critical,digitalSignature',
    ...options.extensions.flatMap((extension) => ['-addext', extension])]);
}

/** Run the `openssl` CLI; a failure names the subcommand and carries openssl's stderr (or the spawn error). */
export async function openssl(args: readonly string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (error) {
    throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${String((error as { stderr?: string }).stderr ?? error).trim()}`, { cause: error });
  }
}
