/**
 * A strict JSON parser (RFC 8259) that remembers where every value and member key starts, so a
 * diagnostic's JSON pointer can be turned back into a line and column, and that reports the exact
 * place of the first syntax fault. JSON.parse gives neither in every engine.
 */
import { MAX_JSON_DEPTH } from '../json-check.ts';

export interface TextPosition {
  line: number;
  column: number;
}

/** Where a value sits in the text; members also remember their key. */
export interface PositionNode {
  value: TextPosition;
  key?: TextPosition;
  members?: Map<string, PositionNode>;
  items?: PositionNode[];
}

export interface JsonTextProblem {
  message: string;
  position: TextPosition;
  /** Pointer of the member concerned, for problems found inside otherwise valid JSON (duplicate keys). */
  pointer?: string;
  /** The repeated key, for duplicate keys. */
  key?: string;
}

export interface JsonTextResult {
  value?: unknown;
  root?: PositionNode;
  /** A syntax error stops the parse; duplicate keys do not. */
  syntaxError?: JsonTextProblem;
  duplicateKeys: JsonTextProblem[];
}

/** Deeper nesting than the engine takes anywhere is refused rather than risking the call stack. */
const maxJsonDepth = MAX_JSON_DEPTH;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * `trackPositions: false` skips building the position tree (most validations report nothing, so
 * positions are usually never asked for); callers build it later with a second, tracking parse.
 */
export function parseJsonText(text: string, trackPositions = true): JsonTextResult {
  const parser = new Parser(text, trackPositions);
  const duplicateKeys = parser.duplicateKeys;
  try {
    parser.skipWhitespace();
    const root = parser.parseValue(0);
    parser.skipWhitespace();
    if (parser.offset < text.length) parser.fail(`unexpected ${parser.describeHere()} after the end of the JSON value`);
    return { value: root.value, root: root.node, duplicateKeys };
  } catch (caught) {
    if (caught instanceof JsonSyntaxError) {
      return { syntaxError: { message: caught.message, position: parser.positionAt(caught.offset) }, duplicateKeys };
    }
    throw caught;
  }
}

class Parser {
  offset = 0;
  readonly duplicateKeys: JsonTextProblem[] = [];
  /** Reference tokens of the value being parsed, for pointers to duplicate keys. */
  private readonly path: string[] = [];
  /** Offsets where each line starts, filled as the parser passes newlines. */
  private readonly lineStarts: number[] = [0];
  private lastLineScan = 0;

  constructor(
    private readonly text: string,
    private readonly trackPositions: boolean,
  ) {}

  /** Shared placeholder node when positions are not tracked. */
  private static readonly untracked: PositionNode = { value: { line: 0, column: 0 } };

  private nodeAt(offset: number): PositionNode {
    return this.trackPositions ? { value: this.positionAt(offset) } : Parser.untracked;
  }

  positionAt(offset: number): TextPosition {
    this.scanLinesUpTo(offset);
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
  }

  private scanLinesUpTo(offset: number): void {
    const end = Math.min(offset, this.text.length);
    for (let i = this.lastLineScan; i < end; i++) {
      if (this.text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    if (end > this.lastLineScan) this.lastLineScan = end;
  }

  fail(message: string, offset = this.offset): never {
    throw new JsonSyntaxError(message, offset);
  }

  describeHere(): string {
    if (this.offset >= this.text.length) return 'end of text';
    const char = this.text[this.offset];
    return char.charCodeAt(0) < 32 ? `control character U+${char.charCodeAt(0).toString(16).padStart(4, '0')}` : `'${char}'`;
  }

  skipWhitespace(): void {
    const text = this.text;
    let i = this.offset;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
    this.offset = i;
  }

  parseValue(depth: number): { value: unknown; node: PositionNode } {
    if (depth > maxJsonDepth) this.fail(`JSON nested deeper than ${maxJsonDepth} levels`);
    const start = this.offset;
    const char = this.text[start];
    switch (char) {
      case '{':
        return this.parseObject(depth);
      case '[':
        return this.parseArray(depth);
      case '"':
        return { value: this.parseString(), node: this.nodeAt(start) };
      case 't':
        return this.parseLiteral('true', true);
      case 'f':
        return this.parseLiteral('false', false);
      case 'n':
        return this.parseLiteral('null', null);
      default:
        if (char === '-' || (char >= '0' && char <= '9')) return { value: this.parseNumber(), node: this.nodeAt(start) };
        return this.fail(
          this.offset >= this.text.length
            ? 'unexpected end of text: expected a JSON value'
            : `unexpected ${this.describeHere()}: expected a JSON value (object, array, string, number, true, false or null)`,
        );
    }
  }

  private parseLiteral(word: string, value: unknown): { value: unknown; node: PositionNode } {
    const start = this.offset;
    if (this.text.startsWith(word, start)) {
      this.offset += word.length;
      return { value, node: this.nodeAt(start) };
    }
    let end = start;
    while (end < this.text.length && /[A-Za-z0-9_]/.test(this.text[end])) end++;
    return this.fail(`unrecognized token '${this.text.slice(start, Math.max(end, start + 1))}': expected a JSON value`);
  }

  private parseObject(depth: number): { value: unknown; node: PositionNode } {
    const tracking = this.trackPositions;
    const node: PositionNode = tracking ? { value: this.positionAt(this.offset), members: new Map() } : Parser.untracked;
    const value: Record<string, unknown> = {};
    this.offset++;
    this.skipWhitespace();
    if (this.text[this.offset] === '}') {
      this.offset++;
      return { value, node };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.offset] !== '"') this.fail(`unexpected ${this.describeHere()}: expected a double-quoted property name`);
      const keyOffset = this.offset;
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.offset] !== ':') this.fail(`unexpected ${this.describeHere()}: expected ':' after property name`);
      this.offset++;
      this.skipWhitespace();
      this.path.push(key);
      const member = this.parseValue(depth + 1);
      this.path.pop();
      if (tracking) member.node.key = this.positionAt(keyOffset);
      if (Object.prototype.hasOwnProperty.call(value, key)) {
        const pointer = [...this.path, key].map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
        this.duplicateKeys.push({ message: `duplicate property '${key}'`, position: this.positionAt(keyOffset), pointer, key });
      }
      if (key === '__proto__') {
        // defineProperty keeps a "__proto__" key an ordinary member instead of changing the prototype.
        Object.defineProperty(value, key, { value: member.value, enumerable: true, writable: true, configurable: true });
      } else {
        value[key] = member.value;
      }
      if (tracking) node.members!.set(key, member.node);
      this.skipWhitespace();
      const next = this.text[this.offset];
      if (next === ',') {
        this.offset++;
        continue;
      }
      if (next === '}') {
        this.offset++;
        return { value, node };
      }
      this.fail(`unexpected ${this.describeHere()}: expected ',' or '}' after a property value`);
    }
  }

  private parseArray(depth: number): { value: unknown; node: PositionNode } {
    const tracking = this.trackPositions;
    const node: PositionNode = tracking ? { value: this.positionAt(this.offset), items: [] } : Parser.untracked;
    const value: unknown[] = [];
    this.offset++;
    this.skipWhitespace();
    if (this.text[this.offset] === ']') {
      this.offset++;
      return { value, node };
    }
    for (;;) {
      this.skipWhitespace();
      this.path.push(String(value.length));
      const item = this.parseValue(depth + 1);
      this.path.pop();
      value.push(item.value);
      if (tracking) node.items!.push(item.node);
      this.skipWhitespace();
      const next = this.text[this.offset];
      if (next === ',') {
        this.offset++;
        continue;
      }
      if (next === ']') {
        this.offset++;
        return { value, node };
      }
      this.fail(`unexpected ${this.describeHere()}: expected ',' or ']' after an array item`);
    }
  }

  private parseString(): string {
    const text = this.text;
    let i = this.offset + 1;
    let result = '';
    let chunkStart = i;
    for (;;) {
      if (i >= text.length) this.fail('unterminated string: expected a closing double quote', i);
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) this.fail(`control character U+${c.toString(16).padStart(4, '0')} must be escaped inside a string`, i);
      if (c !== 92) {
        i++;
        continue;
      }
      result += text.slice(chunkStart, i);
      const escape = text[i + 1];
      switch (escape) {
        case '"':
          result += '"';
          break;
        case '\\':
          result += '\\';
          break;
        case '/':
          result += '/';
          break;
        case 'b':
          result += '\b';
          break;
        case 'f':
          result += '\f';
          break;
        case 'n':
          result += '\n';
          break;
        case 'r':
          result += '\r';
          break;
        case 't':
          result += '\t';
          break;
        case 'u': {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.fail('invalid \\u escape: expected four hexadecimal digits', i);
          result += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          this.fail(`invalid escape '\\${escape ?? ''}' inside a string`, i);
      }
      i += 2;
      chunkStart = i;
    }
    result += text.slice(chunkStart, i);
    this.offset = i + 1;
    return result;
  }

  private parseNumber(): number {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.offset, this.offset + 400));
    if (!match) this.fail(`invalid number: expected a digit after ${this.describeHere()}`);
    this.offset += match[0].length;
    const after = this.text[this.offset];
    if (after !== undefined && /[0-9A-Za-z.]/.test(after)) this.fail(`invalid number: unexpected '${after}'`);
    return Number(match[0]);
  }
}

/** Finds where a JSON pointer lands: the member's key for object members, else the value itself. */
export function positionInTree(root: PositionNode | undefined, tokens: string[]): TextPosition | undefined {
  let node = root;
  let best: TextPosition | undefined = root?.value;
  for (const token of tokens) {
    if (!node) break;
    let child: PositionNode | undefined;
    if (node.members) child = node.members.get(token);
    else if (node.items && /^(0|[1-9][0-9]*)$/.test(token)) child = node.items[Number(token)];
    if (!child) return best;
    node = child;
    best = child.key ?? child.value;
  }
  return best;
}
