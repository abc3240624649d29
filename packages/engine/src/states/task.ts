/** Task: calls its Resource (through the task dispatcher) and shapes the result through the data flow. */
import type { TaskState } from '../definition/asl.ts';
import { compileSelectPath } from '../dataflow/pipeline.ts';
import { compilePayloadTemplate } from '../dataflow/payload.ts';
import { compileJsonataTemplate, jsonataExpressionText, JsonataEvaluationError } from '../dataflow/jsonata.ts';
import { StatesErrors, stateFailure } from '../errors.ts';
import type { Json } from '../json.ts';
import { andThen, type MaybePromise } from '../maybe-async.ts';
import type { Visit } from '../interpreter.ts';
import { describeResource } from '../tasks/resource.ts';
import { RecoverableStateNode, type StateNode } from './base.ts';
import { jsonataBindings, IO_SHAPES } from './io.ts';
import { compileJsonataNumber } from './jsonata-fields.ts';
import type { StateOutcome } from './types.ts';

type SecondsField = (input: Json, visit: Visit) => number | undefined | Promise<number | undefined>;

class TaskNode extends RecoverableStateNode<TaskState> {
  private readonly info: ReturnType<typeof describeResource>;
  private readonly timeout: SecondsField;
  private readonly heartbeat: SecondsField;
  private readonly credentials: CredentialsField;

  constructor(name: string, definition: TaskState, queryLanguage: 'JSONPath' | 'JSONata') {
    super(name, definition, queryLanguage, IO_SHAPES.work);
    this.info = describeResource(definition.Resource);
    this.timeout = compileSeconds(definition.TimeoutSeconds, definition.TimeoutSecondsPath, 'TimeoutSeconds', queryLanguage);
    this.heartbeat = compileSeconds(definition.HeartbeatSeconds, definition.HeartbeatSecondsPath, 'HeartbeatSeconds', queryLanguage);
    this.credentials = compileCredentials(definition.Credentials, queryLanguage);
  }

  // Synchronous from end to end when the handler is (a plain function returning a value, as
  // tests and embedded uses mostly give): no promise, and no rejection to track, per attempt.
  execute(input: Json, visit: Visit): MaybePromise<StateOutcome> {
    const { io, info } = this;
    const { tasks } = visit.runtime.services;
    if (info.pattern === 'wait-for-task-token') {
      visit.taskToken = tasks.newTaskToken(visit);
      visit.invalidateScope();
    }
    return andThen(io.prepare(input, visit), (parameters) =>
      andThen(this.timeout(input, visit), (timeoutSeconds) =>
        andThen(this.heartbeat(input, visit), (heartbeatSeconds) =>
          andThen(this.credentials(input, visit), (resolvedCredentials) =>
            andThen(
              tasks.invoke({ resourceArn: this.definition.Resource, info, parameters, timeoutSeconds, heartbeatSeconds, credentials: resolvedCredentials }, visit),
              (result) => io.complete(input, result, visit),
            ),
          ),
        ),
      ),
    );
  }
}

export function compileTask(name: string, definition: TaskState, queryLanguage: 'JSONPath' | 'JSONata'): StateNode {
  return new TaskNode(name, definition, queryLanguage);
}

type CredentialsField = (input: Json, visit: Visit) => Json | undefined | Promise<Json | undefined>;

function compileSeconds(value: number | string | undefined, path: string | undefined, field: string, queryLanguage: string): SecondsField {
  if (path !== undefined) {
    const read = compileSelectPath(path);
    return (input, visit) => {
      const seconds = read(input, visit);
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
        throw stateFailure(StatesErrors.Runtime, `The ${field}Path field refers to value ${JSON.stringify(seconds ?? null)} which is not a valid positive integer: ${path}`);
      }
      return seconds;
    };
  }
  if (typeof value === 'string' && queryLanguage === 'JSONata') {
    const evaluate = compileJsonataNumber(value, field, 'integer');
    // A timeout is a positive number of seconds, as TimeoutSecondsPath/HeartbeatSecondsPath require.
    return (input, visit) =>
      andThen(evaluate(input, visit), (seconds) => {
        if (seconds < 1) throw new JsonataEvaluationError(jsonataExpressionText(value), field, `returned ${seconds}, which is not a positive number of seconds.`);
        return seconds;
      });
  }
  if (typeof value !== 'number') return absent;
  return () => value;
}

/** A field the state does not have: one function shared by every such state, not one each. */
const absent = (): undefined => undefined;

function compileCredentials(credentials: Json | undefined, queryLanguage: string): CredentialsField {
  if (credentials === undefined) return absent;
  if (queryLanguage === 'JSONata') {
    const template = compileJsonataTemplate(credentials, 'Credentials');
    return (input, visit) => {
      return template.evaluate(jsonataBindings(visit, { input }));
    };
  }
  return compilePayloadTemplate(credentials, 'Credentials');
}
