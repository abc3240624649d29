/**
 * States.* errors and AWS's rules for matching them.
 *
 * Every failure inside an execution is a {@link StatesError}: a name (`error`) and a
 * human-readable `cause`, exactly the pair AWS records in `…FailedEventDetails` and hands
 * to a Catch as `{ "Error", "Cause" }`.
 */

export const StatesErrors = {
  ALL: 'States.ALL',
  TaskFailed: 'States.TaskFailed',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  Runtime: 'States.Runtime',
  DataLimitExceeded: 'States.DataLimitExceeded',
  NoChoiceMatched: 'States.NoChoiceMatched',
  ParameterPathFailure: 'States.ParameterPathFailure',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  BranchFailed: 'States.BranchFailed',
  Permissions: 'States.Permissions',
  QueryEvaluationError: 'States.QueryEvaluationError',
} as const;

/** `Error.stackTraceLimit` is V8's (Chrome, Node); elsewhere setting it does nothing, harmlessly. */
const V8Error = Error as ErrorConstructor & { stackTraceLimit?: number };

export class StatesError extends Error {
  readonly error: string;
  override readonly cause: string | undefined;
  /**
   * True for failures of the state's own processing (a path that matches nothing, a bad
   * value for a field): AWS prefixes their cause with "An error occurred while executing the
   * state 'X' (entered at the event id #N).", which only the interpreter knows how to write.
   */
  readonly describesState: boolean;
  /**
   * Terminal errors end the execution whatever the retriers and catchers say: States.Runtime
   * always, and States.DataLimitExceeded when the engine itself finds a payload too large.
   */
  readonly terminal: boolean;
  /**
   * Set when the error's text is final: a task, a branch or an inner state reported it, so the
   * interpreter must not prefix it again. A field, not a WeakSet of errors: every entry of a
   * weak collection is an ephemeron each young-generation collection must trace, which made
   * scavenges of a retrying workload tens of milliseconds long.
   */
  reported = false;
  /**
   * A heartbeat expiry: reported as States.Timeout, and matched in a Retry or Catch by
   * States.HeartbeatTimeout as well (AWS's error-handling page: that name exists only for Retry
   * and Catch to match).
   */
  readonly heartbeat: boolean;

  constructor(error: string, cause?: string, options?: { describesState?: boolean; terminal?: boolean; heartbeat?: boolean }) {
    // A workflow error is data, not a bug: its JavaScript stack says nothing to anyone, and
    // capturing one costs more than everything else a failed attempt does.
    const stackTraceLimit = V8Error.stackTraceLimit;
    V8Error.stackTraceLimit = 0;
    super(cause === undefined ? error : `${error}: ${cause}`);
    V8Error.stackTraceLimit = stackTraceLimit;
    this.name = 'StatesError';
    this.error = error;
    this.cause = cause;
    this.describesState = options?.describesState ?? false;
    this.terminal = options?.terminal ?? error === StatesErrors.Runtime;
    this.heartbeat = options?.heartbeat ?? false;
  }

  /** The error output a Catch receives (and an execution fails with). */
  toErrorOutput(): ErrorOutput {
    const out: ErrorOutput = { Error: this.error };
    if (this.cause !== undefined) out.Cause = this.cause;
    return out;
  }
}

export interface ErrorOutput {
  Error: string;
  Cause?: string;
}

/** A failure of the state's own processing; see {@link StatesError.describesState}. */
export function stateFailure(error: string, message: string): StatesError {
  return new StatesError(error, message, { describesState: true });
}

/** The cause text AWS writes for a failure of a state's own processing. */
export function describeInState(stateName: string, enteredEventId: number, message: string): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${message}`;
}

/** Turn anything thrown by user code (a task handler, a library) into a StatesError. */
export function toStatesError(thrown: unknown, fallbackError: string = StatesErrors.TaskFailed): StatesError {
  if (thrown instanceof StatesError) return thrown;
  if (thrown instanceof Error) {
    const named = (thrown as { error?: unknown }).error;
    const cause = (thrown as { cause?: unknown }).cause;
    const error = typeof named === 'string' ? named : thrown.name && thrown.name !== 'Error' ? thrown.name : fallbackError;
    return new StatesError(error, typeof cause === 'string' ? cause : thrown.message);
  }
  if (thrown && typeof thrown === 'object') {
    const o = thrown as Record<string, unknown>;
    const error = typeof o.Error === 'string' ? o.Error : typeof o.error === 'string' ? o.error : fallbackError;
    const causeValue = o.Cause ?? o.cause;
    const cause = causeValue === undefined ? undefined : typeof causeValue === 'string' ? causeValue : JSON.stringify(causeValue);
    return new StatesError(error, cause);
  }
  return new StatesError(fallbackError, thrown === undefined ? undefined : String(thrown));
}

/**
 * Does a retrier's or catcher's `ErrorEquals` list match this error name?
 * `States.ALL` matches every name but States.Runtime. In a Retry or Catch, `States.TaskFailed`
 * is documented as a wildcard for every known error except States.Timeout, and
 * `States.HeartbeatTimeout` matches a heartbeat expiry, which is reported as States.Timeout
 * (`heartbeat`, see {@link StatesError.heartbeat}). (Terminal errors, see
 * {@link StatesError.terminal}, never reach this question.)
 */
export function errorMatches(errorEquals: readonly string[], error: string, heartbeat = false): boolean {
  for (const name of errorEquals) {
    if (name === error) return true;
    if (heartbeat && name === StatesErrors.HeartbeatTimeout) return true;
    if (name === StatesErrors.ALL) {
      // A task may report States.DataLimitExceeded itself; AWS catches that one with States.ALL
      // (corpus: error_handling/test_states_errors::…data_limit_exceeded_on_large_utf8_response).
      if (error !== StatesErrors.Runtime) return true;
    } else if (name === StatesErrors.TaskFailed) {
      if (isTaskFailure(error)) return true;
    }
  }
  return false;
}

function isTaskFailure(error: string): boolean {
  return error !== StatesErrors.Timeout && error !== StatesErrors.Runtime;
}
