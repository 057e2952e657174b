import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cacheDir } from '../cache.ts';

const exec = promisify(execFile);
const POM = fileURLToPath(new URL('./pom.xml', import.meta.url));
const MARKER = 'resolved.json';
const MAVEN_TIMEOUT_MS = 10 * 60_000;

/** The broker's runtime classpath: a folder of jars (`java -cp '<classpathDir>/*'`), its Kafka version, and how long getting it took. */
export interface KafkaJars {
  readonly classpathDir: string;
  readonly version: string;
  readonly ms: number;
}

/** The Kafka version pinned in `pom.xml` (`<kafka.version>`), the one place it is set. */
export function kafkaVersion(pomText: string = readFileSync(POM, 'utf8')): string {
  const match = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pomText);
  if (match?.[1] === undefined) throw new Error(`no <kafka.version> in ${POM}`);
  return match[1];
}

/**
 * Make sure the Kafka broker jars are in the cache (`cacheDir('kafka', version)/libs`), resolving
 * them from Maven Central with `mvn dependency:copy-dependencies` only when the cache is missing or
 * was resolved from a different pom. A marker file is written last, so an interrupted run resolves again.
 */
export async function ensureKafkaJars(): Promise<KafkaJars> {
  const started = performance.now();
  const pomText = readFileSync(POM, 'utf8');
  const version = kafkaVersion(pomText);
  const root = cacheDir('kafka', version);
  const libs = join(root, 'libs');
  const pomSha256 = createHash('sha256').update(pomText).digest('hex');
  if (!isResolved(join(root, MARKER), pomSha256)) {
    await resolveJars({ root, libs });
    const jars = readdirSync(libs).filter((file) => file.endsWith('.jar')).length;
    writeFileSync(join(root, MARKER), `${JSON.stringify({ version, pomSha256, jars, resolvedAt: new Date().toISOString() }, null, 2)}\n`);
  }
  return { classpathDir: libs, version, ms: Math.round(performance.now() - started) };
}

function isResolved(marker: string, pomSha256: string): boolean {
  if (!existsSync(marker)) return false;
  try {
    return (JSON.parse(readFileSync(marker, 'utf8')) as { pomSha256?: unknown }).pomSha256 === pomSha256;
  } catch {
    return false;
  }
}

/** Copy the jars into a private folder first, then swap it in, so a concurrent reader never sees half a classpath. */
async function resolveJars(options: { root: string; libs: string }): Promise<void> {
  const staging = `${options.libs}.tmp-${process.pid}`;
  mkdirSync(options.root, { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  const args = ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`];
  try {
    await exec('mvn', args, { timeout: MAVEN_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const output = error instanceof Error && 'stdout' in error ? `${String(error.stdout)}${String((error as { stderr?: unknown }).stderr)}` : '';
    throw new Error(`mvn could not resolve the Kafka jars (${POM}): ${output.slice(-2000)}`, { cause: error });
  }
  rmSync(options.libs, { recursive: true, force: true });
  renameSync(staging, options.libs);
}
