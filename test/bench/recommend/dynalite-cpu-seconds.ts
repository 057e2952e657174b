import { readdirSync, readFileSync } from 'node:fs';

/** The pid of the stack's dynalite listening on `port` (Linux /proc), or undefined when it cannot be found. */
function dynalitePid(port: string): string | undefined {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).find((pid) => {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return command.includes('dynalite') && command.includes(`--port\u0000${port}`);
    } catch {
      return false;
    }
  });
}

/**
 * A reader of the CPU time (seconds) the stack's dynalite process has used: the process is found once, each
 * read is one small /proc file, so reading it around a batch costs the measurement next to nothing. NaN
 * when the process cannot be found or read.
 */
export function dynaliteCpuSeconds(port: string): () => number {
  const pid = dynalitePid(port);
  return () => {
    if (pid === undefined) return Number.NaN;
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return Number.NaN;
    }
  };
}
