/**
 * Syntax of intrinsic function calls (`States.Format('x {}', $.y)`) as Step Functions parses them
 * in JSONPath states: known function names, argument counts, argument kinds, and AWS's escape rules
 * inside single-quoted strings, where only \' \{ \} and \\ are escapes.
 */
import { anyPath, findUnquoted, pathSyntaxProblem } from './paths-syntax.ts';

interface FunctionRule {
  min: number;
  max: number;
  /** Arguments that must be numbers (or values read from paths or other calls). */
  numericArguments?: 'all' | number[];
  returnsString?: boolean;
}

const functions: Record<string, FunctionRule> = {
  Format: { min: 1, max: Infinity, returnsString: true },
  StringToJson: { min: 1, max: 1 },
  JsonToString: { min: 1, max: 1, returnsString: true },
  Array: { min: 0, max: Infinity },
  ArrayPartition: { min: 2, max: 2, numericArguments: [1] },
  ArrayContains: { min: 2, max: 2 },
  ArrayRange: { min: 3, max: 3, numericArguments: 'all' },
  ArrayGetItem: { min: 2, max: 2, numericArguments: [1], returnsString: true },
  ArrayLength: { min: 1, max: 1 },
  ArrayUnique: { min: 1, max: 1 },
  Base64Encode: { min: 1, max: 1, returnsString: true },
  Base64Decode: { min: 1, max: 1, returnsString: true },
  Hash: { min: 2, max: 2, returnsString: true },
  JsonMerge: { min: 3, max: 3 },
  MathRandom: { min: 2, max: 3, numericArguments: 'all' },
  MathAdd: { min: 2, max: 2, numericArguments: 'all' },
  StringSplit: { min: 2, max: 2 },
  UUID: { min: 0, max: 0, returnsString: true },
};

export const stringReturningFunctions = Object.keys(functions).filter((name) => functions[name].returnsString);

/** Does the text try to be an intrinsic call (as opposed to a path)? */
export function looksLikeIntrinsic(text: string): boolean {
  return /^\s*States\s*\./.test(text) || /^\s*States\s*$/.test(text);
}

type ArgumentKind = 'string' | 'number' | 'boolean' | 'null' | 'path' | 'call';

interface CallInfo {
  name: string;
}

export interface IntrinsicCheck {
  problem?: string;
  /** Name of the outermost function, when it parsed. */
  name?: string;
}

export function checkIntrinsic(text: string): IntrinsicCheck {
  const parser = new IntrinsicParser(text);
  try {
    const call = parser.parseCall(0);
    parser.skipSpaces();
    if (parser.offset < text.length) return { problem: `unexpected '${text.slice(parser.offset, parser.offset + 10)}' after the closing parenthesis` };
    return { name: call.name };
  } catch (caught) {
    if (caught instanceof IntrinsicSyntaxError) return { problem: caught.message };
    throw caught;
  }
}

export function returnsString(name: string): boolean {
  return functions[name]?.returnsString === true;
}

class IntrinsicSyntaxError extends Error {}

class IntrinsicParser {
  offset = 0;
  constructor(private readonly text: string) {}

  private fail(message: string): never {
    throw new IntrinsicSyntaxError(message);
  }

  skipSpaces(): void {
    while (this.offset < this.text.length && this.text[this.offset] === ' ') this.offset++;
  }

  parseCall(depth: number): CallInfo {
    if (depth > 32) this.fail('intrinsic functions are nested too deeply');
    const match = /^States\.([A-Za-z0-9]+)\(/.exec(this.text.slice(this.offset));
    if (!match) {
      const head = this.text.slice(this.offset, this.offset + 20);
      return this.fail(
        /^\s/.test(head) ? 'an intrinsic function must start with States. without leading whitespace' : `'${head}' is not an intrinsic function call of the form States.Name(arguments)`,
      );
    }
    const name = match[1];
    const rule = functions[name];
    if (!rule) this.fail(`States.${name} is not an intrinsic function (known: ${Object.keys(functions).map((f) => `States.${f}`).join(', ')})`);
    this.offset += match[0].length;
    const kinds: ArgumentKind[] = [];
    this.skipSpaces();
    if (this.text[this.offset] === ')') {
      this.offset++;
    } else {
      for (;;) {
        this.skipSpaces();
        kinds.push(this.parseArgument(depth));
        this.skipSpaces();
        const next = this.text[this.offset];
        if (next === ',') {
          this.offset++;
          continue;
        }
        if (next === ')') {
          this.offset++;
          break;
        }
        this.fail(next === undefined ? `States.${name}( is missing its closing parenthesis` : `unexpected '${next}' in the arguments of States.${name}: expected ',' or ')'`);
      }
    }
    if (kinds.length < rule.min || kinds.length > rule.max) {
      const expected = rule.min === rule.max ? `${rule.min}` : rule.max === Infinity ? `at least ${rule.min}` : `${rule.min} to ${rule.max}`;
      this.fail(`States.${name} takes ${expected} argument(s); got ${kinds.length}`);
    }
    if (rule.numericArguments) {
      kinds.forEach((kind, index) => {
        const numeric = rule.numericArguments === 'all' || (rule.numericArguments as number[]).includes(index);
        if (numeric && (kind === 'string' || kind === 'boolean' || kind === 'null')) {
          this.fail(`argument ${index + 1} of States.${name} must be a number or a path; got a ${kind}`);
        }
      });
    }
    return { name };
  }

  private parseArgument(depth: number): ArgumentKind {
    const rest = this.text.slice(this.offset);
    const char = rest[0];
    if (char === "'") {
      this.parseString();
      return 'string';
    }
    if (char === '$') {
      this.parsePath();
      return 'path';
    }
    if (rest.startsWith('States.')) {
      this.parseCall(depth + 1);
      return 'call';
    }
    const number = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(rest);
    if (number) {
      this.offset += number[0].length;
      return 'number';
    }
    for (const [word, kind] of [['true', 'boolean'], ['false', 'boolean'], ['null', 'null']] as const) {
      if (rest.startsWith(word)) {
        this.offset += word.length;
        return kind;
      }
    }
    return this.fail(char === undefined ? 'unexpected end of the intrinsic function call' : `unexpected '${char}': expected a string, number, path or intrinsic function as argument`);
  }

  private parseString(): void {
    const text = this.text;
    let i = this.offset + 1;
    for (;;) {
      if (i >= text.length) this.fail('unterminated string: expected a closing single quote');
      const char = text[i];
      if (char === "'") break;
      if (char === '\\') {
        const escaped = text[i + 1];
        if (escaped !== "'" && escaped !== '{' && escaped !== '}' && escaped !== '\\') {
          this.fail(`illegal escape '\\${escaped ?? ''}' in an intrinsic function string; only \\' \\{ \\} and \\\\ are escapes`);
        }
        i += 2;
        continue;
      }
      i++;
    }
    this.offset = i + 1;
  }

  private parsePath(): void {
    const text = this.text;
    const start = this.offset;
    let brackets = 0;
    const found = findUnquoted(text, start, (char) => {
      if (char === '[') brackets++;
      else if (char === ']') brackets--;
      return brackets === 0 && (char === ',' || char === ')' || char === ' ');
    });
    // Without an end the path runs to the end of the text (an unclosed call is reported elsewhere).
    const i = found < 0 ? text.length : found;
    const path = text.slice(start, i);
    const problem = pathSyntaxProblem(path, anyPath);
    if (problem) this.fail(`'${path}' is not a valid path: ${problem}`);
    this.offset = i;
  }
}
