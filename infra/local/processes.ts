import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A background process started by the stack: its pid (also its process group) and log file. */
export interface Started {
  readonly name: string;
  readonly pid: number;
  readonly log: string;
}

/**
 * Start `command` detached in its own process group, stdout and stderr appended to `log`, so it
 * outlives the `stack up` command and `stopProcess` can end it with all its children.
 */
export function startProcess(options: { name: string; command: string; args: readonly string[]; log: string; env?: NodeJS.ProcessEnv; cwd?: string }): Started {
  const fd = openSync(options.log, 'a');
  const child = spawn(options.command, options.args, {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, ...options.env },
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`could not start ${options.name} (${options.command})`);
  child.unref();
  return { name: options.name, pid: child.pid, log: options.log };
}

/** Whether a process with this pid is alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** End a process group: SIGTERM, wait up to `graceMs`, then SIGKILL. Resolves once it is gone. */
export async function stopProcess(pid: number, graceMs = 10_000): Promise<void> {
  const signal = (name: NodeJS.Signals): void => {
    try { process.kill(-pid, name); } catch { /* already gone */ }
    try { process.kill(pid, name); } catch { /* already gone */ }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) signal('SIGKILL');
  while (isAlive(pid)) await sleep(50);
}

/** Poll `check` until it resolves true or `timeoutMs` passes; throws with `what` on time-out. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch { /* not ready yet */ }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}
