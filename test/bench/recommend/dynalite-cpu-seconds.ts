import { readdirSync, readFileSync } from 'node:fs';

/** CPU time the stack's dynalite process has used (Linux /proc), or undefined when it cannot be found. */
export function dynaliteCpuSeconds(port: string): number | undefined {
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('dynalite') || !command.includes(`--port\u0000${port}`)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      continue;
    }
  }
  return undefined;
}
