/**
 * Parsing of JSONPath strings as AWS Step Functions accepts them (Jayway JsonPath dialect).
 *
 * A path has a root — `$` (the state's input), `$$` (the context object) or `$name`
 * (a workflow variable) — followed by segments. Parsing happens once per distinct path
 * string (see the caches in paths.ts); evaluation never re-parses.
 */

/** A syntactically invalid path. Raised at compile time, never while an execution runs. */
export class PathSyntaxError extends Error {
  readonly path: string;
  /** Zero-based offset in `path` where the problem was found. */
  readonly position: number;

  constructor(path: string, position: number, reason: string) {
    super(`Invalid JSONPath '${path}' at position ${position}: ${reason}`);
    this.name = 'PathSyntaxError';
    this.path = path;
    this.position = position;
  }
}

export type PathRoot =
  | { kind: 'input' }
  | { kind: 'context' }
  | { kind: 'variable'; name: string };

export type Segment =
  | { kind: 'name'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'names'; names: string[] }
  | { kind: 'indexes'; indexes: number[] }
  | { kind: 'slice'; start: number | undefined; end: number | undefined; step: number | undefined }
  | { kind: 'filter'; expression: string }
  | { kind: 'descendant'; then: Segment };

export interface ParsedPath {
  readonly text: string;
  readonly root: PathRoot;
  readonly segments: readonly Segment[];
  /** True when the path can only ever select one node (names and single indexes only). */
  readonly definite: boolean;
}

const VARIABLE_START = /[A-Za-z_]/;
const VARIABLE_PART = /[A-Za-z0-9_]/;

export function parsePath(text: string): ParsedPath {
  if (typeof text !== 'string' || !text.startsWith('$')) {
    throw new PathSyntaxError(String(text), 0, "a path must start with '$'");
  }
  let pos = 1;
  let root: PathRoot;
  if (text.startsWith('$$')) {
    root = { kind: 'context' };
    pos = 2;
  } else if (pos < text.length && VARIABLE_START.test(text[pos])) {
    let end = pos + 1;
    while (end < text.length && VARIABLE_PART.test(text[end])) end++;
    root = { kind: 'variable', name: text.slice(pos, end) };
    pos = end;
  } else {
    root = { kind: 'input' };
  }

  const segments: Segment[] = [];
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === '.') {
      if (text[pos + 1] === '.') {
        pos += 2;
        const [inner, next] = parseAfterDot(text, pos, true);
        segments.push({ kind: 'descendant', then: inner });
        pos = next;
      } else {
        pos += 1;
        const [seg, next] = parseAfterDot(text, pos, false);
        segments.push(seg);
        pos = next;
      }
    } else if (ch === '[') {
      const [seg, next] = parseBracket(text, pos);
      segments.push(seg);
      pos = next;
    } else {
      throw new PathSyntaxError(text, pos, `unexpected character '${ch}'`);
    }
  }

  const definite = segments.every((s) => s.kind === 'name' || s.kind === 'index');
  return { text, root, segments, definite };
}

/** After `.` or `..`: a member name, `*`, or (tolerated by Jayway, used in AWS's docs) a bracket. */
function parseAfterDot(text: string, pos: number, descendant: boolean): [Segment, number] {
  if (pos >= text.length) throw new PathSyntaxError(text, pos, 'path must not end with a dot');
  if (text[pos] === '*') return [{ kind: 'wildcard' }, pos + 1];
  if (text[pos] === '[') return parseBracket(text, pos);
  if (text[pos] === '.') throw new PathSyntaxError(text, pos, 'unexpected dot');
  let end = pos;
  // Jayway reads a dot-notation name up to the next '.' or '['; AWS accepts names such as
  // `sub-values` this way, so we do not restrict it to the member-name-shorthand charset.
  while (end < text.length && text[end] !== '.' && text[end] !== '[') {
    const c = text[end];
    if (c === '(' || c === ')') {
      throw new PathSyntaxError(text, end, 'functions are not supported in paths');
    }
    if (c === ' ' || c === "'" || c === '"' || c === ']' || c === '?' || c === '@' || c === ',') {
      throw new PathSyntaxError(text, end, `unexpected character '${c}' in a dot-notation name`);
    }
    end++;
  }
  void descendant;
  return [{ kind: 'name', name: text.slice(pos, end) }, end];
}

function parseBracket(text: string, open: number): [Segment, number] {
  let pos = skipSpaces(text, open + 1);
  const c = text[pos];
  if (c === undefined) throw new PathSyntaxError(text, open, "unclosed '['");
  if (c === '*') {
    pos = skipSpaces(text, pos + 1);
    return [{ kind: 'wildcard' }, expect(text, pos, ']')];
  }
  if (c === '?') {
    pos = skipSpaces(text, pos + 1);
    if (text[pos] !== '(') throw new PathSyntaxError(text, pos, "expected '(' after '?'");
    const close = matchParen(text, pos);
    const expression = text.slice(pos + 1, close).trim();
    if (expression === '') throw new PathSyntaxError(text, pos, 'empty filter expression');
    checkFilterExpression(text, expression, pos + 1);
    pos = skipSpaces(text, close + 1);
    return [{ kind: 'filter', expression }, expect(text, pos, ']')];
  }
  if (c === "'" || c === '"') {
    const names: string[] = [];
    for (;;) {
      const [name, next] = readQuoted(text, pos);
      names.push(name);
      pos = skipSpaces(text, next);
      if (text[pos] === ',') {
        pos = skipSpaces(text, pos + 1);
        if (text[pos] !== "'" && text[pos] !== '"') throw new PathSyntaxError(text, pos, 'expected a quoted name');
        continue;
      }
      break;
    }
    const end = expect(text, pos, ']');
    return [names.length === 1 ? { kind: 'name', name: names[0] } : { kind: 'names', names }, end];
  }
  if (c === '-' || c === ':' || (c >= '0' && c <= '9')) {
    const close = text.indexOf(']', pos);
    if (close < 0) throw new PathSyntaxError(text, open, "unclosed '['");
    const body = text.slice(pos, close).replace(/\s+/g, '');
    if (body.includes(':')) {
      const parts = body.split(':');
      if (parts.length > 3) throw new PathSyntaxError(text, pos, 'a slice has at most three parts');
      const [start, end, step] = parts.map((p, i) => parseOptionalInt(text, pos, p, i));
      if (step === 0) throw new PathSyntaxError(text, pos, 'slice step must not be zero');
      return [{ kind: 'slice', start, end, step }, close + 1];
    }
    const indexes = body.split(',').map((p) => parseInteger(text, pos, p));
    return [indexes.length === 1 ? { kind: 'index', index: indexes[0] } : { kind: 'indexes', indexes }, close + 1];
  }
  throw new PathSyntaxError(text, pos, `unexpected character '${c}' in brackets`);
}

/**
 * Filters are restricted to the Jayway subset that means the same in jsonpath-plus: `@`/`$`
 * paths, string/number/boolean/null literals, comparisons, `&&`, `||`, `!` and parentheses.
 * Anything else — function or method calls, assignments, free identifiers — is refused, both
 * because AWS would not accept it and because jsonpath-plus would run it (a method call such
 * as `@.list.push(1)` could mutate the state's input).
 */
function checkFilterExpression(text: string, expr: string, offset: number): void {
  const fail = (at: number, reason: string): never => {
    throw new PathSyntaxError(text, offset + at, reason);
  };
  // What the previous token was decides what may follow.
  let prev: 'start' | 'operand' | 'operator' | 'open' | 'close' = 'start';
  let depth = 0;
  let i = 0;
  const expectOperand = () => prev === 'start' || prev === 'operator' || prev === 'open';
  while (i < expr.length) {
    const ch = expr[i];
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      if (!expectOperand()) fail(i, 'unexpected string in filter');
      i++;
      while (i < expr.length && expr[i] !== ch) i += expr[i] === '\\' ? 2 : 1;
      if (i >= expr.length) fail(i, 'unterminated string in filter');
      i++;
      prev = 'operand';
      continue;
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(expr.slice(i));
    if (num && expectOperand()) {
      i += num[0].length;
      prev = 'operand';
      continue;
    }
    if (ch === '@' || ch === '$') {
      if (!expectOperand()) fail(i, `unexpected '${ch}' in filter`);
      i++;
      // Member accesses: .name, ['name'], [0]
      for (;;) {
        if (expr[i] === '.') {
          const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(expr.slice(i + 1));
          if (!m) return fail(i + 1, 'expected a member name in filter');
          i += 1 + m[0].length;
        } else if (expr[i] === '[') {
          const m = /^\[\s*(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\d+)\s*\]/.exec(expr.slice(i));
          if (!m) return fail(i, "expected ['name'] or [index] in filter");
          i += m[0].length;
        } else {
          break;
        }
      }
      if (expr[i] === '(') fail(i, 'functions are not supported in filters');
      prev = 'operand';
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i));
    if (word) {
      if (!['true', 'false', 'null'].includes(word[0])) fail(i, `'${word[0]}' is not supported in filters`);
      if (!expectOperand()) fail(i, `unexpected '${word[0]}' in filter`);
      i += word[0].length;
      prev = 'operand';
      continue;
    }
    const op = /^(==|!=|<=|>=|&&|\|\||<|>)/.exec(expr.slice(i));
    if (op) {
      if (prev !== 'operand' && prev !== 'close') fail(i, `unexpected '${op[0]}' in filter`);
      i += op[0].length;
      prev = 'operator';
      continue;
    }
    if (ch === '!') {
      if (!expectOperand()) fail(i, "unexpected '!' in filter");
      i++;
      prev = 'operator';
      continue;
    }
    if (ch === '(') {
      if (!expectOperand()) fail(i, 'calls are not supported in filters');
      depth++;
      i++;
      prev = 'open';
      continue;
    }
    if (ch === ')') {
      if (depth === 0 || (prev !== 'operand' && prev !== 'close')) fail(i, "unexpected ')' in filter");
      depth--;
      i++;
      prev = 'close';
      continue;
    }
    fail(i, `'${ch}' is not supported in filters (supported: comparisons, &&, ||, !)`);
  }
  if (depth !== 0) fail(expr.length, "unbalanced '(' in filter");
  if (prev !== 'operand' && prev !== 'close') fail(expr.length, 'incomplete filter expression');
}

function parseOptionalInt(text: string, pos: number, part: string, _i: number): number | undefined {
  return part === '' ? undefined : parseInteger(text, pos, part);
}

function parseInteger(text: string, pos: number, part: string): number {
  if (!/^-?\d+$/.test(part)) throw new PathSyntaxError(text, pos, `'${part}' is not an integer index`);
  return Number(part);
}

function readQuoted(text: string, pos: number): [string, number] {
  const quote = text[pos];
  let out = '';
  let i = pos + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === quote) return [out, i + 1];
    out += ch;
    i++;
  }
  throw new PathSyntaxError(text, pos, 'unterminated quoted name');
}

function matchParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new PathSyntaxError(text, open, "unbalanced '(' in filter");
}

function skipSpaces(text: string, pos: number): number {
  while (text[pos] === ' ') pos++;
  return pos;
}

function expect(text: string, pos: number, ch: string): number {
  if (text[pos] !== ch) throw new PathSyntaxError(text, pos, `expected '${ch}'`);
  return pos + 1;
}

/** Jayway's canonical rendering of a segment, as it appears in AWS's error causes: `['a']`, `[0]`. */
export function renderSegment(seg: Segment): string {
  switch (seg.kind) {
    case 'name':
      return `['${seg.name}']`;
    case 'index':
      return `[${seg.index}]`;
    case 'wildcard':
      return '[*]';
    case 'names':
      return `[${seg.names.map((n) => `'${n}'`).join(',')}]`;
    case 'indexes':
      return `[${seg.indexes.join(',')}]`;
    case 'slice':
      return `[${seg.start ?? ''}:${seg.end ?? ''}${seg.step === undefined ? '' : `:${seg.step}`}]`;
    case 'filter':
      return `[?(${seg.expression})]`;
    case 'descendant':
      return `..${renderSegment(seg.then)}`;
  }
}

/** `$['a']['b'][0]`: the normalised form Jayway prints in "No results for path" messages. */
export function renderPath(segments: readonly Segment[]): string {
  let out = '$';
  for (const s of segments) out += renderSegment(s);
  return out;
}
