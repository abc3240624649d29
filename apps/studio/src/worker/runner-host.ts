/**
 * The worker's side of the protocol as a plain function of messages in and a `post` callback
 * out, so it runs (and is tested) in Node as well as inside the Worker.
 */
import { Engine, InvalidDefinitionError, MockConfigError, sequentialResponder, type EngineOptions, type Execution, type HistoryEvent, type Json, type TaskHandler } from '@stepwise/engine';
import type { RunnerMessage, RunnerRequest, StartRequest } from './protocol';

export interface RunnerHostOptions {
  /** Most events in one batch message. */
  maxBatch?: number;
  /** How long events may wait to be batched (ms); the page sees progress at about this rate. */
  flushMs?: number;
  /** Timer functions (tests pass their own). */
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export interface RunnerHost {
  handle(request: RunnerRequest): void;
  /** Runs still going. */
  readonly active: number;
}

export function createRunnerHost(post: (message: RunnerMessage) => void, options: RunnerHostOptions = {}): RunnerHost {
  const maxBatch = options.maxBatch ?? 500;
  const flushMs = options.flushMs ?? 50;
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const runs = new Map<string, Execution>();

  function start(request: StartRequest): void {
    const { runId } = request;
    if (runs.has(runId)) return post({ kind: 'error', runId, message: `A run with id ${runId} is already going.` });
    let tasks: Record<string, TaskHandler>;
    try {
      tasks = compileHandlers(request.handlers ?? {});
    } catch (error) {
      return post({ kind: 'error', runId, message: error instanceof Error ? error.message : String(error) });
    }
    const engineOptions: EngineOptions = { clock: request.clock, tasks };
    if (request.seed !== undefined) engineOptions.seed = request.seed;
    const mocks = request.mocks;
    if (mocks?.type === 'mock-config') engineOptions.mockConfig = mocks.config;
    let execution: Execution;
    let pending: HistoryEvent[] = [];
    let timer = false;
    const flush = () => {
      timer = false;
      if (pending.length === 0) return;
      const events = pending;
      pending = [];
      post({ kind: 'events', runId, events });
    };
    try {
      const engine = new Engine(engineOptions);
      const machine = engine.createMachine(request.definition as never, { name: mocks?.type === 'mock-config' ? mocks.machineName : undefined });
      execution = machine.start({
        input: (request.input ?? {}) as Json,
        name: request.name,
        testCase: mocks?.type === 'mock-config' ? mocks.testCase : undefined,
        responder: mocks?.type === 'responses' ? sequentialResponder(mocks.responses) : undefined,
        onEvent: (event) => {
          pending.push(event);
          if (pending.length >= maxBatch) flush();
          else if (!timer) {
            timer = true;
            setTimer(flush, flushMs);
          }
        },
      });
    } catch (error) {
      const details = error instanceof InvalidDefinitionError ? error.diagnostics.filter((d) => d.severity === 'ERROR').map((d) => `${d.code} at ${d.location || '/'}: ${d.message}`) : undefined;
      const message = error instanceof InvalidDefinitionError
        ? 'The definition is not valid; fix the problems before running it.'
        : error instanceof MockConfigError ? `Mock configuration: ${error.message}` : error instanceof Error ? error.message : String(error);
      return post({ kind: 'error', runId, message, details });
    }
    runs.set(runId, execution);
    post({ kind: 'started', runId, executionArn: execution.arn, name: execution.name });
    void execution.done.then((result) => {
      flush();
      runs.delete(runId);
      post({ kind: 'done', runId, result, eventCount: execution.history().length });
    });
  }

  return {
    handle(request) {
      if (request.kind === 'start') start(request);
      else if (request.kind === 'stop') runs.get(request.runId)?.stop({ error: request.error, cause: request.cause });
    },
    get active() {
      return runs.size;
    },
  };
}

/**
 * A handler's source is a function expression (`async (input, context) => …`,
 * `function (input) { … }`), a single expression of `input` and `context` (`input.n * 2`), or a
 * function body that returns the result. Compiled here, inside the worker, with `new Function`.
 */
export function compileHandler(resource: string, source: string): TaskHandler {
  const text = source.trim();
  let compiled: unknown;
  try {
    compiled = looksLikeFunction(text) ? new Function(`"use strict"; return (${text});`)() : expressionOrBody(text);
  } catch (error) {
    throw new Error(`The handler for ${resource} does not compile: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof compiled !== 'function') throw new Error(`The handler for ${resource} is not a function.`);
  const fn = compiled as (input: Json, context: unknown) => Json | Promise<Json>;
  return async (input, context) => {
    const result = await fn(input, context);
    // A handler returning nothing gives the state an empty result rather than breaking the data flow.
    return result === undefined ? null : result;
  };
}

export function compileHandlers(sources: Record<string, string>): Record<string, TaskHandler> {
  const handlers: Record<string, TaskHandler> = {};
  for (const [resource, source] of Object.entries(sources)) handlers[resource] = compileHandler(resource, source);
  return handlers;
}

function expressionOrBody(text: string): unknown {
  try {
    return new Function('input', 'context', `"use strict"; return (${text}\n);`);
  } catch {
    return new Function('input', 'context', `"use strict";\n${text}`);
  }
}

function looksLikeFunction(text: string): boolean {
  return /^(async\s+)?function\b/.test(text) || /^(async\s*)?(\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>/.test(text);
}
