// Global setup of the integration project: use the stack `npm run stack -- up` started (as .ci/run
// does), or start one for this run and stop it afterwards. Tests read the endpoints with inject('stack').
import type { TestProject } from 'vitest/node';
import { readEndpoints, type StackEndpoints } from '../infra/local/endpoints.ts';
import { down, isUp, up } from '../infra/local/stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackEndpoints;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const running = readEndpoints();
  const startedHere = !isUp(running);
  const endpoints = startedHere ? await up() : running;
  project.provide('stack', endpoints);
  return async () => {
    if (startedHere) await down();
  };
}
