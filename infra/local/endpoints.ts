import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm run stack` keeps its state, logs and endpoints: `$VGPU_STACK_DIR` or `.vgpu/stack` in the repository. */
export function stackDir(): string {
  return process.env['VGPU_STACK_DIR'] ?? join(import.meta.dirname, '..', '..', '.vgpu', 'stack');
}

/** The endpoints file tests and `npm start` read. */
export const endpointsFile = (): string => join(stackDir(), 'endpoints.json');

/** What a running local stack offers, as written to the endpoints file. */
export interface StackEndpoints {
  readonly startedAt: string;
  readonly kafka: { readonly bootstrap: string; readonly version: string };
  readonly kubernetes: { readonly server: string; readonly kubeconfig: string; readonly caFile: string; readonly version: string };
  readonly dynamodb: { readonly endpoint: string; readonly region: string };
  readonly processes: readonly { readonly name: string; readonly pid: number; readonly log: string }[];
}

/** The endpoints of the running stack, or undefined when none was written. */
export function readEndpoints(): StackEndpoints | undefined {
  const file = endpointsFile();
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StackEndpoints) : undefined;
}
