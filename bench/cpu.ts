// CPU milliseconds spent by each part of the system during a phase of the benchmark: this
// process (API and load generator, all threads), the worker process, the Temporal server and
// PostgreSQL (every process of that name on the machine: the benchmark's own servers; Linux /proc only).
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ = 100 on Linux

/** [comm, utime + stime ticks] of a process, undefined once it is gone. */
function statOf(pid: string): [string, number] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const f = stat.slice(close + 2).split(' '); // f[0] is field 3 (state): utime is field 14, stime 15
    return [stat.slice(stat.indexOf('(') + 1, close), Number(f[11]) + Number(f[12])];
  } catch {
    return undefined;
  }
}

function ticksOf(comm: string): number {
  let sum = 0;
  for (const pid of readdirSync('/proc')) {
    const s = /^\d+$/.test(pid) ? statOf(pid) : undefined;
    if (s?.[0] === comm) sum += s[1];
  }
  return sum;
}

export interface CpuSample {
  api: number;
  worker: number;
  temporal: number;
  postgres: number;
}

export function cpuNow(workerPid: number): CpuSample {
  const u = process.cpuUsage();
  return {
    api: (u.user + u.system) / 1000,
    worker: (statOf(String(workerPid))?.[1] ?? 0) * TICK_MS,
    temporal: ticksOf('temporal') * TICK_MS,
    postgres: ticksOf('postgres') * TICK_MS,
  };
}

/** CPU milliseconds per operation of each part between two samples. */
export type CpuPerOp = CpuSample & { total: number };

export function cpuPerOp(a: CpuSample, b: CpuSample, ops: number): CpuPerOp {
  const per = (k: keyof CpuSample) => +((b[k] - a[k]) / ops).toFixed(2);
  const r = { api: per('api'), worker: per('worker'), temporal: per('temporal'), postgres: per('postgres') };
  return { ...r, total: +(r.api + r.worker + r.temporal + r.postgres).toFixed(2) };
}
