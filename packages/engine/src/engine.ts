/**
 * The public API: an Engine holds the settings every execution shares (clock, randomness,
 * task behaviour, limits) and the task tokens of waiting callbacks; a StateMachine is a
 * validated, compiled definition; an Execution is one run of it.
 */
import { Cancellation } from './cancellation.ts';
import { RealClock, VirtualClock, type Clock } from './clock.ts';
import type { StateMachineDefinition } from './definition/asl.ts';
import type { Diagnostic } from './definition/diagnostics.ts';
import { validateDefinition } from './definition/validate.ts';
import { StatesError, StatesErrors, toStatesError } from './errors.ts';
import { HistoryRecorder, NOT_TRUNCATED, type ExecutionHistoryDocument, type HistoryEvent } from './history.ts';
import { deepFreeze, type Json } from './json.ts';
import { DEFAULT_LIMITS, type ExecutionLimits } from './limits.ts';
import { ExecutionRuntime, runScope, StopSignal, type ExecutionIdentity, type Frame } from './interpreter.ts';
import { seededRandom, uuidFrom } from './random.ts';
import { CompileError, compileMachine } from './states/compile.ts';
import type { CompiledMachine, CompiledScope } from './states/types.ts';
import { CallbackRegistry } from './tasks/callbacks.ts';
import { TaskDispatcher } from './tasks/dispatcher.ts';
import { mockResponder, type MockConfigFile } from './tasks/mock-config.ts';
import type { TaskHandler, TaskResponder } from './tasks/types.ts';
import { VariableStore } from './variables.ts';
import type { RandomSource } from './dataflow/types.ts';
import { admitExecutionInput, checkExecutionName } from './start-checks.ts';
import { checkMachineName } from './machine-name.ts';
import { forgetSizes } from './json-size.ts';
import { fromTask } from './tasks/task-values.ts';
import { jsonProblem } from './json-check.ts';

export type ClockOption = 'real' | 'virtual' | Clock;

export interface EngineOptions {
  /** `'real'` (default), `'virtual'` (Wait and Retry back-off take no wall time), or your own Clock. */
  clock?: ClockOption;
  /** Where a virtual clock starts, by default the real time when the execution starts. */
  virtualStartTime?: Date | number;
  /** Seed for JitterStrategy FULL, States.UUID, States.MathRandom, $random, $uuid and generated names. */
  seed?: number | string;
  /** Task behaviour keyed by Task state name or by Resource ARN; a state-name key wins. */
  tasks?: Record<string, TaskHandler>;
  /** A Step Functions Local mock configuration; pick the test case per execution with `testCase`. */
  mockConfig?: MockConfigFile;
  limits?: Partial<ExecutionLimits>;
  region?: string;
  accountId?: string;
  /** The role ARN recorded in ExecutionStarted and in `$$.Execution.RoleArn`. */
  roleArn?: string;
  /** Validate definitions before running them (default true). */
  validate?: boolean;
}

export interface MachineOptions {
  /**
   * The state machine's name (in ARNs, `$$.StateMachine.Name`, and mock configuration lookups),
   * by default 'StateMachine'. A name AWS would refuse throws InvalidMachineNameError.
   */
  name?: string;
}

export interface StartOptions {
  input?: Json;
  /** The execution's name (default: a UUID). */
  name?: string;
  /** Handlers for this execution only; they take precedence over the engine's. */
  tasks?: Record<string, TaskHandler>;
  /** The mock configuration test case to use (needs `mockConfig` on the engine). */
  testCase?: string;
  /** Any other source of task responses (the conformance corpus uses its own). */
  responder?: TaskResponder;
  /** Called with every history event as it is recorded. */
  onEvent?: (event: HistoryEvent) => void;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export type ExecutionResult =
  | { status: 'SUCCEEDED'; output: Json }
  | { status: 'FAILED' | 'TIMED_OUT' | 'ABORTED'; error?: string; cause?: string };

export class InvalidDefinitionError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(
      `Invalid state machine definition:\n` +
        diagnostics
          .filter((d) => d.severity === 'ERROR')
          .map((d) => `  ${d.code} at ${d.location || '/'}${d.line ? ` (line ${d.line}, column ${d.column})` : ''}: ${d.message}`)
          .join('\n'),
    );
    this.name = 'InvalidDefinitionError';
  }
}

export class Engine {
  readonly callbacks = new CallbackRegistry();
  private readonly random: RandomSource;

  constructor(readonly options: EngineOptions = {}) {
    this.random = options.seed === undefined ? Math.random : seededRandom(options.seed);
  }

  /** Validate and compile a definition (an object, or JSON/YAML text). Throws InvalidMachineNameError or InvalidDefinitionError. */
  createMachine(definition: StateMachineDefinition | string, options: MachineOptions = {}): StateMachine {
    const name = options.name ?? 'StateMachine';
    checkMachineName(name);
    let parsed: StateMachineDefinition;
    if (this.options.validate === false && typeof definition !== 'string') {
      parsed = definition;
    } else {
      const result = validateDefinition(definition);
      if (!result.valid || !result.definition) throw new InvalidDefinitionError(result.diagnostics);
      parsed = result.definition;
    }
    // The machine keeps a frozen definition of its own: the caller's object may change later, and
    // its constants (a Pass state's Result, say) reach outputs, where changing one would change
    // every later run (frozen, the change throws instead).
    parsed = deepFreeze(typeof definition === 'string' ? parsed : (JSON.parse(JSON.stringify(parsed)) as StateMachineDefinition));
    try {
      return new StateMachine(this, parsed, name);
    } catch (error) {
      if (!(error instanceof CompileError)) throw error;
      throw new InvalidDefinitionError([{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: error.message, location: error.location }]);
    }
  }

  /**
   * Complete a waiting `.waitForTaskToken` task with its result: JSON text (as AWS's API takes it)
   * or a value, taken as the JSON it serialises to. Throws when the token is not waiting, or the
   * output is not JSON.
   */
  sendTaskSuccess(taskToken: string, output: Json | string): void {
    this.callbacks.sendTaskSuccess(taskToken, typeof output === 'string' ? parseTaskOutput(output) : fromTask(output, 'The output given to sendTaskSuccess'));
  }

  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.callbacks.sendTaskFailure(taskToken, error, cause);
  }

  sendTaskHeartbeat(taskToken: string): void {
    this.callbacks.sendTaskHeartbeat(taskToken);
  }

  /** @internal */
  nextRandom(): RandomSource {
    return this.random;
  }

  /** @internal */
  newClock(): Clock {
    const option = this.options.clock ?? 'real';
    if (option === 'real') return new RealClock();
    if (option === 'virtual') return new VirtualClock(this.options.virtualStartTime ?? Date.now());
    return option;
  }
}

export class StateMachine {
  readonly arn: string;
  private readonly compiled: CompiledMachine;

  constructor(
    readonly engine: Engine,
    readonly definition: StateMachineDefinition,
    readonly name: string,
  ) {
    const { region = 'us-east-1', accountId = '123456789012' } = engine.options;
    this.arn = `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
    this.compiled = compileMachine(definition);
  }

  /** Start an execution; await `execution.done` for its result. */
  start(options: StartOptions = {}): Execution {
    return new Execution(this, this.compiled, options);
  }

  /** Start an execution and wait for its result (rejects, as `start` throws, when the execution cannot start). */
  async run(input?: Json, options: Omit<StartOptions, 'input'> = {}): Promise<ExecutionResult> {
    return this.start({ ...options, input }).done;
  }
}

export class Execution {
  readonly name: string;
  readonly arn: string;
  /** Settles when the execution ends; never rejects. */
  readonly done: Promise<ExecutionResult>;
  private currentStatus: ExecutionStatus = 'RUNNING';
  private readonly listeners = new Set<(event: HistoryEvent) => void>();
  private readonly recorder: HistoryRecorder;
  private readonly runtime: ExecutionRuntime;

  constructor(
    readonly machine: StateMachine,
    scope: CompiledMachine,
    options: StartOptions,
  ) {
    const { engine } = machine;
    const settings = engine.options;
    const limits: ExecutionLimits = { ...DEFAULT_LIMITS, ...settings.limits };
    // Checked before anything is recorded, as StartExecution checks them: nothing starts.
    if (options.name !== undefined) checkExecutionName(options.name);
    // Sizes remembered by earlier executions are of values nothing here shares (this one's input
    // is a fresh copy): forgotten, so the memo holds only what this execution measures.
    forgetSizes();
    const input = admitExecutionInput(options.input ?? {}, limits.maxPayloadBytes);
    const clock = engine.newClock();
    const random = engine.nextRandom();
    this.name = options.name ?? uuidFrom(random);
    this.arn = machine.arn.replace(':stateMachine:', ':execution:') + `:${this.name}`;
    this.recorder = new HistoryRecorder(clock, { maxEvents: limits.maxHistoryEvents }, scope.eventNames);
    if (options.onEvent) this.subscribe(options.onEvent);
    const responder =
      options.responder ??
      (settings.mockConfig && options.testCase !== undefined ? mockResponder(settings.mockConfig, machine.name, options.testCase) : undefined);
    const tasks = new TaskDispatcher({
      handlers: { ...settings.tasks, ...options.tasks },
      responder,
      callbacks: engine.callbacks,
      region: settings.region ?? 'us-east-1',
      clock,
    });
    const identity: ExecutionIdentity = {
      executionArn: this.arn,
      name: this.name,
      stateMachineArn: machine.arn,
      stateMachineName: machine.name,
      roleArn: settings.roleArn ?? `arn:aws:iam::${settings.accountId ?? '123456789012'}:role/StepwiseExecutionRole`,
      startTime: clock.now(),
    };
    this.runtime = new ExecutionRuntime(identity, input, { clock, random, limits, tasks }, this.recorder);
    this.done = this.execute(scope, machine.definition.TimeoutSeconds);
  }

  get status(): ExecutionStatus {
    return this.currentStatus;
  }

  /** Stop the execution: it ends ABORTED (as StopExecution does on AWS). */
  stop(options: { error?: string; cause?: string } = {}): void {
    if (this.currentStatus !== 'RUNNING') return;
    this.abortReason = options;
    this.runtime.stopController.abort(new StopSignal('aborted'));
  }

  /** Watch events as they are recorded. Returns the function that stops watching. */
  subscribe(listener: (event: HistoryEvent) => void): () => void {
    this.listeners.add(listener);
    // Events become JSON text only when someone watches them live or reads the history.
    this.recorder.watch(this.emitToListeners);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.recorder.watch(undefined);
    };
  }

  /** The full history so far, as AWS GetExecutionHistory returns it. */
  history(): HistoryEvent[] {
    return this.recorder.list();
  }

  /** The document `aws stepfunctions get-execution-history` prints. */
  historyDocument(): ExecutionHistoryDocument {
    return { events: this.history() };
  }

  private abortReason: { error?: string; cause?: string } = {};

  private readonly emitToListeners = (event: HistoryEvent): void => this.emit(event);

  private emit(event: HistoryEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A watcher's bug must not break the execution it watches.
      }
    }
  }

  private async execute(scope: CompiledScope, timeoutSeconds: number | undefined): Promise<ExecutionResult> {
    const { runtime, recorder } = this;
    const main = { last: 0 };
    // Let the caller subscribe, after start() returns, before the first event is recorded.
    await Promise.resolve();
    recorder.record('ExecutionStarted', { last: 0 }, {
      input: runtime.input,
      inputDetails: NOT_TRUNCATED,
      roleArn: runtime.identity.roleArn,
    });
    const frame: Frame = {
      runtime,
      events: recorder,
      thread: main,
      variables: new VariableStore(),
      signal: runtime.stopController.signal,
    };
    const timer = timeoutSeconds === undefined ? undefined : this.startTimeout(timeoutSeconds);
    let result: ExecutionResult;
    try {
      const output = await runScope(scope, runtime.input, frame);
      recorder.record('ExecutionSucceeded', main, { output: output, outputDetails: NOT_TRUNCATED });
      result = { status: 'SUCCEEDED', output };
    } catch (thrown) {
      result = this.recordEnd(thrown, main);
    } finally {
      timer?.abort();
    }
    this.currentStatus = result.status;
    return result;
  }

  private recordEnd(thrown: unknown, main: { last: number }): ExecutionResult {
    const signal = this.runtime.stopController.signal;
    const reason = signal.aborted ? signal.reason : thrown;
    if (reason instanceof StopSignal && reason.reason === 'timed-out') {
      // As measured on AWS (floci-io/floci #2733, #2782): the event names States.Timeout with no
      // cause and follows no event of the run (previousEventId 0): the clock, not a state, ended it.
      this.recorder.record('ExecutionTimedOut', main, { error: StatesErrors.Timeout }, 0);
      return { status: 'TIMED_OUT', error: StatesErrors.Timeout };
    }
    if (reason instanceof StopSignal) {
      const { error, cause } = this.abortReason;
      this.recorder.record('ExecutionAborted', main, error === undefined && cause === undefined ? undefined : { error, cause });
      return { status: 'ABORTED', ...(error !== undefined && { error }), ...(cause !== undefined && { cause }) };
    }
    const error = thrown instanceof StatesError ? thrown : internalFailure(thrown);
    this.recorder.record('ExecutionFailed', main, { error: error.error || undefined, cause: error.cause });
    return { status: 'FAILED', ...(error.error && { error: error.error }), ...(error.cause !== undefined && { cause: error.cause }) };
  }

  private startTimeout(seconds: number): Cancellation {
    const cancel = new Cancellation();
    this.runtime.clock.sleep(seconds * 1000, cancel.signal).then(
      () => this.runtime.stopController.abort(new StopSignal('timed-out')),
      () => undefined,
    );
    return cancel;
  }
}

/** An unexpected exception inside the engine still ends the execution, never the caller's process. */
function internalFailure(thrown: unknown): StatesError {
  const error = toStatesError(thrown, StatesErrors.Runtime);
  return new StatesError(StatesErrors.Runtime, error.cause ?? String(thrown));
}

/** Create a machine with an engine of its own (the quick way when no engine is shared). */
export function createMachine(definition: StateMachineDefinition | string, options: EngineOptions & MachineOptions = {}): StateMachine {
  return new Engine(options).createMachine(definition, { name: options.name });
}

function parseTaskOutput(text: string): Json {
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (error) {
    throw new SyntaxError(`The output given to sendTaskSuccess is not JSON text: ${(error as Error).message}`);
  }
  // Text may nest deeper than the engine walks (JSON.parse takes it): refused here, not a stack overflow in the run.
  const problem = jsonProblem(parsed);
  if (problem) throw new TypeError(`The output given to sendTaskSuccess is not JSON the engine can take: at ${problem}.`);
  return parsed;
}
