// node agents/admission-server/main.ts — the admission webhook over HTTPS, configured by environment
// (see README.md). TLS comes from the mounted Secret's files and is reloaded when they change, so a
// rotated certificate needs no restart.
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { z } from 'zod';
import { parseOptions } from '../../shared/middleware/parse-options.ts';
import { admitDepsOf, admitEnvSchema } from '../../functions/admit-pod/deps-from-env.ts';
import { createAdmitPodHandler } from '../../functions/admit-pod/handler.ts';
import { createAdmissionServer } from './server.ts';

const envSchema = admitEnvSchema.extend({
  ADMISSION_HOST: z.string().min(1).default('0.0.0.0'),
  ADMISSION_PORT: z.coerce.number().int().min(1).max(65_535).default(8443),
  TLS_CERT_FILE: z.string().min(1).default('/etc/admission/tls/tls.crt'),
  TLS_KEY_FILE: z.string().min(1).default('/etc/admission/tls/tls.key'),
  CERT_RELOAD_INTERVAL_MS: z.coerce.number().int().min(1_000).default(30_000),
});

const env = parseOptions('admission-server environment', envSchema, process.env);
const readTls = () => ({ cert: readFileSync(env.TLS_CERT_FILE, 'utf8'), key: readFileSync(env.TLS_KEY_FILE, 'utf8') });
const handler = createAdmitPodHandler(admitDepsOf(env));
const server = createAdmissionServer({ handler, tls: readTls() });

const reload = (): void => {
  try {
    server.setSecureContext(readTls());
    console.log('admission-server: TLS certificate reloaded');
  } catch (error) {
    console.error('admission-server: TLS reload failed, keeping the previous certificate', error);
  }
};
watchFile(env.TLS_CERT_FILE, { interval: env.CERT_RELOAD_INTERVAL_MS }, reload);

server.listen(env.ADMISSION_PORT, env.ADMISSION_HOST, () => {
  console.log(`admission-server: listening on https://${env.ADMISSION_HOST}:${env.ADMISSION_PORT} (/mutate-v1-pod, /healthz)`);
});

const stop = (): void => {
  unwatchFile(env.TLS_CERT_FILE);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
