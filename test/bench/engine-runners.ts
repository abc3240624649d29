/**
 * One adapter per engine: prepare a workload once (outside the timed region: definitions are
 * validated and compiled there), then run executions of it. Every adapter returns the same
 * shape so the measuring loop treats them alike.
 */
import { createRequire } from 'node:module';
import { Engine, type Execution, type Json, type TaskHandler } from '@stepwise/engine';
import type { Workload, WorkloadHandler } from './workloads/index.ts';

export type EngineName = 'stepwise' | 'aws-local-stepfunctions' | 'baseline';
export const ENGINES: readonly EngineName[] = ['stepwise', 'aws-local-stepfunctions', 'baseline'];

export interface RunOutcome {
  output: Json;
  /** Anything the run holds on to afterwards (Stepwise's Execution with its history), kept alive for the retained-heap figure. */
  keep?: unknown;
  /** States entered, where the engine can tell. */
  transitions?: number;
}

export interface PreparedRunner {
  run(input: Json): Promise<RunOutcome>;
  /** Count what the engine recorded for the last run (outside any timing): states entered. */
  inspect?(keep: unknown): { transitions: number; eventTypes: Set<string> };
}

/** Why an engine cannot run a workload at all, or undefined if it can. */
export function unsupported(engine: EngineName, workload: Workload): string | undefined {
  if (engine === 'aws-local-stepfunctions' && workload.queryLanguage === 'JSONata') return 'n/a (aws-local-stepfunctions 3 has no JSONata)';
  return undefined;
}

export async function prepare(engine: EngineName, workload: Workload): Promise<PreparedRunner> {
  switch (engine) {
    case 'stepwise':
      return prepareStepwise(workload);
    case 'aws-local-stepfunctions':
      return prepareAwsLocal(workload);
    case 'baseline':
      return { run: async (input) => ({ output: await workload.baseline(input, workload.tasks?.() ?? {}) }) };
  }
}

function prepareStepwise(workload: Workload): PreparedRunner {
  const engine = new Engine({
    clock: 'virtual',
    seed: 1,
    // AWS's 25,000-event and 256 KiB quotas would stop the larger workloads; they run with those off, as the issue says.
    limits: {
      ...(workload.largeHistory && { maxHistoryEvents: Infinity, maxStateTransitions: 10_000_000 }),
      ...(workload.largePayload && { maxPayloadBytes: Infinity }),
    },
  });
  const machine = engine.createMachine(workload.definition, { name: workload.id });
  return {
    async run(input) {
      const execution = machine.start({ input, tasks: workload.tasks?.() as Record<string, TaskHandler> | undefined });
      const result = await execution.done;
      if (result.status !== 'SUCCEEDED') throw new Error(`Stepwise ${result.status}: ${result.error} ${result.cause}`);
      return { output: result.output, keep: execution };
    },
    inspect(keep) {
      const events = (keep as Execution).history();
      const eventTypes = new Set(events.map((e) => e.type));
      return { transitions: events.filter((e) => e.type.endsWith('StateEntered')).length, eventTypes };
    },
  };
}

interface AwsLocalMachine {
  run(input: Json, options?: unknown): { result: Promise<Json> };
}

function prepareAwsLocal(workload: Workload): PreparedRunner {
  installWithResolvers();
  const require = createRequire(import.meta.url);
  // Its CommonJS build: the package's ESM entry is fine too, but require keeps this adapter synchronous.
  const { StateMachine } = require('aws-local-stepfunctions') as { StateMachine: new (definition: unknown, options?: unknown) => AwsLocalMachine };
  const machine = new StateMachine(workload.definition);
  return {
    async run(input) {
      const handlers: Record<string, WorkloadHandler> = workload.tasks?.() ?? {};
      const taskResourceLocalHandlers: Record<string, (input: Json) => Promise<Json>> = {};
      for (const [name, handler] of Object.entries(handlers)) taskResourceLocalHandlers[name] = async (value) => handler(value);
      const execution = machine.run(input, { overrides: { taskResourceLocalHandlers, retryIntervalOverrides: workload.retryOverrides } });
      return { output: await execution.result };
    },
  };
}

/**
 * aws-local-stepfunctions 3 calls `Promise.withResolvers` (ES2024), which Node 20 lacks.
 * Polyfilled here, in the bench only: the engine under test never needs it.
 */
function installWithResolvers(): void {
  const P = Promise as unknown as { withResolvers?: () => unknown };
  if (P.withResolvers) return;
  P.withResolvers = function withResolvers<T>() {
    let resolve!: (value: T) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
