/**
 * Measures one workload on one engine, in a process of its own, and prints one JSON line.
 *
 *   node --conditions=@stepwise/source --import tsx --expose-gc test/bench/engine-measure.ts <workload-id> <engine> [budget-ms]
 *
 * A fresh process per measurement keeps one engine's garbage, JIT state and heap growth out of
 * another's figures, and lets the parent kill a run that takes too long. Peak memory is the
 * kernel's high-water mark of this process's resident set (`resourceUsage().maxRSS`), which
 * catches spikes a timer-based sampler would miss: with a virtual clock a whole execution can
 * run on microtasks alone, so a sampling timer on this thread would never get a turn. A worker
 * thread samples RSS too, as a cross-check that the high-water mark belongs to the run.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Json } from '@stepwise/engine';
import { prepare, type EngineName } from './engine-runners.ts';
import { workloadById } from './workloads/index.ts';

export interface Measurement {
  workload: string;
  engine: EngineName;
  /** Mean wall time of the warm executions (after the cold one), or the cold one's when it took over 5 s. */
  wallMs: number;
  /**
   * Mean CPU time (user + system, this process, all threads: GC helpers included) of the same
   * executions. On a machine shared with other work it is far steadier than wall time.
   */
  cpuMs: number;
  /** Wall time of the first, cold execution (JIT not yet warm). */
  firstMs: number;
  runs: number;
  /** Peak resident set of the whole process, MiB (includes Node and the loaded code, ~50-80 MiB). */
  peakRssMiB: number;
  /** Peak RSS seen by the sampling thread, MiB. */
  sampledRssMiB: number;
  /** RSS before the first execution, MiB: what the process holds before any work. */
  idleRssMiB: number;
  /** Heap still in use after one more execution with its result (and Stepwise's execution and history) kept, after GC, minus the idle heap. */
  retainedHeapMiB: number;
  /** Digest of the output in a canonical (key-sorted) JSON form, to compare engines. */
  outputDigest: string;
  outputBytes: number;
  /** States entered per execution, as the engine recorded them (Stepwise only). */
  transitions?: number;
  eventTypes?: string[];
}

const MiB = 1024 * 1024;
/** A first run longer than this is not repeated (it would cost the whole bench too much time). */
const WARM_RUN_LIMIT_MS = 5000;
/** Untimed warm-up before the timed runs: at least this share of the budget and this many runs. */
const WARM_UP_SHARE = 0.5;
const WARM_UP_RUNS = 10;

async function main(): Promise<void> {
  const [workloadId, engineName, budgetText] = process.argv.slice(2);
  const workload = workloadById(workloadId);
  const engine = engineName as EngineName;
  const budgetMs = Number(budgetText ?? 1000);
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

  const runner = await prepare(engine, workload);
  // Inputs are built before measuring: making a 100,000-item array is not the engine's work.
  const inputs: Json[] = [workload.input()];
  gc();
  const idleHeap = process.memoryUsage().heapUsed;
  const idleRss = process.memoryUsage().rss;
  const sampler = startRssSampler(Number(process.env.BENCH_CPU_CAP_MS ?? Infinity));

  let start = performance.now();
  let cpuStart = process.cpuUsage();
  await runner.run(inputs[0]);
  const firstMs = performance.now() - start;
  const firstCpuMs = cpuMsSince(cpuStart);
  let runs = 0;
  let total = 0;
  let totalCpu = 0;
  if (firstMs < WARM_RUN_LIMIT_MS) {
    // Warm: repeat until the budget is spent, each run on a fresh input: at least 3 runs when
    // they are quick, at least 1 otherwise (a cold run is no fair figure: the JIT is not warm yet).
    const minimumRuns = firstMs * 2 < budgetMs ? 3 : 1;
    // A large run's garbage is collected before the next one starts (outside the timing): its
    // peak memory is then its own, not its own plus whatever the run before left uncollected.
    // With a pause after it: the collector's helper threads finish sweeping meanwhile, so their
    // CPU time is not counted against the next run.
    const collectBetweenRuns = workload.collectBetweenRuns === true;
    // A warm-up first, untimed, as benchmark tools do (every engine alike): right after the
    // cold run the JIT is still compiling and optimising (Stepwise's Map of 10,000 items takes
    // four or five runs to settle, its Choice loop seven or eight). At least WARM_UP_RUNS runs
    // and WARM_UP_SHARE of the budget, unless the runs are so slow that twice the budget has gone by.
    const warmUpStart = performance.now();
    for (let warmUpRuns = 0; ; ) {
      // Large runs start from a collected heap here too, or the peak would be two runs' worth.
      if (collectBetweenRuns) gc();
      await runner.run(workload.input());
      const elapsed = performance.now() - warmUpStart;
      if ((++warmUpRuns >= WARM_UP_RUNS && elapsed >= budgetMs * WARM_UP_SHARE) || elapsed >= budgetMs * 2) break;
    }
    while (total < budgetMs || runs < minimumRuns) {
      const input = workload.input();
      if (collectBetweenRuns) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      start = performance.now();
      cpuStart = process.cpuUsage();
      // The result is dropped at once: holding it (with Stepwise's history) would double the next run's peak.
      await runner.run(input);
      total += performance.now() - start;
      totalCpu += cpuMsSince(cpuStart);
      runs++;
    }
  } else {
    // Too slow to repeat: the one cold run is the figure.
    runs = 1;
    total = firstMs;
    totalCpu = firstCpuMs;
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const sampledRss = await sampler.stop();

  // Retained heap: one more run, its result kept, everything else collected.
  inputs.length = 0;
  gc();
  const baseHeap = Math.min(idleHeap, process.memoryUsage().heapUsed);
  const kept = await runner.run(workload.input());
  gc();
  const retainedHeap = process.memoryUsage().heapUsed - baseHeap;

  const text = canonicalJson(kept.output);
  const inspected = runner.inspect?.(kept.keep);
  const measurement: Measurement = {
    workload: workload.id,
    engine,
    wallMs: total / runs,
    cpuMs: totalCpu / runs,
    firstMs,
    runs,
    peakRssMiB: peakRss / MiB,
    sampledRssMiB: sampledRss / MiB,
    idleRssMiB: idleRss / MiB,
    retainedHeapMiB: retainedHeap / MiB,
    outputDigest: createHash('sha256').update(text).digest('hex'),
    outputBytes: Buffer.byteLength(text),
    ...(inspected && { transitions: inspected.transitions, eventTypes: [...inspected.eventTypes].sort() }),
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** JSON with object keys sorted, so outputs equal as values compare equal as text. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}

/**
 * Samples the process's RSS every 5 ms from a worker thread (RSS and CPU usage are per process,
 * so a worker sees the main thread's too). Past `cpuCapMs` of CPU time it kills the process: the
 * parent then reports the engine as too slow. A CPU cap rather than a wall-clock one keeps the
 * verdict the same on a machine busy with other work.
 */
function startRssSampler(cpuCapMs: number): { stop(): Promise<number> } {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    let peak = 0;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
      const cpu = process.cpuUsage();
      if ((cpu.user + cpu.system) / 1000 > workerData.cpuCapMs) process.kill(process.pid, 'SIGKILL');
    }, 5);
    parentPort.on('message', () => { clearInterval(timer); parentPort.postMessage(Math.max(peak, process.memoryUsage.rss())); });
  `;
  const worker = new Worker(source, { eval: true, workerData: { cpuCapMs } });
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        worker.once('message', (peak: number) => {
          void worker.terminate();
          resolve(peak);
        });
        worker.postMessage('stop');
      }),
  };
}

// Run only as a script (the suite imports canonicalJson from here).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
