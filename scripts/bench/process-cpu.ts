// CPU time spent by the local server's processes (Linux /proc), by role, so the API benchmark can say which
// process a route's time goes to: wrangler's proxy, the Worker with its local D1, or wrangler itself.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export const ROLES = ["wrangler's proxy (workerd)", 'the Worker and local D1 (workerd)', 'wrangler (node)'] as const;
export type CpuByRole = Record<(typeof ROLES)[number], number>;

const MS_PER_TICK = 10; // USER_HZ is 100 on Linux

function stat(pid: string) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // from the 3rd field (state) on
  return { ppid: fields[1]!, ticks: Number(fields[11]) + Number(fields[12]) }; // utime + stime
}

function roleOf(pid: string): (typeof ROLES)[number] | undefined {
  const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  if (cmd.includes('workerd')) return cmd.includes('--inspector-addr') ? ROLES[1] : ROLES[0];
  if (cmd.includes('wrangler')) return ROLES[2];
  return undefined; // esbuild and the like
}

/** CPU milliseconds so far of `root` and its descendants, by role; null where /proc is not there (not Linux). */
export function cpuByRole(root: number): CpuByRole | null {
  if (!existsSync('/proc/self/stat')) return null;
  const stats = new Map<string, ReturnType<typeof stat>>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      stats.set(pid, stat(pid));
    } catch {} // ended meanwhile
  }
  const inTree = (pid: string): boolean => {
    const parent = stats.get(pid)?.ppid;
    return pid === String(root) || (parent !== undefined && inTree(parent));
  };
  const cpu = Object.fromEntries(ROLES.map((r) => [r, 0])) as CpuByRole;
  for (const [pid, { ticks }] of stats) {
    if (!inTree(pid)) continue;
    try {
      const role = roleOf(pid);
      if (role) cpu[role] += ticks * MS_PER_TICK;
    } catch {} // ended meanwhile
  }
  return cpu;
}
