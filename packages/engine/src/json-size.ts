/**
 * Byte size of a value's compact JSON text, without building the text. Sizes of large objects
 * and arrays are remembered per object: values are immutable and shared between states, so a
 * large payload passed through many states is measured once. Small ones are measured again
 * instead: re-measuring a few hundred bytes is cheaper than a WeakMap entry, and every entry is
 * an ephemeron the garbage collector must trace (a Map of 10,000 items made tens of thousands).
 */
import type { Json, JsonObject } from './json.ts';

/** Made on the first large value measured: most executions measure none, and forgetting is then free. */
let sizes: WeakMap<object, number> | undefined;

/** Containers whose JSON is at least this many bytes have their size remembered. */
const REMEMBER_FROM_BYTES = 1024;

/**
 * The size of the object a payload template built last, when the template could tell it as it
 * built it (its members' names and constants are sized once, at compile time): the state that
 * measures that object next, against the payload limit, then needs no second pass over it.
 */
let lastBuilt: object | undefined;
let lastBuiltBytes = 0;

/** Note the size of an object just built (see `lastBuilt`). */
export function rememberBuiltSize(value: object, bytes: number): void {
  lastBuilt = value;
  lastBuiltBytes = bytes;
}

/**
 * Forget every size noted so far: when an execution starts. Nothing is stale (the engine never
 * changes a value, and what comes in from outside is copied first), but the memo is for the
 * execution at hand: entries of finished ones would only cost the collector time.
 */
export function forgetSizes(): void {
  lastBuilt = undefined;
  sizes = undefined;
}

/**
 * The size of a value when it can be told without walking it — a number, string, boolean or
 * null, or the object a template built last — and -1 otherwise.
 */
export function sizeWithoutWalk(value: Json): number {
  if (value === null) return 4;
  switch (typeof value) {
    case 'boolean':
      return value ? 4 : 5;
    case 'number':
      return numberSize(value);
    case 'string':
      return stringSize(value);
  }
  return value === lastBuilt ? lastBuiltBytes : -1;
}

export function jsonByteSize(json: Json): number {
  const told = sizeWithoutWalk(json);
  if (told >= 0) return told;
  // Not told: an array or an object.
  const value = json as Json[] | JsonObject;
  const known = sizes?.get(value);
  if (known !== undefined) return known;
  let size: number;
  if (Array.isArray(value)) {
    size = 2 + Math.max(0, value.length - 1);
    for (const item of value) size += jsonByteSize(item ?? null);
  } else {
    size = 2;
    let first = true;
    for (const key in value) {
      const item = value[key];
      if (item === undefined) continue;
      size += (first ? 0 : 1) + stringSize(key) + 1 + jsonByteSize(item);
      first = false;
    }
  }
  if (size >= REMEMBER_FROM_BYTES) (sizes ??= new WeakMap()).set(value, size);
  return size;
}

/**
 * Length of a number's JSON text. Integers are measured by counting digits: String(value) made
 * a string per number only to take its length (a Choice loop's counters, every state).
 */
function numberSize(value: number): number {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) {
    // Below 1e15 an integer's text is its plain digits (and -0 prints as "0").
    const magnitude = Math.abs(value);
    let size = value < 0 ? 2 : 1;
    for (let power = 10; magnitude >= power; power *= 10) size++;
    return size;
  }
  return Number.isFinite(value) ? String(value).length : 4;
}

export function stringSize(text: string): number {
  let size = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) size += 2;
    else if (c < 0x20) size += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    else if (c < 0x80) size += 1;
    else if (c < 0x800) size += 2;
    else if (c < 0xd800 || c > 0xdfff) size += 3;
    else if (c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: one code point, four bytes of UTF-8.
      size += 4;
      i++;
    } else size += 6; // A lone surrogate: JSON.stringify writes it as a \uXXXX escape.
  }
  return size;
}
