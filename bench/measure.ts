/**
 * Measuring side by side on a shared machine: the tasks of one comparison run in
 * interleaved rounds (A B C, B C A, C A B…), so a burst of load hits all of them alike;
 * each round's time per operation is CPU time (user + system) and wall time; the figure
 * is the median over the rounds, after one warm-up round that is thrown away.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Task {
  name: string;
  /** One operation; may return a promise. */
  run: () => unknown;
}

export interface Timing {
  name: string;
  /** Median milliseconds per operation. */
  cpu: number;
  wall: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Runs each task for about `roundMs` per round, `rounds` rounds in rotating order. Each task
 * first runs `warmup` times (a lazy compile, say Handlebars' on first call, is not measured).
 */
export async function interleaved(tasks: Task[], { rounds = 7, roundMs = 250, warmup = 50 } = {}): Promise<Map<string, Timing>> {
  for (const task of tasks) for (let i = 0; i < warmup; i++) await task.run();
  // How many operations fill a round, from one calibration run of each.
  const batch = new Map<string, number>();
  for (const task of tasks) {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < roundMs / 4 || n < 1) {
      await task.run();
      n++;
    }
    batch.set(task.name, Math.max(1, Math.round((n * roundMs) / Math.max(1, performance.now() - start))));
  }
  const samples = new Map(tasks.map((task) => [task.name, { cpu: [] as number[], wall: [] as number[] }]));
  for (let round = 0; round <= rounds; round++) {
    for (let k = 0; k < tasks.length; k++) {
      const task = tasks[(k + round) % tasks.length];
      if (!task) continue;
      const n = batch.get(task.name) ?? 1;
      const cpu0 = cpuMs();
      const wall0 = performance.now();
      for (let i = 0; i < n; i++) await task.run();
      const wall = (performance.now() - wall0) / n;
      const cpu = (cpuMs() - cpu0) / n;
      // Round 0 warms the JIT and the caches.
      if (round > 0) {
        samples.get(task.name)?.cpu.push(cpu);
        samples.get(task.name)?.wall.push(wall);
      }
    }
  }
  return new Map(tasks.map((task) => {
    const s = samples.get(task.name) ?? { cpu: [], wall: [] };
    return [task.name, { name: task.name, cpu: median(s.cpu), wall: median(s.wall) }];
  }));
}

/** CPU milliseconds of waited-for child processes so far (Linux /proc; undefined elsewhere). */
function childrenCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ').at(-1)?.split(' ') ?? [];
    // Fields 16 and 17 of stat (cutime, cstime), counted after the command name; clock ticks of 1/100 s.
    const cutime = Number(fields[13]);
    const cstime = Number(fields[14]);
    return Number.isFinite(cutime) && Number.isFinite(cstime) ? (cutime + cstime) * 10 : undefined;
  } catch {
    return undefined;
  }
}

export interface Command {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
}

/** Fresh processes, run in rotating order `runs` times each (one warm-up run first): median wall and CPU. */
export function interleavedProcesses(commands: Command[], runs = 7): Map<string, Timing> {
  const samples = new Map(commands.map((c) => [c.name, { cpu: [] as number[], wall: [] as number[] }]));
  for (let round = 0; round <= runs; round++) {
    for (let k = 0; k < commands.length; k++) {
      const c = commands[(k + round) % commands.length];
      if (!c) continue;
      const cpu0 = childrenCpuMs();
      const wall0 = performance.now();
      const result = spawnSync(c.command, c.args, { cwd: c.cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
      const wall = performance.now() - wall0;
      const cpu1 = childrenCpuMs();
      if (result.status !== 0 && result.status !== 1) throw new Error(`${c.name}: ${c.command} ${c.args.join(' ')} exited ${result.status}: ${result.stderr}`);
      if (round === 0) continue;
      samples.get(c.name)?.wall.push(wall);
      if (cpu0 !== undefined && cpu1 !== undefined) samples.get(c.name)?.cpu.push(cpu1 - cpu0);
    }
  }
  return new Map(commands.map((c) => {
    const s = samples.get(c.name) ?? { cpu: [], wall: [] };
    return [c.name, { name: c.name, cpu: s.cpu.length ? median(s.cpu) : Number.NaN, wall: median(s.wall) }];
  }));
}

/** `met` or `MISSED`, with the measured value and the target, for RESULTS.md. */
export function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}
