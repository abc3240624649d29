/**
 * Messages between the page and the engine's Web Worker. Plain data only (structured clone):
 * task handlers travel as JavaScript source and are compiled inside the worker, never in the page.
 */
import type { ExecutionResult, HistoryEvent, MockConfigFile, MockedResponse } from '@stepwise/engine';

/** How Task states behave when no handler claims them. */
export type TaskMocks =
  /** A Step Functions Local `MockConfigFile.json` and the test case to run. */
  | { type: 'mock-config'; config: MockConfigFile; testCase: string; machineName: string }
  /** Per-state responses from the studio's form: the n-th call of a state gets the n-th response. */
  | { type: 'responses'; responses: Record<string, MockedResponse[]> };

export interface StartRequest {
  kind: 'start';
  runId: string;
  definition: unknown;
  input?: unknown;
  /** Execution name (default: a UUID from the engine). */
  name?: string;
  mocks?: TaskMocks;
  /** JavaScript source per Task Resource ARN (or state name): an arrow/function expression, or a body using `input` and `context`. */
  handlers?: Record<string, string>;
  clock: 'real' | 'virtual';
  seed?: number | string;
}

export interface StopRequest {
  kind: 'stop';
  runId: string;
  error?: string;
  cause?: string;
}

export type RunnerRequest = StartRequest | StopRequest;

export type RunnerMessage =
  | { kind: 'started'; runId: string; executionArn: string; name: string }
  /** Events in order, in batches (so a fast virtual-clock run does not flood the page with messages). */
  | { kind: 'events'; runId: string; events: HistoryEvent[] }
  | { kind: 'done'; runId: string; result: ExecutionResult; eventCount: number }
  /** The run could not start: invalid definition, a handler that does not compile, a bad mock configuration. */
  | { kind: 'error'; runId: string; message: string; details?: string[] };
