/**
 * The 18 intrinsic functions of JSONPath-mode states. Argument rules follow the AWS Step
 * Functions developer guide ("Intrinsic functions"); behaviours that the guide leaves open
 * follow the recorded AWS executions in the conformance corpus (see test/dataflow).
 * Invalid arguments fail with States.IntrinsicFailure.
 */
import type { Json, JsonObject } from '../../json.ts';
import { isJsonObject } from '../../json.ts';
import { StatesError, StatesErrors } from '../../errors.ts';
import type { EvaluationScope } from '../types.ts';
import { hashHex, type HashAlgorithm } from '../hash.ts';
import { base64DecodeUtf8, base64EncodeUtf8 } from '../base64.ts';
import { deepEqual, javaToString } from '../json-util.ts';
import { fieldNotFoundError } from '../messages.ts';
import type { IntrinsicArgument, IntrinsicCall, IntrinsicName } from './parse.ts';
import { jsonProblem } from '../../json-check.ts';

/** Where the call sits, for error causes: the payload field (`'value.$'`) holding it. */
export interface IntrinsicContext {
  readonly field?: string;
}

/** Evaluate a parsed call against the state's effective input. */
export function evaluateIntrinsic(call: IntrinsicCall, input: Json, scope: EvaluationScope, ctx: IntrinsicContext = {}): Json {
  const values = call.args.map((arg) => evaluateArgument(arg, input, scope, ctx));
  return FUNCTIONS[call.name](new Args(call, values), scope);
}

function evaluateArgument(arg: IntrinsicArgument, input: Json, scope: EvaluationScope, ctx: IntrinsicContext): Json {
  switch (arg.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return arg.value;
    case 'null':
      return null;
    case 'path': {
      const value = arg.evaluator(input, scope);
      if (value === undefined) throw fieldNotFoundError(arg.path, ctx.field ?? arg.path, input);
      return value;
    }
    case 'call':
      return evaluateIntrinsic(arg.call, input, scope, ctx);
  }
}

/** Evaluated arguments with typed accessors that fail the way AWS does. */
class Args {
  constructor(
    readonly call: IntrinsicCall,
    readonly values: Json[],
  ) {}

  get length(): number {
    return this.values.length;
  }

  fail(reason: string): never {
    throw new StatesError(StatesErrors.IntrinsicFailure, `Invalid arguments in ${this.call.name}: ${reason}`);
  }

  count(min: number, max: number = min): void {
    const n = this.values.length;
    if (n < min || n > max) {
      const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      this.fail(`expected ${expected} argument${min === 1 && max === 1 ? '' : 's'} but got ${n}`);
    }
  }

  string(i: number, what: string): string {
    const v = this.values[i];
    if (typeof v !== 'string') this.fail(`${what} must be a string, got ${describe(v)}`);
    return v;
  }

  number(i: number, what: string): number {
    const v = this.values[i];
    if (typeof v !== 'number') this.fail(`${what} must be a number, got ${describe(v)}`);
    return v;
  }

  integer(i: number, what: string): number {
    const v = this.number(i, what);
    if (!Number.isInteger(v)) this.fail(`${what} must be an integer, got ${v}`);
    return v;
  }

  array(i: number, what: string): Json[] {
    const v = this.values[i];
    if (!Array.isArray(v)) this.fail(`${what} must be an array, got ${describe(v)}`);
    return v;
  }

  object(i: number, what: string): JsonObject {
    const v = this.values[i];
    if (!isJsonObject(v)) this.fail(`${what} must be a JSON object, got ${describe(v)}`);
    return v;
  }

  boolean(i: number, what: string): boolean {
    const v = this.values[i];
    if (typeof v !== 'boolean') this.fail(`${what} must be a boolean, got ${describe(v)}`);
    return v;
  }
}

function describe(v: Json | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** Input limit the guide sets for States.Base64Encode/Decode and States.Hash. */
const MAX_TEXT_CHARS = 10_000;
const MAX_RANGE_ITEMS = 1000;
const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

type Fn = (args: Args, scope: EvaluationScope) => Json;

const FUNCTIONS: Record<IntrinsicName, Fn> = {
  'States.Format': (args) => {
    args.count(1, Infinity);
    const template = args.string(0, 'the format string');
    const rawArg = args.call.args[0];
    // Escapes only exist in literals: `\{` in the source is a brace, not a placeholder.
    const raw = rawArg.kind === 'string' ? rawArg.raw : template;
    const escaped = rawArg.kind === 'string';
    const pieces: string[] = [];
    let current = '';
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i];
      if (escaped && ch === '\\' && i + 1 < raw.length) {
        current += raw[i + 1];
        i++;
      } else if (ch === '{' && raw[i + 1] === '}') {
        pieces.push(current);
        current = '';
        i++;
      } else {
        current += ch;
      }
    }
    pieces.push(current);
    const placeholders = pieces.length - 1;
    if (placeholders !== args.length - 1) {
      args.fail(`the format string has ${placeholders} placeholder${placeholders === 1 ? '' : 's'} but ${args.length - 1} value${args.length === 2 ? ' was' : 's were'} given`);
    }
    let out = pieces[0];
    for (let i = 1; i < pieces.length; i++) out += javaToString(args.values[i]) + pieces[i];
    return out;
  },

  'States.StringToJson': (args) => {
    args.count(1);
    const text = args.string(0, 'the argument');
    // AWS returns null for empty or blank text (recorded: "" and " " → null).
    if (text.trim() === '') return null;
    let parsed: Json;
    try {
      parsed = JSON.parse(text) as Json;
    } catch {
      return args.fail(`the argument is not valid JSON text: ${text}`);
    }
    const problem = jsonProblem(parsed);
    if (problem) return args.fail(`the parsed value is not JSON the engine can take: at ${problem}`);
    return normaliseNumber(parsed);
  },

  'States.JsonToString': (args) => {
    args.count(1);
    return JSON.stringify(args.values[0]);
  },

  'States.Array': (args) => args.values.slice(),

  'States.ArrayPartition': (args) => {
    args.count(2);
    const array = args.array(0, 'the first argument');
    const size = args.integer(1, 'the chunk size');
    if (size <= 0) args.fail(`the chunk size must be a positive integer, got ${size}`);
    const out: Json[] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },

  'States.ArrayContains': (args) => {
    args.count(2);
    const array = args.array(0, 'the first argument');
    const needle = args.values[1];
    return array.some((item) => deepEqual(item, needle));
  },

  'States.ArrayRange': (args) => {
    args.count(3);
    const start = args.integer(0, 'the start');
    const end = args.integer(1, 'the end');
    const step = args.integer(2, 'the step');
    if (step === 0) args.fail('the step must not be zero');
    const count = (end - start) / step < 0 ? 0 : Math.floor((end - start) / step) + 1;
    if (count > MAX_RANGE_ITEMS) args.fail(`the range would have ${count} items; at most ${MAX_RANGE_ITEMS} are allowed`);
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(start + i * step);
    return out;
  },

  'States.ArrayGetItem': (args) => {
    args.count(2);
    const array = args.array(0, 'the first argument');
    const index = args.integer(1, 'the index');
    if (index < 0 || index >= array.length) args.fail(`index ${index} is out of bounds for an array of length ${array.length}`);
    return array[index];
  },

  'States.ArrayLength': (args) => {
    args.count(1);
    return args.array(0, 'the argument').length;
  },

  'States.ArrayUnique': (args) => {
    args.count(1);
    const array = args.array(0, 'the argument');
    const out: Json[] = [];
    for (const item of array) if (!out.some((seen) => deepEqual(seen, item))) out.push(item);
    return out;
  },

  'States.Base64Encode': (args) => {
    args.count(1);
    const text = args.string(0, 'the argument');
    if (text.length > MAX_TEXT_CHARS) args.fail(`the input is longer than ${MAX_TEXT_CHARS} characters`);
    return base64EncodeUtf8(text);
  },

  'States.Base64Decode': (args) => {
    args.count(1);
    const text = args.string(0, 'the argument');
    if (text.length > MAX_TEXT_CHARS) args.fail(`the input is longer than ${MAX_TEXT_CHARS} characters`);
    const decoded = base64DecodeUtf8(text);
    if (decoded === undefined) return args.fail('the argument is not valid base64-encoded UTF-8 text');
    return decoded;
  },

  'States.Hash': (args) => {
    args.count(2);
    const data = args.string(0, 'the data');
    if (data.length > MAX_TEXT_CHARS) args.fail(`the data is longer than ${MAX_TEXT_CHARS} characters`);
    const algorithm = args.string(1, 'the algorithm');
    if (!(HASH_ALGORITHMS as readonly string[]).includes(algorithm)) {
      args.fail(`unsupported algorithm '${algorithm}'; use one of ${HASH_ALGORITHMS.join(', ')}`);
    }
    return hashHex(algorithm as HashAlgorithm, new TextEncoder().encode(data));
  },

  'States.JsonMerge': (args) => {
    args.count(3);
    const left = args.object(0, 'the first argument');
    const right = args.object(1, 'the second argument');
    const deep = args.boolean(2, 'the third argument');
    // AWS only implements the shallow mode.
    if (deep) args.fail('deep merging is not supported; the third argument must be false');
    return { ...left, ...right };
  },

  'States.MathRandom': (args, scope) => {
    args.count(2, 3);
    const start = args.integer(0, 'the start');
    const end = args.integer(1, 'the end');
    if (end <= start) args.fail(`the end (${end}) must be greater than the start (${start})`);
    const span = end - start;
    if (args.length === 3) {
      const seed = args.integer(2, 'the seed');
      return start + javaRandomNextInt(seed, span);
    }
    return start + Math.floor(scope.random() * span);
  },

  'States.MathAdd': (args) => {
    args.count(2);
    // Recorded AWS results show both operands rounded half up first (1.49 + 1.5 → 3, -2.5 + 0 → -2).
    const a = Math.round(args.number(0, 'the first argument'));
    const b = Math.round(args.number(1, 'the second argument'));
    return a + b + 0; // `+ 0` turns -0 into 0
  },

  'States.StringSplit': (args) => {
    args.count(2);
    const text = args.string(0, 'the first argument');
    const delimiters = args.string(1, 'the delimiter');
    // Every character of the delimiter splits, and empty pieces are dropped (recorded:
    // ", , ," split on "," → [" ", " "]).
    const out: string[] = [];
    let current = '';
    for (const ch of text) {
      if (delimiters.includes(ch)) {
        if (current !== '') out.push(current);
        current = '';
      } else {
        current += ch;
      }
    }
    if (current !== '') out.push(current);
    return out;
  },

  'States.UUID': (args, scope) => {
    args.count(0);
    const bytes = new Array<number>(16);
    for (let i = 0; i < 16; i++) bytes[i] = Math.floor(scope.random() * 256) & 0xff;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
};

/** JSON.parse("-0") is -0, which AWS (Java) serialises as 0. */
function normaliseNumber(v: Json): Json {
  return v === 0 ? 0 : v;
}

/**
 * `new java.util.Random(seed).nextInt(bound)`: a seeded States.MathRandom gives the same
 * number for the same seed, and this is the generator a JVM service would use.
 */
function javaRandomNextInt(seed: number, bound: number): number {
  const MULT = 0x5deece66dn;
  const MASK = (1n << 48n) - 1n;
  let state = (BigInt.asUintN(64, BigInt(seed)) ^ MULT) & MASK;
  const next31 = (): number => {
    state = (state * MULT + 0xbn) & MASK;
    return Number(state >> 17n);
  };
  if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(next31())) >> 31n);
  for (;;) {
    const bits = next31();
    const val = bits % bound;
    if (bits - val + (bound - 1) < 2 ** 31) return val;
  }
}
