/**
 * Values crossing between the engine and task code (handlers, mock responders, callbacks) travel
 * as AWS sends them to a Lambda function or a service: as JSON text. Inside an execution values
 * are shared, never copied (states, branches and the history hold the same objects), so a
 * handler that changed its input in place would change what other states and the recorded
 * history see, and the machine's own constants with them: a handler gets a copy of its own.
 * What task code gives back is taken as JSON.stringify writes it — a Date becomes its ISO text,
 * undefined members are dropped, NaN becomes null — so later changes to the returned object by
 * its owner cannot reach the execution either.
 */
import type { Json, JsonObject } from '../json.ts';
import { jsonProblem } from '../json-check.ts';
import { NOT_PLAIN, plainJsonCopy } from '../json-copy.ts';

/**
 * A copy of an engine value that task code may change as it likes: what a JSON round trip would
 * give (undefined members left out, undefined array items null), built directly — a handler's
 * input is usually small, and stringifying and parsing it cost several times the copy.
 */
export function copyForTask(value: Json): Json {
  // Engine values are plain JSON, within the depth the engine takes: the copy always succeeds.
  return plainJsonCopy(value) as Json;
}

/**
 * A value task code returned, as the JSON it serialises to (undefined and functions: null). What
 * cannot be serialised — a cycle, a BigInt — throws a TypeError that says so: the task fails with
 * it, as a Lambda invocation fails when its runtime cannot write the function's response.
 */
export function fromTask(value: unknown, source: string, stateName?: string): Json {
  // Plain JSON (the usual result) is copied directly; anything else goes through JSON text.
  const copy = plainJsonCopy(value);
  if (copy !== NOT_PLAIN) return copy;
  // The message is put together only when it is needed: not on the path of every task call.
  const from = () => (stateName === undefined ? source : `${source} for state '${stateName}'`);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new TypeError(`${from()} cannot be serialised as JSON: ${(error as Error).message}`);
  }
  if (text === undefined) return null;
  const json = JSON.parse(text) as Json;
  // Serialisable is not yet walkable: nesting deeper than the engine takes is refused here too.
  const problem = jsonProblem(json);
  if (problem) throw new TypeError(`${from()} is not JSON the engine can take: at ${problem}`);
  return json;
}
