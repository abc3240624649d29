/**
 * Parser for intrinsic function calls (`States.Format('{}', $.x)`), shared by the engine and
 * the validator. Arguments are string literals in single quotes (escapes `\'`, `\{`, `\}`,
 * `\\`), numbers, `true`/`false`/`null`, paths (`$`, `$$`, `$var`) and nested calls.
 */
import { compilePath, type PathEvaluator } from '../paths.ts';
import { compilationCache } from '../../compilation-cache.ts';

export const INTRINSIC_NAMES = [
  'States.Format',
  'States.StringToJson',
  'States.JsonToString',
  'States.Array',
  'States.ArrayPartition',
  'States.ArrayContains',
  'States.ArrayRange',
  'States.ArrayGetItem',
  'States.ArrayLength',
  'States.ArrayUnique',
  'States.Base64Encode',
  'States.Base64Decode',
  'States.Hash',
  'States.JsonMerge',
  'States.MathRandom',
  'States.MathAdd',
  'States.StringSplit',
  'States.UUID',
] as const;
export type IntrinsicName = (typeof INTRINSIC_NAMES)[number];

/** How many arguments each function takes: [min, max]. */
export const INTRINSIC_ARITY: Readonly<Record<IntrinsicName, readonly [number, number]>> = {
  'States.Format': [1, Infinity],
  'States.StringToJson': [1, 1],
  'States.JsonToString': [1, 1],
  'States.Array': [0, Infinity],
  'States.ArrayPartition': [2, 2],
  'States.ArrayContains': [2, 2],
  'States.ArrayRange': [3, 3],
  'States.ArrayGetItem': [2, 2],
  'States.ArrayLength': [1, 1],
  'States.ArrayUnique': [1, 1],
  'States.Base64Encode': [1, 1],
  'States.Base64Decode': [1, 1],
  'States.Hash': [2, 2],
  'States.JsonMerge': [3, 3],
  'States.MathRandom': [2, 3],
  'States.MathAdd': [2, 2],
  'States.StringSplit': [2, 2],
  'States.UUID': [0, 0],
};

/**
 * Problems visible without running the call (argument counts, at any nesting depth), for
 * validators. At run time the same problems fail with States.IntrinsicFailure.
 */
export function checkIntrinsicArity(call: IntrinsicCall): string[] {
  const problems: string[] = [];
  const visit = (c: IntrinsicCall): void => {
    const [min, max] = INTRINSIC_ARITY[c.name];
    const n = c.args.length;
    if (n < min || n > max) {
      const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      problems.push(`${c.name} takes ${expected} argument${expected === '1' ? '' : 's'} but is given ${n}`);
    }
    for (const arg of c.args) if (arg.kind === 'call') visit(arg.call);
  };
  visit(call);
  return problems;
}

/** AWS allows at most 10 intrinsic functions nested in one field. */
export const MAX_INTRINSIC_NESTING = 10;

export type IntrinsicArgument =
  /** `value` has escapes resolved; `raw` keeps them, so States.Format can tell `\{` from `{`. */
  | { kind: 'string'; value: string; raw: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'path'; path: string; evaluator: PathEvaluator }
  | { kind: 'call'; call: IntrinsicCall };

export interface IntrinsicCall {
  readonly name: IntrinsicName;
  readonly args: readonly IntrinsicArgument[];
  /** The source text of this call. */
  readonly text: string;
}

export class IntrinsicSyntaxError extends Error {
  readonly text: string;
  readonly position: number;

  constructor(text: string, position: number, reason: string) {
    super(`Invalid intrinsic function '${text}' at position ${position}: ${reason}`);
    this.name = 'IntrinsicSyntaxError';
    this.text = text;
    this.position = position;
  }
}

/** Does this `.$` field value look like an intrinsic call rather than a path? */
export function looksLikeIntrinsic(text: string): boolean {
  return text.trimStart().startsWith('States.');
}

const cache = compilationCache<IntrinsicCall>('intrinsic calls');

export function parseIntrinsic(text: string): IntrinsicCall {
  let call = cache.get(text);
  if (call === undefined) {
    const parser = new Parser(text);
    call = parser.parseWhole();
    cache.set(text, call);
  }
  return call;
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseWhole(): IntrinsicCall {
    this.skipSpaces();
    const call = this.parseCall(1);
    this.skipSpaces();
    if (this.pos < this.text.length) this.fail(`unexpected '${this.text[this.pos]}' after the closing parenthesis`);
    return call;
  }

  private parseCall(depth: number): IntrinsicCall {
    if (depth > MAX_INTRINSIC_NESTING) this.fail(`intrinsic functions can be nested at most ${MAX_INTRINSIC_NESTING} deep`);
    const start = this.pos;
    const match = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.pos));
    if (!match) this.fail("expected an intrinsic function name such as 'States.Format'");
    const name = match[0];
    if (!(INTRINSIC_NAMES as readonly string[]).includes(name)) this.fail(`unknown intrinsic function '${name}'`);
    this.pos += name.length;
    this.skipSpaces();
    if (this.text[this.pos] !== '(') this.fail(`expected '(' after ${name}`);
    this.pos++;
    const args: IntrinsicArgument[] = [];
    this.skipSpaces();
    if (this.text[this.pos] === ')') {
      this.pos++;
    } else {
      for (;;) {
        this.skipSpaces();
        args.push(this.parseArgument(depth));
        this.skipSpaces();
        const ch = this.text[this.pos];
        if (ch === ',') {
          this.pos++;
          continue;
        }
        if (ch === ')') {
          this.pos++;
          break;
        }
        this.fail(ch === undefined ? `missing ')' to close ${name}` : `expected ',' or ')' but found '${ch}'`);
      }
    }
    return { name: name as IntrinsicName, args, text: this.text.slice(start, this.pos) };
  }

  private parseArgument(depth: number): IntrinsicArgument {
    const ch = this.text[this.pos];
    if (ch === undefined) this.fail('missing argument');
    if (ch === "'") return this.parseString();
    if (ch === '$') return this.parsePathArgument();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.parseNumber();
    const rest = this.text.slice(this.pos);
    if (rest.startsWith('States.')) return { kind: 'call', call: this.parseCall(depth + 1) };
    for (const [word, arg] of [
      ['true', { kind: 'boolean', value: true }],
      ['false', { kind: 'boolean', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (rest.startsWith(word) && !/[A-Za-z0-9_]/.test(rest[word.length] ?? '')) {
        this.pos += word.length;
        return arg;
      }
    }
    return this.fail(`unexpected '${ch}': an argument must be a string in single quotes, a number, true, false, null, a path or an intrinsic function`);
  }

  private parseString(): IntrinsicArgument {
    const open = this.pos;
    let value = '';
    let i = open + 1;
    while (i < this.text.length) {
      const ch = this.text[i];
      if (ch === '\\') {
        const next = this.text[i + 1];
        if (next === "'" || next === '{' || next === '}' || next === '\\') {
          value += next;
          i += 2;
          continue;
        }
        this.pos = i;
        this.fail(next === undefined ? 'unterminated escape sequence' : `invalid escape sequence '\\${next}'`);
      }
      if (ch === "'") {
        this.pos = i + 1;
        return { kind: 'string', value, raw: this.text.slice(open + 1, i) };
      }
      value += ch;
      i++;
    }
    this.pos = open;
    return this.fail('unterminated string literal');
  }

  private parseNumber(): IntrinsicArgument {
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) return this.fail('invalid number');
    this.pos += match[0].length;
    return { kind: 'number', value: Number(match[0]) };
  }

  /** A path runs until a top-level ',' or ')' (brackets and quotes may contain both). */
  private parsePathArgument(): IntrinsicArgument {
    const start = this.pos;
    let depth = 0;
    let quote: string | null = null;
    let i = start;
    for (; i < this.text.length; i++) {
      const ch = this.text[i];
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = null;
        continue;
      }
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '[' || ch === '(') depth++;
      else if (ch === ']' || (ch === ')' && depth > 0)) depth--;
      else if (depth === 0 && (ch === ',' || ch === ')' || ch === ' ')) break;
    }
    const path = this.text.slice(start, i);
    let evaluator: PathEvaluator;
    try {
      evaluator = compilePath(path);
    } catch (e) {
      return this.fail(`invalid path '${path}': ${(e as Error).message}`);
    }
    this.pos = i;
    return { kind: 'path', path, evaluator };
  }

  private skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private fail(reason: string): never {
    throw new IntrinsicSyntaxError(this.text, this.pos, reason);
  }
}
