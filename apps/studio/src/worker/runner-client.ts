/**
 * The page's side: start a run in the worker, watch its events arrive, stop it. A run whose
 * handler never yields (an endless loop) cannot hear "stop", so after a grace period the client
 * terminates the worker, reports the run ABORTED, and starts a fresh worker for the next run.
 */
import type { ExecutionResult, HistoryEvent } from '@stepwise/engine';
import type { RunnerMessage, RunnerRequest, StartRequest } from './protocol';

/** What the client needs of a Worker (a fake in tests). */
export interface WorkerLike {
  postMessage(message: RunnerRequest): void;
  addEventListener(type: 'message', listener: (event: { data: RunnerMessage }) => void): void;
  terminate(): void;
}

export interface RunHandle {
  runId: string;
  /** Every event so far, in order. */
  readonly events: HistoryEvent[];
  /** Resolves with the result; rejects with an Error when the run could not start. */
  done: Promise<ExecutionResult>;
  /** Called with each batch as it arrives. Returns the function that stops listening. */
  onEvents(listener: (batch: HistoryEvent[], all: HistoryEvent[]) => void): () => void;
  stop(reason?: { error?: string; cause?: string }): void;
}

export class RunStartError extends Error {
  constructor(message: string, readonly details: string[] = []) {
    super(message);
    this.name = 'RunStartError';
  }
}

interface RunState {
  events: HistoryEvent[];
  listeners: Set<(batch: HistoryEvent[], all: HistoryEvent[]) => void>;
  resolve(result: ExecutionResult): void;
  reject(error: Error): void;
  killTimer?: ReturnType<typeof setTimeout>;
  worker: WorkerLike;
}

export const defaultWorkerFactory = (): WorkerLike =>
  new Worker(new URL('./runner.worker.ts', import.meta.url), { type: 'module', name: 'stepwise-engine' }) as unknown as WorkerLike;

export class RunnerClient {
  private worker: WorkerLike | undefined;
  private readonly runs = new Map<string, RunState>();
  private counter = 0;

  constructor(
    private readonly createWorker: () => WorkerLike = defaultWorkerFactory,
    /** How long a stopped run may take to end before its worker is terminated (ms). */
    private readonly stopGraceMs = 2000,
  ) {}

  start(request: Omit<StartRequest, 'kind' | 'runId'> & { runId?: string }): RunHandle {
    const runId = request.runId ?? `run-${Date.now().toString(36)}-${(this.counter++).toString(36)}`;
    const worker = this.ensureWorker();
    let state!: RunState;
    const done = new Promise<ExecutionResult>((resolve, reject) => {
      state = { events: [], listeners: new Set(), resolve, reject, worker };
    });
    this.runs.set(runId, state);
    worker.postMessage({ ...request, kind: 'start', runId });
    return {
      runId,
      get events() {
        return state.events;
      },
      done,
      onEvents: (listener) => {
        state.listeners.add(listener);
        return () => state.listeners.delete(listener);
      },
      stop: (reason = {}) => this.stop(runId, reason),
    };
  }

  /** Terminate the worker and every run in it. */
  dispose(): void {
    if (!this.worker) return;
    this.kill(this.worker, 'The studio closed the engine worker.');
  }

  private stop(runId: string, reason: { error?: string; cause?: string }): void {
    const state = this.runs.get(runId);
    if (!state) return;
    state.worker.postMessage({ kind: 'stop', runId, ...reason });
    state.killTimer ??= setTimeout(() => {
      if (this.runs.has(runId)) this.kill(state.worker, 'The run did not stop (a task handler may be looping); its worker was terminated.');
    }, this.stopGraceMs);
  }

  private kill(worker: WorkerLike, cause: string): void {
    worker.terminate();
    if (this.worker === worker) this.worker = undefined;
    for (const [runId, state] of this.runs) {
      if (state.worker !== worker) continue;
      this.finish(runId, state);
      state.resolve({ status: 'ABORTED', error: 'Stepwise.WorkerTerminated', cause });
    }
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.addEventListener('message', (event) => this.receive(event.data));
    this.worker = worker;
    return worker;
  }

  private receive(message: RunnerMessage): void {
    const state = this.runs.get(message.runId);
    if (!state) return;
    switch (message.kind) {
      case 'started':
        break;
      case 'events':
        for (const e of message.events) state.events.push(e);
        for (const listener of state.listeners) listener(message.events, state.events);
        break;
      case 'done':
        this.finish(message.runId, state);
        state.resolve(message.result);
        break;
      case 'error':
        this.finish(message.runId, state);
        state.reject(new RunStartError(message.message, message.details));
        break;
    }
  }

  private finish(runId: string, state: RunState): void {
    if (state.killTimer !== undefined) clearTimeout(state.killTimer);
    this.runs.delete(runId);
  }
}
