/**
 * The functions AWS adds to JSONata, and the one it takes away.
 *
 * Documented in "Transforming data with JSONata in Step Functions" (section "JSONata functions
 * provided by Step Functions"): `$partition(array, chunkSize)`, `$range(start, end, step)`,
 * `$hash(string, algorithm)` with MD5 | SHA-1 | SHA-256 | SHA-384 | SHA-512, `$random([seed])`,
 * `$uuid()` (version 4) and `$parse(jsonString)`; `$eval` is not available.
 *
 * Behaviour the documentation leaves open (empty arrays, zero steps, a wrong algorithm name) follows
 * what floci-io/floci reports having measured against AWS; those points are marked below.
 * Errors thrown here are JSONata-style `{ code, message }` objects, so they surface like the
 * engine's own (`threw an error during evaluation. D3137: …`).
 */
import type { Expression } from 'jsonata';
import { hashHex, type HashAlgorithm } from './hash.ts';
import { requireJsonata } from './jsonata-library.ts';
import { seededRandom } from './jsonata-random.ts';
import type { RandomSource } from './types.ts';

/**
 * The binding that carries the execution's RandomSource into `$random()` and `$uuid()`. A space
 * cannot occur in a JSONata variable name, so no expression can read or shadow it.
 */
export const RANDOM_BINDING = 'stepwise random';

/**
 * The binding that carries the evaluation's timestamp (epoch milliseconds) into `$now()` and
 * `$millis()`, so they follow the engine's Clock (virtual time included) rather than the host's.
 * Captured once per evaluation: JSONata defines every `$now()` in one evaluation as the same instant.
 */
export const NOW_BINDING = 'stepwise now';

/** The algorithm names AWS accepts, spelled exactly: the check is case-sensitive. */
const HASH_ALGORITHMS: readonly string[] = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'] satisfies HashAlgorithm[];

/** Largest array `$range` builds, as JSONata's own `..` operator (which allows 1e7). */
const MAX_RANGE_LENGTH = 1e7;

interface Focus {
  environment: { lookup(name: string): unknown };
}

/** Add the AWS functions to a compiled expression (the expression's own frame, so once per compile). */
export function registerAwsFunctions(expression: Expression): void {
  expression.registerFunction('partition', partition, '<an:a>');
  expression.registerFunction('range', range, '<nnn:a<n>>');
  expression.registerFunction('hash', hash, '<ss:s>');
  expression.registerFunction('random', random, '<n?:n>');
  expression.registerFunction('uuid', uuid, '<:s>');
  expression.registerFunction('parse', parse, '<s:j>');
  expression.registerFunction('now', now, '<s?s?:s>');
  expression.registerFunction('millis', millis, '<:n>');
  // JSONata's own $shuffle draws from Math.random; a seeded execution must be reproducible.
  expression.registerFunction('shuffle', shuffle, '<a:a>');
  // `$eval("…")` answers T1006 on AWS (floci-io/floci #2737), as a call to any unknown function does.
  expression.registerFunction('eval', evalUnavailable);
}

function jsonataError(code: string, message: string): { code: string; message: string } {
  return { code, message };
}

/** A sequence, so that a one-element result collapses to the element as JSONata's own do. */
function sequence<T>(items: T[]): T[] {
  (items as T[] & { sequence: boolean }).sequence = true;
  return items;
}

/**
 * Chunks of `chunkSize`, the last holding the rest: `$partition([1,2,3,4], 2)` is [[1,2],[3,4]]
 * (corpus test_array_partition; a size above the length gives one chunk). Reported by floci:
 * the size is truncated towards zero, 0 and an empty array answer nothing, a negative size fails.
 */
function partition(array: unknown[], chunkSize: number): unknown[] | undefined {
  const size = Math.trunc(chunkSize);
  if (size < 0) throw jsonataError('D3137', 'Second argument must be zero or greater');
  if (array.length === 0 || size === 0) return undefined;
  const chunks: unknown[][] = [];
  for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
  // A plain array (not a sequence): one chunk stays wrapped, [[0]] as the corpus records.
  return chunks;
}

/**
 * `start`, `start + step`, … up to and including `end`: `$range(0, 10, 2)` is [0,2,…,10] (docs),
 * `$range(0, 9, 3)` is [0,3,6,9] (corpus test_array_range). Reported by floci: arguments are
 * truncated towards zero, a zero step or one pointing away from `end` answers nothing, and a
 * single value comes back bare.
 */
function range(start: number, end: number, step: number): number[] | undefined {
  const from = Math.trunc(start);
  const to = Math.trunc(end);
  const by = Math.trunc(step);
  if (by === 0 || (by > 0 && from > to) || (by < 0 && from < to)) return undefined;
  const length = Math.floor((to - from) / by) + 1;
  if (length > MAX_RANGE_LENGTH) {
    throw jsonataError('D3137', `The size of the sequence allocated by $range must not exceed 1e7. Attempted to allocate ${length}.`);
  }
  const values = new Array<number>(length);
  for (let i = 0; i < length; i++) values[i] = from + i * by;
  return sequence(values);
}

/**
 * Lowercase hex digest of the string's UTF-8 bytes. The algorithm name is case-sensitive; the
 * message for a wrong one is the text floci reports from AWS (its odd order included).
 */
function hash(value: string, algorithm: string): string {
  if (!HASH_ALGORITHMS.includes(algorithm)) {
    throw jsonataError('D3137', `Hash algorithm '${algorithm}' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5`);
  }
  // The same digests States.Hash uses (dataflow/hash.ts), over the string's UTF-8 bytes.
  return hashHex(algorithm as HashAlgorithm, new TextEncoder().encode(value));
}

/** Without a seed: the execution's RandomSource. With one: reproducible, as on AWS. */
function random(this: Focus, seed?: number): number {
  if (seed !== undefined) return seededRandom(seed);
  return randomSource(this)();
}

/** A version 4 UUID drawn from the execution's RandomSource, so seeded runs are reproducible. */
function uuid(this: Focus): string {
  const next = randomSource(this);
  const bytes = Array.from({ length: 16 }, () => Math.floor(next() * 256) & 0xff);
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type FromMillis = (millis: number, picture?: string, timezone?: string) => string;

/**
 * JSONata's own `$fromMillis`, fetched once from the library itself rather than looked up in the
 * evaluation's environment, where a workflow variable named `fromMillis` could shadow it.
 */
let builtinFromMillis: Promise<FromMillis> | undefined;

function fromMillis(): Promise<FromMillis> {
  builtinFromMillis ??= requireJsonata()('$fromMillis')
    .evaluate(undefined)
    .then((fn: { implementation: FromMillis }) => fn.implementation);
  return builtinFromMillis;
}

/** JSONata's `$now(picture?, timezone?)`, at the evaluation's timestamp. */
async function now(this: Focus, picture?: string, timezone?: string): Promise<string> {
  const at = timestamp(this);
  return (await fromMillis())(at, picture, timezone);
}

/** JSONata's `$millis()`, at the evaluation's timestamp. */
function millis(this: Focus): number {
  return timestamp(this);
}

function timestamp(focus: Focus): number {
  const value = focus.environment.lookup(NOW_BINDING);
  return typeof value === 'number' ? value : Date.now();
}

/** JSONata's `$shuffle(array)` (Fisher–Yates), drawing from the execution's RandomSource. */
function shuffle(this: Focus, array: unknown[] | undefined): unknown[] | undefined {
  if (array === undefined) return undefined;
  const next = randomSource(this);
  const out = [...array];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function randomSource(focus: Focus): RandomSource {
  const source = focus.environment.lookup(RANDOM_BINDING);
  return typeof source === 'function' ? (source as RandomSource) : Math.random;
}

/**
 * JSON text to a value: `$parse('{"a":1}')` is {"a":1} (docs); corpus test_parse: "-0" → 0,
 * "true" → true, "\"HelloWorld\"" → "HelloWorld". Text JSON cannot parse fails the expression.
 */
function parse(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw jsonataError('D3137', `Unable to parse JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (containsNonFinite(value)) throw jsonataError('D3137', 'Unable to parse JSON: number out of range');
  return value;
}

function containsNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value as Record<string, unknown>).some(containsNonFinite);
}

function evalUnavailable(): never {
  throw jsonataError('T1006', 'Attempted to invoke a non-function');
}
