/**
 * Turning what the JSONata engine returns into the plain JSON AWS serialises, and measuring JSON.
 *
 * The engine hands back arrays flagged as sequences (and a one-element sequence already reduced
 * to its element, as AWS also does), `undefined` for "no match", functions for lambdas, regexes
 * and built-ins, and JavaScript numbers that JSON cannot hold.
 */
import type { Json, JsonObject } from '../json.ts';

export type JsonataResult =
  | { readonly kind: 'value'; readonly value: Json }
  | { readonly kind: 'undefined' }
  | { readonly kind: 'function' };

/**
 * Copy a result into plain JSON. A function anywhere in it makes the whole result unsupported
 * (AWS: "returned an unsupported result type." for a function result; nested functions are our
 * extension of that rule, JSON having no way to write one).
 */
export function toJsonResult(raw: unknown): JsonataResult {
  if (raw === undefined) return { kind: 'undefined' };
  const converted = convert(raw);
  return converted === FUNCTION ? { kind: 'function' } : { kind: 'value', value: converted };
}

const FUNCTION: unique symbol = Symbol('function');

function convert(value: unknown): Json | typeof FUNCTION {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return jsonNumber(value);
    case 'function':
      return FUNCTION;
    case 'object':
      break;
    default:
      // undefined nested in a container (handled by the callers), bigint, symbol: not JSON.
      return null;
  }
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const item of value) {
      // JSON.stringify writes a hole as null; the engine's own array constructor never keeps one.
      const converted = item === undefined ? null : convert(item);
      if (converted === FUNCTION) return FUNCTION;
      out.push(converted);
    }
    return out;
  }
  const record = value as Record<string, unknown>;
  if (record._jsonata_function === true || record._jsonata_lambda === true) return FUNCTION;
  const out: JsonObject = {};
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (item === undefined) continue; // as JSON.stringify does
    const converted = convert(item);
    if (converted === FUNCTION) return FUNCTION;
    // `$parse('{"__proto__": …}')` yields an own key of that name; assigning it would set the
    // copy's prototype instead of keeping the key.
    if (key === '__proto__') Object.defineProperty(out, key, { value: converted, enumerable: true, writable: true, configurable: true });
    else out[key] = converted;
  }
  return out;
}

/**
 * JSON has no literal for a non-finite number. AWS writes each as the string JavaScript names it
 * by (`1/0` answers "Infinity": reported by floci-io/floci's measurements against AWS, #2737);
 * -0 is written 0 (corpus: test_parse with "-0" answers 0).
 */
function jsonNumber(value: number): Json {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return Object.is(value, -0) ? 0 : value;
}

export type JsonTypeName = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean';

/** The type names AWS uses in "Expected 'array', but was 'object'". */
export function jsonTypeName(value: Json): JsonTypeName {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'object' | 'string' | 'number' | 'boolean';
}

/**
 * The size of a value serialised as compact JSON, in UTF-8 bytes: what AWS's payload and
 * variable quotas (256 KiB per variable, 10 MiB for all variables together) are measured in.
 * The engine's own measure (json-size.ts), under the name this module has always offered.
 */
export { jsonByteSize as jsonSizeInBytes } from '../json-size.ts';
