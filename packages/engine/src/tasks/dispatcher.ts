/**
 * Runs one Task invocation: finds its behaviour (a handler by state name, a handler by
 * resource, a mocked response), enforces TimeoutSeconds and HeartbeatSeconds, waits for task
 * tokens, and records the Task…/LambdaFunction… events AWS records for the resource.
 */
import type { Clock } from '../clock.ts';
import { StatesError, StatesErrors, toStatesError } from '../errors.ts';
import { NOT_TRUNCATED, type HistoryEventType } from '../history.ts';
import type { Json, JsonObject } from '../json.ts';
import { asAbortSignal, Cancellation, type CancelSignal } from '../cancellation.ts';
import { andThen, isPromise, promiseOf, type MaybePromise } from '../maybe-async.ts';
import { markReported, type Visit } from '../interpreter.ts';
import { uuidFrom } from '../random.ts';
import type { CallbackRegistry } from './callbacks.ts';
import type { ResourceInfo } from './resource.ts';
import type { MockedResponse, TaskContext, TaskHandler, TaskResponder } from './types.ts';
import { copyForTask, fromTask } from './task-values.ts';

export interface TaskCall {
  resourceArn: string;
  info: ResourceInfo;
  parameters: Json;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  credentials?: Json;
}

export interface TaskDispatcherOptions {
  handlers: Readonly<Record<string, TaskHandler>>;
  responder?: TaskResponder;
  callbacks: CallbackRegistry;
  region: string;
  clock: Clock;
}

export class TaskDispatcher {
  private readonly invocations = new Map<string, number>();

  constructor(private readonly options: TaskDispatcherOptions) {}

  /** The handler registered for a resource ARN (a Distributed Map's ItemReader and ResultWriter are served this way). */
  handlerForResource(resource: string): TaskHandler | undefined {
    const { handlers } = this.options;
    return Object.hasOwn(handlers, resource) ? handlers[resource] : undefined;
  }

  /** Prepare a task token before the state's parameters are computed (they may read `$$.Task.Token`). */
  newTaskToken(visit: Visit): string {
    return uuidFrom(visit.runtime.services.random).replace(/-/g, '') + uuidFrom(visit.runtime.services.random).replace(/-/g, '');
  }

  invoke(call: TaskCall, visit: Visit): MaybePromise<Json> {
    const events = taskEventTypes(call.info);
    visit.record(events.scheduled, scheduledDetails(call, this.options.region));
    visit.record(events.started, call.info.kind === 'lambda-function' ? undefined : { resource: call.info.resource, resourceType: call.info.resourceType });
    const resourceDetails = call.info.kind === 'lambda-function' ? {} : { resource: call.info.resource, resourceType: call.info.resourceType };
    const succeeded = (result: Json): Json => {
      visit.record(events.succeeded, { ...resourceDetails, output: result, outputDetails: NOT_TRUNCATED });
      return result;
    };
    const failed = (thrown: unknown): never => {
      if (visit.signal.aborted) throw thrown;
      const error = toStatesError(thrown);
      const type = error.error === StatesErrors.Timeout || error.error === StatesErrors.HeartbeatTimeout ? events.timedOut : events.failed;
      visit.record(type, { ...resourceDetails, error: error.error, cause: error.cause });
      throw markReported(error);
    };
    let result: MaybePromise<Json>;
    try {
      result = this.runWithTimeouts(call, visit, (output) =>
        visit.record('TaskSubmitted', { ...resourceDetails, output: output, outputDetails: NOT_TRUNCATED }),
      );
    } catch (thrown) {
      return failed(thrown);
    }
    return isPromise(result) ? result.then(succeeded, failed) : succeeded(result);
  }

  private runWithTimeouts(call: TaskCall, visit: Visit, onSubmitted: (output: Json) => void): MaybePromise<Json> {
    // Most tasks have no timer to race and no token to wait for: they need no controller of their own.
    if (call.timeoutSeconds === undefined && call.info.pattern === 'request-response') {
      return this.perform(call, visit, visit.signal, onSubmitted, undefined);
    }
    return this.race(call, visit, onSubmitted);
  }

  /** The task against its TimeoutSeconds and HeartbeatSeconds, whichever ends first. */
  private async race(call: TaskCall, visit: Visit, onSubmitted: (output: Json) => void): Promise<Json> {
    const { clock } = this.options;
    const controller = Cancellation.childOf(visit.signal);
    const heartbeats = new HeartbeatWatch(clock);
    const races: Promise<Json>[] = [promiseOf(() => this.perform(call, visit, controller.signal, onSubmitted, heartbeats))];
    if (call.timeoutSeconds !== undefined) {
      races.push(
        clock.sleep(call.timeoutSeconds * 1000, controller.signal).then(() => {
          throw new StatesError(StatesErrors.Timeout);
        }),
      );
    }
    if (call.heartbeatSeconds !== undefined && call.info.pattern === 'wait-for-task-token') {
      races.push(heartbeats.watch(call.heartbeatSeconds * 1000, controller.signal));
    }
    try {
      return await Promise.race(races);
    } finally {
      controller.abort(new StatesError('Stepwise.TaskSettled'));
      for (const race of races) race.catch(() => undefined);
    }
  }

  private perform(
    call: TaskCall,
    visit: Visit,
    signal: CancelSignal,
    onSubmitted: (output: Json) => void,
    heartbeats: HeartbeatWatch | undefined,
  ): MaybePromise<Json> {
    const stateName = visit.state.name;
    const invocation = this.invocations.get(stateName) ?? 0;
    this.invocations.set(stateName, invocation + 1);

    const handler = this.options.handlers[stateName] ?? this.options.handlers[call.resourceArn];
    let outcome: MaybePromise<Json>;
    if (handler) {
      outcome = callTaskHandler(handler, call.parameters, { visit, resource: call.resourceArn, signal, credentials: call.credentials });
    } else {
      const parameters = call.parameters;
      const mocked = this.options.responder?.respond(stateName, invocation, {
        // A copy, made only for a responder that reads it (the mock configuration's do not).
        get input() {
          return copyForTask(parameters);
        },
        mapIterationIndex: visit.frame.mapItem?.Index,
      });
      if (!mocked) {
        throw new StatesError(
          StatesErrors.Runtime,
          `No task handler or mocked response for state '${stateName}' (resource ${call.resourceArn}). ` +
            `Give one in the 'tasks' option, keyed by state name or resource ARN, or in a mock configuration.`,
        );
      }
      outcome = Promise.resolve().then(() => fromMockedResponse(mocked, stateName));
    }

    if (call.info.pattern === 'sync') {
      // A `.sync` integration first submits the job, then waits for it to end. A handler or mock
      // gives only the end (a result or a failure), so the submission carries no service
      // response of its own: `{}`.
      onSubmitted({});
      return outcome;
    }
    if (call.info.pattern !== 'wait-for-task-token') return outcome;
    // Callback pattern: the service call only submits the work; the result comes with the token.
    const token = visit.taskToken!;
    const callbackResult = new Promise<Json>((resolve, reject) => {
      const unregister = this.options.callbacks.register(token, {
        succeed: resolve,
        fail: reject,
        heartbeat: () => heartbeats?.beat(),
      });
      signal.addEventListener('abort', () => {
        unregister();
        reject(signal.reason);
      }, { once: true });
    });
    return andThen(outcome, (submitted) => {
      onSubmitted(submitted);
      return callbackResult;
    });
  }
}

/**
 * Call a task handler as AWS would call the resource: a copy of the input (see task-values.ts),
 * a {@link TaskContext}, and the virtual clock held while it works. A synchronous handler's value
 * or throw is handled synchronously; what it returns is taken as the JSON it serialises to.
 */
export function callTaskHandler(
  handler: TaskHandler,
  input: Json,
  call: { visit: Visit; resource: string; signal: CancelSignal; credentials?: Json },
): MaybePromise<Json> {
  const context = new HandlerContext(call.visit, call.resource, call.signal, call.credentials);
  let result: unknown;
  try {
    result = handler(copyForTask(input), context);
  } catch (thrown) {
    context.release();
    throw thrown;
  }
  const stateName = call.visit.state.name;
  if (!isThenable(result)) {
    context.release();
    return fromTask(result, HANDLER_RESULT, stateName);
  }
  return Promise.resolve(result).then(
    (settled) => {
      context.release();
      return fromTask(settled, HANDLER_RESULT, stateName);
    },
    (thrown) => {
      context.release();
      throw thrown;
    },
  );
}

const HANDLER_RESULT = 'The result of the task handler';

/**
 * What a handler sees of its call. A class rather than an object literal with getters: a
 * literal's getters are a fresh accessor pair per call, which the young-generation collector
 * must trace (it made scavenges of a task-heavy run tens of milliseconds long).
 */
class HandlerContext implements TaskContext {
  readonly stateName: string;
  readonly taskToken: string | undefined;
  readonly retryCount: number;
  /** The virtual clock must not move while a handler works asynchronously: held for as long as the call lasts. */
  private releaseHold: (() => void) | undefined;

  constructor(
    private readonly visit: Visit,
    readonly resource: string,
    private readonly cancel: CancelSignal,
    readonly credentials: Json | undefined,
  ) {
    this.stateName = visit.state.name;
    this.taskToken = visit.taskToken;
    this.retryCount = visit.retryCount;
    this.releaseHold = visit.runtime.clock.hold?.();
  }

  /** A copy of `$$` (it holds the execution's input), built only if the handler reads it. */
  get context(): JsonObject {
    return copyForTask(this.visit.context) as JsonObject;
  }

  /** A platform AbortSignal, made only for a handler that reads it. */
  get signal(): AbortSignal {
    return asAbortSignal(this.cancel);
  }

  readonly sleep = async (ms: number): Promise<void> => {
    const clock = this.visit.runtime.clock;
    this.release();
    try {
      await clock.sleep(ms, this.cancel);
    } finally {
      this.releaseHold = clock.hold?.();
    }
  };

  release(): void {
    this.releaseHold?.();
    this.releaseHold = undefined;
  }
}

/** A promise, or another library's thenable; JSON values never have a `then` function. */
function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Fails with States.Timeout, marked as a heartbeat expiry, when no heartbeat arrives within the interval. */
class HeartbeatWatch {
  private lap: Cancellation | undefined;

  constructor(private readonly clock: Clock) {}

  beat(): void {
    this.lap?.abort('heartbeat');
  }

  async watch(intervalMs: number, signal: CancelSignal): Promise<never> {
    for (;;) {
      const lap = (this.lap = Cancellation.childOf(signal));
      try {
        await this.clock.sleep(intervalMs, lap);
        throw new StatesError(StatesErrors.Timeout, undefined, { heartbeat: true });
      } catch (reason) {
        if (signal.aborted || lap.reason !== 'heartbeat') throw reason;
      } finally {
        lap.release();
      }
    }
  }
}

function fromMockedResponse(response: MockedResponse, stateName: string): Json {
  if ('Throw' in response) throw new StatesError(response.Throw.Error, response.Throw.Cause);
  // A fresh value per call: the configuration's object is returned again on every matching call.
  return fromTask(response.Return, 'The mocked response', stateName);
}

interface TaskEventTypes {
  scheduled: HistoryEventType;
  started: HistoryEventType;
  succeeded: HistoryEventType;
  failed: HistoryEventType;
  timedOut: HistoryEventType;
}

const LAMBDA_EVENTS: TaskEventTypes = {
  scheduled: 'LambdaFunctionScheduled',
  started: 'LambdaFunctionStarted',
  succeeded: 'LambdaFunctionSucceeded',
  failed: 'LambdaFunctionFailed',
  timedOut: 'LambdaFunctionTimedOut',
};
const ACTIVITY_EVENTS: TaskEventTypes = {
  scheduled: 'ActivityScheduled',
  started: 'ActivityStarted',
  succeeded: 'ActivitySucceeded',
  failed: 'ActivityFailed',
  timedOut: 'ActivityTimedOut',
};
const TASK_EVENTS: TaskEventTypes = {
  scheduled: 'TaskScheduled',
  started: 'TaskStarted',
  succeeded: 'TaskSucceeded',
  failed: 'TaskFailed',
  timedOut: 'TaskTimedOut',
};

function taskEventTypes(info: ResourceInfo): TaskEventTypes {
  return info.kind === 'lambda-function' ? LAMBDA_EVENTS : info.kind === 'activity' ? ACTIVITY_EVENTS : TASK_EVENTS;
}

function scheduledDetails(call: TaskCall, region: string): Record<string, unknown> {
  if (call.info.kind === 'lambda-function' || call.info.kind === 'activity') {
    return {
      resource: call.resourceArn,
      input: call.parameters,
      inputDetails: NOT_TRUNCATED,
      timeoutInSeconds: call.timeoutSeconds,
      heartbeatInSeconds: call.heartbeatSeconds,
    };
  }
  return {
    resourceType: call.info.resourceType,
    resource: call.info.resource,
    region,
    parameters: call.parameters,
    timeoutInSeconds: call.timeoutSeconds,
    heartbeatInSeconds: call.heartbeatSeconds,
    taskCredentials: call.credentials === undefined ? undefined : { roleArn: (call.credentials as { RoleArn?: string })?.RoleArn },
  };
}
