/**
 * The services a Distributed Map's ItemReader and ResultWriter call (Amazon S3 on AWS), served
 * locally by the task handler registered for their Resource ARN (the `tasks` option of the
 * engine or of the execution), as Task resources are.
 */
import { compilePayloadTemplate } from '../dataflow/payload.ts';
import { compileJsonataTemplate } from '../dataflow/jsonata.ts';
import { StatesError, StatesErrors, toStatesError } from '../errors.ts';
import type { Json, JsonObject } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import type { TaskHandler } from '../tasks/types.ts';
import { callTaskHandler } from '../tasks/dispatcher.ts';
import { jsonataBindings } from './io.ts';

export type FieldName = 'ItemReader' | 'ResultWriter';

/**
 * Call `handler` as a task handler is called: the arguments as its input, a TaskContext, and
 * the virtual clock held while it runs. Whatever it throws becomes `error` (States.ItemReaderFailed
 * or States.ResultWriterFailed) with the thrown error's cause, as AWS reports a failed S3 call.
 */
export async function callResource(handler: TaskHandler, resource: string, args: Json, visit: Visit, error: string): Promise<Json> {
  try {
    return await callTaskHandler(handler, args, { visit, resource, signal: visit.signal });
  } catch (thrown) {
    if (visit.signal.aborted) throw thrown;
    const failure = toStatesError(thrown);
    throw new StatesError(error, failure.cause === undefined ? failure.error : `${failure.error}: ${failure.cause}`);
  }
}

/** The Parameters (JSONPath) or Arguments (JSONata) of an ItemReader or ResultWriter, evaluated against the Map's effective input. */
export function compileResourceArguments(
  holder: JsonObject,
  field: FieldName,
  queryLanguage: 'JSONPath' | 'JSONata',
): (effective: Json, visit: Visit) => Json | Promise<Json> {
  if (queryLanguage === 'JSONata') {
    if (holder.Arguments === undefined) return () => ({});
    const template = compileJsonataTemplate(holder.Arguments, `${field}.Arguments`);
    return (effective, visit) => template.evaluate(jsonataBindings(visit, { input: effective }));
  }
  if (holder.Parameters === undefined) return () => ({});
  return compilePayloadTemplate(holder.Parameters, `${field}.Parameters`);
}

/** The handler serving `resource`, or the error that says how to give one (`what` it receives and returns). */
export function requireResourceHandler(visit: Visit, field: FieldName, resource: string, what: string): TaskHandler {
  const handler = visit.runtime.services.tasks.handlerForResource(resource);
  if (!handler) throw missingHandler(visit, field, resource, what);
  return handler;
}

/** The clear error when no handler serves the resource. */
function missingHandler(visit: Visit, field: FieldName, resource: string, what: string): StatesError {
  return new StatesError(
    StatesErrors.Runtime,
    `Map state '${visit.state.name}' has a ${field} with resource ${resource}, which a local execution cannot reach, and no task handler serves it. ` +
      `Give one in the 'tasks' option keyed by '${resource}': ${what}`,
  );
}
