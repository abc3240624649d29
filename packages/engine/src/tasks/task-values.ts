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
import { jsonProblem, MAX_JSON_DEPTH } from '../json-check.ts';

/**
 * A copy of an engine value that task code may change as it likes: what a JSON round trip would
 * give (undefined members left out, undefined array items null), built directly — a handler's
 * input is usually small, and stringifying and parsing it cost several times the copy.
 */
export function copyForTask(value: Json): Json {
  // Engine values are plain JSON, within the depth the engine takes: the copy always succeeds.
  return plainCopy(value, 0) as Json;
}

/**
 * A value task code returned, as the JSON it serialises to (undefined and functions: null). What
 * cannot be serialised — a cycle, a BigInt — throws a TypeError that says so: the task fails with
 * it, as a Lambda invocation fails when its runtime cannot write the function's response.
 */
export function fromTask(value: unknown, source: string, stateName?: string): Json {
  // Plain JSON (the usual result) is copied directly; anything else goes through JSON text.
  const copy = plainCopy(value, 0);
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

const NOT_PLAIN = Symbol('not plain JSON');

/**
 * A copy of a value that is plain JSON (plain objects and arrays, strings, finite numbers,
 * booleans, null; undefined members are left out, undefined items become null, as JSON.stringify
 * does), or NOT_PLAIN for anything else: a Date or another object with toJSON, NaN, a function at
 * the top, a cycle or nesting past the engine's depth (seen as too deep).
 */
function plainCopy(value: unknown, depth: number): Json | typeof NOT_PLAIN {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // -0 is written as 0.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : NOT_PLAIN;
    case 'object':
      break;
    default:
      return NOT_PLAIN;
  }
  if (value === null) return null;
  if (depth >= MAX_JSON_DEPTH) return NOT_PLAIN;
  if (Array.isArray(value)) {
    const copy = new Array<Json>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i] === undefined ? null : plainCopy(value[i], depth + 1);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      copy[i] = item;
    }
    return copy;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== Object.prototype && prototype !== null) return NOT_PLAIN;
  const copy: JsonObject = {};
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const member = object[key];
    if (member === undefined) continue;
    const copied = plainCopy(member, depth + 1);
    if (copied === NOT_PLAIN) return NOT_PLAIN;
    // An own "__proto__" member (JSON.parse makes one) must stay a member, not become the prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: copied, enumerable: true, writable: true, configurable: true });
    else copy[key] = copied;
  }
  return copy;
}
