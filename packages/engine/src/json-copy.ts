/**
 * Copying values that come into the engine from outside (the execution input, what task code
 * returns) so that their owner's later changes cannot reach an execution, whose values are shared
 * and never copied inside it. The copy is what a JSON round trip gives, built directly: several
 * times cheaper than stringifying and parsing.
 */
import { MAX_JSON_DEPTH } from './json-check.ts';
import type { Json, JsonObject } from './json.ts';

export const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

/**
 * A copy of a value that is plain JSON (plain objects, of this realm or another, and arrays,
 * strings, finite numbers, booleans, null; undefined members are left out, undefined items become
 * null and -0 becomes 0, as JSON.stringify writes them), or NOT_PLAIN for anything else: a Date
 * or another object with a prototype of its own, NaN, a BigInt, a function, a cycle or nesting
 * past the engine's depth (seen as too deep). `findJsonProblem` (json-check.ts) says why.
 */
export function plainJsonCopy(value: unknown): Json | typeof NOT_PLAIN {
  return copy(value, 0);
}

function copy(value: unknown, depth: number): Json | typeof NOT_PLAIN {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : NOT_PLAIN;
    case 'object':
      break;
    default:
      return NOT_PLAIN;
  }
  if (value === null) return null;
  if (depth >= MAX_JSON_DEPTH) return NOT_PLAIN;
  if (Array.isArray(value)) {
    const items = new Array<Json>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i] === undefined ? null : copy(value[i], depth + 1);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      items[i] = item;
    }
    return items;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  // A plain object of another realm (a worker's, an iframe's) has a prototype whose prototype is null.
  if (prototype !== Object.prototype && prototype !== null && Object.getPrototypeOf(prototype) !== null) return NOT_PLAIN;
  const members: JsonObject = {};
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const member = object[key];
    if (member === undefined) continue;
    const copied = copy(member, depth + 1);
    if (copied === NOT_PLAIN) return NOT_PLAIN;
    // An own "__proto__" member (JSON.parse makes one) must stay a member, not become the prototype.
    if (key === '__proto__') Object.defineProperty(members, key, { value: copied, enumerable: true, writable: true, configurable: true });
    else members[key] = copied;
  }
  return members;
}
