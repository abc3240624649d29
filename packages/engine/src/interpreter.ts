/**
 * The interpreter loop: enter a state → run it (with its retriers) → route by Next, End or a
 * catcher → record the events AWS records. Everything a state type means lives in states/;
 * everything about moving data lives in dataflow/ behind states/io.ts.
 */
import { Cancellation, type CancelSignal } from './cancellation.ts';
import type { Clock } from './clock.ts';
import type { Catcher, StateType } from './definition/asl.ts';
import type { EvaluationScope, RandomSource } from './dataflow/types.ts';
import { StatesError, StatesErrors, describeInState, toStatesError, type ErrorOutput } from './errors.ts';
import { eventKind, HistoryRecorder, type EventSink, type EventThread, type HistoryEventType, type IterationEventType } from './history.ts';
import { andThen, isPromise, type MaybePromise } from './maybe-async.ts';
import type { Json, JsonObject } from './json.ts';
import { jsonByteSize } from './json-size.ts';
import type { ExecutionLimits } from './limits.ts';
import { decideRetry, findCatcher } from './retry.ts';
import type { CompiledScope, CompiledState, StateOutcome } from './states/types.ts';
import type { TaskDispatcher } from './tasks/dispatcher.ts';
import { VariableStore } from './variables.ts';
import { JsonataEvaluationError } from './dataflow/jsonata.ts';

/** Who and what an execution is: the values behind `$$.Execution` and `$$.StateMachine`. */
export interface ExecutionIdentity {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  roleArn: string;
  startTime: number;
}

export interface RuntimeServices {
  clock: Clock;
  random: RandomSource;
  limits: ExecutionLimits;
  tasks: TaskDispatcher;
}

/** One running execution: its history, its services, and the switch that stops it. */
export class ExecutionRuntime {
  readonly stopController = new Cancellation();
  private transitions = 0;
  /** Parallel branches and Map iterations under way: while there are any, time passes only when all of them wait. */
  nestedRuns = 0;
  /** The last state output found within the payload limit (see `complete`), and an upper bound of its size in bytes. */
  lastMeasuredOutput: Json | undefined;
  private lastMeasuredBytes = 0;

  constructor(
    readonly identity: ExecutionIdentity,
    readonly input: Json,
    readonly services: RuntimeServices,
    readonly history: HistoryRecorder,
  ) {}

  get clock(): Clock {
    return this.services.clock;
  }

  /** The clock's time as a function (JSONata's `$now()`), made once per execution. */
  readonly now = (): number => this.services.clock.now();

  private executionPart: JsonObject | undefined;
  private stateMachinePart: JsonObject | undefined;
  private lastIsoTime = NaN;
  private lastIsoText = '';

  /** `$$.Execution`: one object per execution, shared by every visit (values are never mutated). */
  executionContext(): JsonObject {
    const { identity } = this;
    return (this.executionPart ??= {
      Id: identity.executionArn,
      Input: this.input,
      StartTime: this.isoTime(identity.startTime),
      Name: identity.name,
      RoleArn: identity.roleArn,
      RedriveCount: 0,
    });
  }

  /** `$$.StateMachine`, shared likewise. */
  stateMachineContext(): JsonObject {
    const { identity } = this;
    return (this.stateMachinePart ??= { Id: identity.stateMachineArn, Name: identity.stateMachineName });
  }

  /** ISO-8601 text of a time; consecutive visits mostly share one (always, under a virtual clock), so the last is kept. */
  isoTime(time: number): string {
    if (time !== this.lastIsoTime) {
      this.lastIsoText = new Date(time).toISOString();
      this.lastIsoTime = time;
    }
    return this.lastIsoText;
  }

  /**
   * Sleep in the execution's clock until `wakeTime`. Past the longest an execution may run
   * (AWS Standard: a year) the execution times out instead, as it would on AWS: a Wait of a
   * century neither runs forever nor produces timestamps past what a Date can hold.
   */
  sleepUntil(wakeTime: number, signal: CancelSignal): MaybePromise<void> {
    const deadline = this.identity.startTime + this.services.limits.maxExecutionSeconds * 1000;
    const now = this.clock.now();
    if (wakeTime <= deadline) {
      if (wakeTime <= now) return;
      // Nothing else of this execution runs meanwhile: a virtual clock may jump straight there, at once.
      if (this.nestedRuns === 0 && this.clock.advanceIfIdle?.(wakeTime)) return;
      return this.clock.sleep(wakeTime - now, signal);
    }
    return this.timeOutAtDeadline(deadline, now, signal);
  }

  private async timeOutAtDeadline(deadline: number, now: number, signal: CancelSignal): Promise<void> {
    if (deadline > now) await this.clock.sleep(deadline - now, signal);
    this.stopController.abort(new StopSignal('timed-out'));
    throwIfAborted(signal);
  }

  /**
   * Whether a run of synchronous states should give the event loop a turn, so that a stop,
   * a timeout or a page's events are not held up by a long loop of Pass and Choice states.
   */
  shouldYield(): boolean {
    return this.transitions % SYNC_TRANSITIONS_PER_TURN === 0;
  }

  /** Note that `output` was found within the payload limit, at most `bytes` long. */
  measured(output: Json, bytes: number): void {
    this.lastMeasuredOutput = output;
    this.lastMeasuredBytes = bytes;
  }

  /**
   * Note that `output` is `base` with `addition` written into it, adding at most `overheadBytes`
   * besides the addition's own JSON. When `base` is the output last found within the limit, the
   * output's size is bounded by the two without measuring all of it (a large payload passed
   * through a chain of states is not measured again at every state); only a bound past the limit
   * leaves the output to be measured in full.
   */
  boundGrowth(output: Json, base: Json, addition: Json, overheadBytes: number): void {
    const maxBytes = this.services.limits.maxPayloadBytes;
    if (maxBytes === Infinity || base !== this.lastMeasuredOutput) return;
    const bound = this.lastMeasuredBytes + jsonByteSize(addition) + overheadBytes;
    if (bound <= maxBytes) this.measured(output, bound);
  }

  countTransition(): void {
    if (++this.transitions > this.services.limits.maxStateTransitions) {
      throw new StatesError(
        StatesErrors.Runtime,
        `The execution exceeded the limit of ${this.services.limits.maxStateTransitions} state transitions; is a loop missing its exit?`,
      );
    }
  }
}

const SYNC_TRANSITIONS_PER_TURN = 10_000;

/** A macrotask turn: timers, I/O and UI events get to run. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Where a state runs: the execution, the event thread it writes to, and the variables it sees. */
export interface Frame {
  readonly runtime: ExecutionRuntime;
  /** Where this frame's events go: the execution's history, or nowhere inside a Distributed Map. */
  readonly events: EventSink;
  readonly thread: EventThread;
  readonly variables: VariableStore;
  /** Aborted when the surrounding branch or the execution stops. */
  readonly signal: CancelSignal;
  readonly mapItem?: { Index: number; Value: Json; Key?: string };
}

/**
 * The frame of a Parallel branch or Map iteration inside `visit`: its own event thread and
 * signal, and by default a child scope of the visit's variables and the visit's event sink.
 */
export function nestedFrame(
  visit: Visit,
  nested: { thread: EventThread; signal: CancelSignal; mapItem?: Frame['mapItem']; variables?: VariableStore; events?: EventSink },
): Frame {
  return {
    runtime: visit.runtime,
    events: nested.events ?? visit.frame.events,
    thread: nested.thread,
    variables: nested.variables ?? visit.frame.variables.child(),
    signal: nested.signal,
    mapItem: nested.mapItem,
  };
}

/** The state types that take a Retry field, and so have `$$.State.RetryCount`. */
const RETRIABLE: ReadonlySet<StateType> = new Set<StateType>(['Task', 'Parallel', 'Map']);

/**
 * One visit of one state: what the state's module sees of the interpreter. It is also the
 * scope its expressions evaluate in (no second object per state): the variables, the seeded
 * random source, and `$$`, built on first read — most JSONPath states never look at `$$`, and
 * building it for every state was a tenth of a Pass chain's time.
 */
export class Visit implements EvaluationScope {
  retryCount = 0;
  taskToken: string | undefined;
  readonly variables: VariableStore;
  readonly random: RandomSource;
  private contextCache: JsonObject | undefined;

  constructor(
    readonly frame: Frame,
    readonly state: CompiledState,
    readonly enteredEventId: number,
    /** The event the state's Entered event links to. */
    readonly enteredPreviousId: number,
    readonly enteredTime: number,
  ) {
    this.variables = frame.variables;
    this.random = frame.runtime.services.random;
  }

  get runtime(): ExecutionRuntime {
    return this.frame.runtime;
  }

  get signal(): CancelSignal {
    return this.frame.signal;
  }

  record(type: HistoryEventType, details?: Record<string, unknown>, previous?: number, advance?: boolean): number {
    return this.frame.events.record(type, this.frame.thread, details, previous, advance);
  }

  /** A MapIteration… event of this (Map) state: `{ index, name }`. */
  recordIteration(type: IterationEventType, index: number, previous?: number, advance?: boolean): number {
    return this.frame.events.recordIteration(ITERATION_KIND[type] | this.state.eventNameBits, this.frame.thread, index, previous, advance);
  }

  /** `$$` for this visit. */
  get context(): JsonObject {
    return (this.contextCache ??= this.contextObject());
  }

  /** Forget the built `$$` (the retry count or task token changed). */
  invalidateScope(): void {
    this.contextCache = undefined;
  }

  private contextObject(): JsonObject {
    const { runtime } = this;
    const context: JsonObject = {
      // The Execution and StateMachine parts are the same for every visit: built once per execution.
      Execution: runtime.executionContext(),
      StateMachine: runtime.stateMachineContext(),
      // As AWS records `$$` (conformance: assign BASE_PATHS, a Pass state; scenarios
      // extended_input, a Task): Name before EnteredTime, and RetryCount only in the states that
      // can be retried.
      State: RETRIABLE.has(this.state.type)
        ? { Name: this.state.name, EnteredTime: runtime.isoTime(this.enteredTime), RetryCount: this.retryCount }
        : { Name: this.state.name, EnteredTime: runtime.isoTime(this.enteredTime) },
    };
    if (this.taskToken !== undefined) context.Task = { Token: this.taskToken };
    const item = this.frame.mapItem;
    if (item) context.Map = { Item: item.Key === undefined ? { Index: item.Index, Value: item.Value } : { Index: item.Index, Key: item.Key, Value: item.Value } };
    return context;
  }
}

/**
 * Run a scope (the machine, a Parallel branch, a Map iteration) from its StartAt (or `from`)
 * to a terminal state. States that finish synchronously are run in a plain loop; the loop
 * turns asynchronous only at the first state that waits.
 */
export function runScope(scope: CompiledScope, input: Json, frame: Frame, from: string = scope.startAt): MaybePromise<Json> {
  let state = scope.states.get(from)!;
  let value = input;
  for (;;) {
    const transition = runState(state, value, frame);
    if (isPromise(transition)) return transition.then((t) => (t.next === undefined ? t.output : runScope(scope, t.output, frame, t.next)));
    if (transition.next === undefined) return transition.output;
    if (frame.runtime.shouldYield()) {
      const { output, next } = transition;
      return yieldToEventLoop().then(() => runScope(scope, output, frame, next));
    }
    const { next } = transition;
    // A Choice's pick and a catcher's Next are found by name; a state's own Next is linked.
    state = next === state.next ? state.nextState! : scope.states.get(next)!;
    value = transition.output;
  }
}

interface Transition extends StateOutcome {
  output: Json;
  next: string | undefined;
}

/**
 * The event kinds (see `eventKind`) of each state type's Entered and Exited events and of the
 * MapIteration events, worked out once without a name: a state's own events add its
 * `eventNameBits`, so recording one looks nothing up.
 */
const ENTERED_KIND = kindsOf<StateType>({
  Pass: 'PassStateEntered', Task: 'TaskStateEntered', Choice: 'ChoiceStateEntered', Wait: 'WaitStateEntered',
  Succeed: 'SucceedStateEntered', Fail: 'FailStateEntered', Parallel: 'ParallelStateEntered', Map: 'MapStateEntered',
});
/** A Fail state never exits (it throws). */
type ExitingStateType = Exclude<StateType, 'Fail'>;
const EXITED_KIND = kindsOf<ExitingStateType>({
  Pass: 'PassStateExited', Task: 'TaskStateExited', Choice: 'ChoiceStateExited', Wait: 'WaitStateExited',
  Succeed: 'SucceedStateExited', Parallel: 'ParallelStateExited', Map: 'MapStateExited',
});
const ITERATION_KIND = kindsOf<IterationEventType>({
  MapIterationStarted: 'MapIterationStarted', MapIterationSucceeded: 'MapIterationSucceeded',
  MapIterationFailed: 'MapIterationFailed', MapIterationAborted: 'MapIterationAborted',
});

function kindsOf<K extends string>(types: Readonly<Record<K, HistoryEventType>>): Readonly<Record<K, number>> {
  const kinds = {} as Record<K, number>;
  for (const key of Object.keys(types) as K[]) kinds[key] = eventKind(types[key], 0);
  return kinds;
}

function runState(state: CompiledState, input: Json, frame: Frame): MaybePromise<Transition> {
  const { runtime } = frame;
  throwIfAborted(frame.signal);
  runtime.countTransition();
  const enteredPreviousId = frame.thread.last;
  const enteredId = frame.events.recordEntered(ENTERED_KIND[state.type] | state.eventNameBits, frame.thread, input);
  const visit = new Visit(frame, state, enteredId, enteredPreviousId, runtime.clock.now());
  return attempt(state, input, visit, undefined);
}

/** One attempt at a state: synchronous when the state is, with recovery (retry, catch) when it fails. */
function attempt(state: CompiledState, input: Json, visit: Visit, attempts: number[] | undefined): MaybePromise<Transition> {
  let outcome: MaybePromise<StateOutcome>;
  try {
    outcome = state.execute(input, visit);
    if (!isPromise(outcome)) return complete(state, outcome, visit);
  } catch (thrown) {
    return recover(state, input, visit, thrown, attempts ?? []);
  }
  return outcome.then(
    (settled) => {
      try {
        return complete(state, settled, visit);
      } catch (thrown) {
        return recover(state, input, visit, thrown, attempts ?? []);
      }
    },
    (thrown) => recover(state, input, visit, thrown, attempts ?? []),
  );
}

function complete(state: CompiledState, outcome: StateOutcome, visit: Visit): Transition {
  const { runtime } = visit;
  const maxBytes = runtime.services.limits.maxPayloadBytes;
  // Values are never mutated, so an output that is the very value last measured (a Choice's,
  // or a Pass's without parameters: their input, the previous state's output) is within the limit.
  if (maxBytes !== Infinity && outcome.output !== runtime.lastMeasuredOutput) {
    runtime.measured(outcome.output, checkPayloadSize(outcome.output, state.name, maxBytes));
  }
  return exitState(state, outcome, visit);
}

/**
 * After a failed attempt: retry it, hand it to a catcher, or let the error end the scope.
 * Synchronous when nothing waits (no back-off to sleep through, a synchronous catcher).
 */
function recover(state: CompiledState, input: Json, visit: Visit, thrown: unknown, attempts: number[]): MaybePromise<Transition> {
  const { runtime, frame } = visit;
  throwIfAborted(frame.signal);
  const error = asStateError(thrown, visit);
  // A terminal error ends the execution at once: AWS records no state-failed event for it.
  if (error.terminal) throw error;
  const retry = decideRetry(state.retriers, error.error, attempts, runtime.services.random, error.heartbeat);
  if (retry) {
    const retryNow = (): MaybePromise<Transition> => {
      visit.retryCount++;
      visit.invalidateScope();
      return attempt(state, input, visit, attempts);
    };
    return retry.delayMs > 0 ? andThen(runtime.sleepUntil(runtime.clock.now() + retry.delayMs, frame.signal), retryNow) : retryNow();
  }
  state.recordFailure?.(visit);
  const catcher = findCatcher(state.catchers, error.error, error.heartbeat);
  if (!catcher) throw error;
  // A catcher's own Output or Assign that fails is a failure of the state's processing, reported
  // like any other (the state prefix, an EvaluationFailed event for JSONata).
  let caught: MaybePromise<StateOutcome>;
  try {
    caught = caughtOutcome(state, input, error, catcher, visit);
  } catch (thrown) {
    throw asStateError(thrown, visit);
  }
  if (isPromise(caught)) {
    return caught.then(
      (outcome) => exitState(state, outcome, visit),
      (thrown: unknown) => {
        throw asStateError(thrown, visit);
      },
    );
  }
  return exitState(state, caught, visit);
}

function exitState(state: CompiledState, outcome: StateOutcome, visit: Visit): Transition {
  const { assigned } = outcome;
  if (assigned) visit.frame.variables.assign(assigned);
  visit.frame.events.recordExited(EXITED_KIND[state.type as ExitingStateType] | state.eventNameBits, visit.frame.thread, outcome.output, assigned);
  // The outcome is the state's own fresh object: it becomes the transition.
  if (outcome.next === undefined) outcome.next = state.next;
  return outcome as Transition;
}

/** The state's output when a catcher handles its error. */
function caughtOutcome(state: CompiledState, input: Json, error: StatesError, catcher: Catcher, visit: Visit): MaybePromise<StateOutcome> {
  const errorOutput: ErrorOutput = error.toErrorOutput();
  if (!state.handleCatch) throw new StatesError(StatesErrors.Runtime, `State '${state.name}' cannot catch errors`);
  return andThen(state.handleCatch(input, errorOutput as unknown as JsonObject, catcher, visit), (outcome) => ({ ...outcome, next: catcher.Next }));
}

/**
 * Turn whatever a state threw into the StatesError AWS would report. Failures of the state's
 * own processing get AWS's "An error occurred while executing the state…" prefix; errors a
 * task or a branch reported keep their own text.
 */
function asStateError(thrown: unknown, visit: Visit): StatesError {
  const { state, enteredEventId } = visit;
  if (thrown instanceof JsonataEvaluationError) {
    // AWS records the failed expression, with its field, before the state fails; the event
    // links to the one before the state was entered.
    visit.record('EvaluationFailed', { ...thrown.eventDetails(state.name, enteredEventId) }, visit.enteredPreviousId);
    return markReported(thrown.inState(state.name, enteredEventId));
  }
  const error = toStatesError(thrown);
  if (error.error === StatesErrors.QueryEvaluationError && error.cause !== undefined && !error.reported) {
    const described = new StatesError(error.error, describeInState(state.name, enteredEventId, error.cause));
    visit.record('EvaluationFailed', { error: described.error, cause: described.cause, state: state.name }, visit.enteredPreviousId);
    return markReported(described);
  }
  if (error.cause === undefined || error.reported || error.cause.startsWith('An error occurred while executing the state')) return error;
  if (!error.describesState && !STATE_PROCESSING_ERRORS.has(error.error)) return error;
  const described = new StatesError(error.error, describeInState(visit.state.name, visit.enteredEventId, error.cause), { terminal: error.terminal });
  described.reported = true;
  return described;
}

/** Errors that arise in a state's own processing (paths, templates, intrinsics, expressions). */
const STATE_PROCESSING_ERRORS = new Set<string>([StatesErrors.Runtime, StatesErrors.QueryEvaluationError]);

/** Mark an error as reported by something other than the state's own processing: its text is final. */
export function markReported<E extends StatesError>(error: E): E {
  error.reported = true;
  return error;
}

/** The output's size in bytes, or the error AWS reports when it is over the limit. */
function checkPayloadSize(output: Json, stateName: string, maxBytes: number): number {
  const bytes = jsonByteSize(output);
  if (bytes > maxBytes) {
    throw new StatesError(
      StatesErrors.DataLimitExceeded,
      `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`,
      { terminal: true },
    );
  }
  return bytes;
}

/** Raised inside a branch when the branch must stop (execution stopped, sibling failed, timed out). */
export class StopSignal extends Error {
  constructor(readonly reason: 'aborted' | 'timed-out' | 'branch-cancelled') {
    super(reason);
    this.name = 'StopSignal';
  }
}

export function throwIfAborted(signal: CancelSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new StopSignal('aborted');
}
