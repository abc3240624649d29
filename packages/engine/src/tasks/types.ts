/** How users give Task states their behaviour. */
import type { Json, JsonObject } from '../json.ts';

export interface TaskContext {
  /** The Task state's name. */
  stateName: string;
  /** The state's Resource ARN. */
  resource: string;
  /** The task token, for `.waitForTaskToken` resources (also in `$$.Task.Token`). */
  taskToken?: string;
  /** How many times this state has been retried in this visit. */
  retryCount: number;
  /** The context object `$$` as the state sees it. */
  context: JsonObject;
  /** The state's Credentials, resolved, when it has any. */
  credentials?: Json;
  /** Aborted when the execution stops or the task times out. */
  signal: AbortSignal;
  /** Wait in the execution's time (virtual or real): lets a handler model latency under a virtual clock. */
  sleep(ms: number): Promise<void>;
}

/**
 * A task's behaviour: takes the state's effective parameters and returns the raw result
 * (before ResultSelector). Throw to fail the task: a {@link TaskFailure}-like object
 * `{ error, cause }`, or any Error (its `name` becomes the error unless it is plain `Error`).
 */
export type TaskHandler = (input: Json, context: TaskContext) => Json | Promise<Json>;

/** A mocked response, as in the Step Functions Local mock configuration. */
export type MockedResponse = { Return: Json } | { Throw: { Error: string; Cause?: string } };

/** Decides what a Task invocation does when no handler claims it. */
export interface TaskResponder {
  /** The response for the n-th (0-based) invocation of `stateName` in this execution, if mocked. */
  respond(stateName: string, invocation: number, call: { input: Json; mapIterationIndex?: number }): MockedResponse | undefined;
}
