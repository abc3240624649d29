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
  | { kind: 'filter'; expression: string; predicate: FilterPredicate }
  | { kind: 'descendant'; then: Segment };

export interface ParsedPath {
  readonly text: string;
  readonly root: PathRoot;
  readonly segments: readonly Segment[];
  /** True when the path can only ever select one node (names and single indexes only, or a last ['a','b']). */
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

  // Jayway counts a last ['a','b'] as definite: it merges the properties into one object.
  const definite = segments.every((s, i) => s.kind === 'name' || s.kind === 'index' || (s.kind === 'names' && i === segments.length - 1));
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
    const predicate = compileFilter(text, expression, pos + 1 + text.slice(pos + 1).indexOf(expression));
    pos = skipSpaces(text, close + 1);
    return [{ kind: 'filter', expression, predicate }, expect(text, pos, ']')];
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
 * A filter predicate, translated for jsonpath-plus: `js` is the expression its safe evaluator
 * runs for each candidate, `constants` the values `js` refers to as `_$_k[i]`. All the Jayway
 * semantics live in three sandbox helpers (see paths.ts): `_$_get(root, steps)` reads a path
 * without throwing, `_$_has(root, steps)` is Jayway's existence check (`[?(@.isbn)]` keeps
 * an item whose isbn is present, even if false or null), `_$_cmp(op, a, b)` applies Jayway's
 * relational operators (not JavaScript's coercions: `'10' < 9` is false there).
 */
export interface FilterPredicate {
  readonly js: string;
  readonly constants: readonly unknown[];
}

type FilterToken =
  | { t: 'path'; root: '@' | '$'; steps: (string | number)[]; at: number }
  /** A scalar, a list of scalars (`['a', 1]`) or a compiled regular expression (`/re/i`). */
  | { t: 'lit'; value: unknown; at: number }
  | { t: 'cmp'; op: string; at: number }
  | { t: 'and' | 'or' | 'not' | 'open' | 'close'; at: number };

/**
 * Filters are restricted to Jayway's filter language: `@`/`$` paths, literals, lists and
 * /regex/ patterns, its relational operators, `&&`, `||`, `!` and parentheses. Function or
 * method calls, assignments and free identifiers are refused at compile time (jsonpath-plus
 * would otherwise run `@.list.push(1)` on the input).
 */
function compileFilter(text: string, expr: string, offset: number): FilterPredicate {
  const fail = (at: number, reason: string): never => {
    throw new PathSyntaxError(text, offset + at, reason);
  };
  const tokens = tokenizeFilter(expr, fail);
  const constants: unknown[] = [];
  const k = (value: unknown): string => {
    constants.push(value);
    return `_$_k[${constants.length - 1}]`;
  };
  let i = 0;
  const peek = () => tokens[i];
  const operand = (tok: FilterToken): string => {
    if (tok.t === 'path') return `_$_get(${tok.root === '@' ? '_$_v' : '_$_doc'},${k(tok.steps)})`;
    if (tok.t === 'lit') return k(tok.value);
    return fail(tok.at, 'expected a path or a value');
  };
  const parseOr = (): string => {
    let out = parseAnd();
    while (peek()?.t === 'or') {
      i++;
      out = `${out}||${parseAnd()}`;
    }
    return out;
  };
  const parseAnd = (): string => {
    let out = parseUnary();
    while (peek()?.t === 'and') {
      i++;
      out = `${out}&&${parseUnary()}`;
    }
    return out;
  };
  const parseUnary = (): string => {
    const tok = peek();
    if (tok === undefined) return fail(expr.length, 'incomplete filter expression');
    if (tok.t === 'not') {
      i++;
      return `!(${parseUnary()})`;
    }
    if (tok.t === 'open') {
      i++;
      const inner = parseOr();
      if (peek()?.t !== 'close') return fail(peek()?.at ?? expr.length, "expected ')' in filter");
      i++;
      return `(${inner})`;
    }
    if (tok.t !== 'path' && tok.t !== 'lit') return fail(tok.at, 'expected a path or a value');
    i++;
    const next = peek();
    if (next?.t === 'cmp') {
      i++;
      const right = peek();
      if (right === undefined) return fail(expr.length, `missing right-hand side of '${next.op}'`);
      i++;
      return `_$_cmp(${k(next.op)},${operand(tok)},${operand(right)})`;
    }
    // A lone path is Jayway's existence check; a lone literal stands for itself.
    return tok.t === 'path' ? `_$_has(${tok.root === '@' ? '_$_v' : '_$_doc'},${k(tok.steps)})` : k(tok.value);
  };
  const js = parseOr();
  if (i < tokens.length) fail(tokens[i].at, 'unexpected token in filter');
  return { js, constants };
}

/** Jayway's relational operators written as words. */
const FILTER_WORD_OPERATORS = new Set(['in', 'nin', 'subsetof', 'anyof', 'noneof', 'size', 'empty', 'contains']);

function tokenizeFilter(expr: string, fail: (at: number, reason: string) => never): FilterToken[] {
  const tokens: FilterToken[] = [];
  let i = 0;
  while (i < expr.length) {
    const ch = expr[i];
    const at = i;
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let value = '';
      i++;
      while (i < expr.length && expr[i] !== ch) {
        if (expr[i] === '\\' && i + 1 < expr.length) i++;
        value += expr[i++];
      }
      if (i >= expr.length) fail(at, 'unterminated string in filter');
      i++;
      tokens.push({ t: 'lit', value, at });
      continue;
    }
    const last = tokens[tokens.length - 1];
    const operandExpected = last === undefined || last.t === 'cmp' || last.t === 'and' || last.t === 'or' || last.t === 'not' || last.t === 'open';
    if (ch === '/' && operandExpected) {
      let end = i + 1;
      while (end < expr.length && expr[end] !== '/') end += expr[end] === '\\' ? 2 : 1;
      if (end >= expr.length) fail(at, 'unterminated regular expression in filter');
      const flags = /^[a-z]*/.exec(expr.slice(end + 1))![0];
      if (/[^ims]/.test(flags)) fail(end + 1, `unsupported regular expression flags '${flags}'`);
      let regex: RegExp;
      try {
        // Jayway's =~ uses Java's Matcher.matches(): the whole input must match.
        regex = new RegExp(`^(?:${expr.slice(i + 1, end)})$`, flags);
      } catch (e) {
        return fail(at, `invalid regular expression: ${(e as Error).message}`);
      }
      tokens.push({ t: 'lit', value: regex, at });
      i = end + 1 + flags.length;
      continue;
    }
    if (ch === '[' && operandExpected) {
      const list = /^\[((?:\s*(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)\s*,?)*)\]/.exec(expr.slice(i));
      if (!list) return fail(at, 'a list in a filter holds only strings, numbers, true, false and null');
      const items: unknown[] = [];
      const item = /\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)\s*,?/g;
      for (const m of list[1].matchAll(item)) {
        const raw = m[1];
        if (raw[0] === "'" || raw[0] === '"') items.push(raw.slice(1, -1).replace(/\\(.)/g, '$1'));
        else items.push(raw === 'true' ? true : raw === 'false' ? false : raw === 'null' ? null : Number(raw));
      }
      tokens.push({ t: 'lit', value: items, at });
      i += list[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(expr.slice(i));
    if (num) {
      i += num[0].length;
      tokens.push({ t: 'lit', value: Number(num[0]), at });
      continue;
    }
    if (ch === '@' || ch === '$') {
      i++;
      const steps: (string | number)[] = [];
      for (;;) {
        if (expr[i] === '.') {
          const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(expr.slice(i + 1));
          if (!m) return fail(i + 1, 'expected a member name in filter');
          steps.push(m[0]);
          i += 1 + m[0].length;
        } else if (expr[i] === '[') {
          const m = /^\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+))\s*\]/.exec(expr.slice(i));
          if (!m) return fail(i, "expected ['name'] or [index] in filter");
          const quoted = m[1] ?? m[2];
          steps.push(quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : Number(m[3]));
          i += m[0].length;
        } else {
          break;
        }
      }
      if (expr[i] === '(') fail(i, 'functions are not supported in filters');
      tokens.push({ t: 'path', root: ch, steps, at });
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i));
    if (word) {
      const w = word[0];
      if (FILTER_WORD_OPERATORS.has(w)) {
        tokens.push({ t: 'cmp', op: w, at });
        i += w.length;
        continue;
      }
      if (w !== 'true' && w !== 'false' && w !== 'null') fail(at, `'${w}' is not supported in filters`);
      i += w.length;
      tokens.push({ t: 'lit', value: w === 'null' ? null : w === 'true', at });
      continue;
    }
    const two = expr.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      tokens.push({ t: two === '&&' ? 'and' : 'or', at });
      i += 2;
      continue;
    }
    const cmp = /^(===|!==|==|!=|<=|>=|=~|<|>)/.exec(expr.slice(i));
    if (cmp && expr[i + cmp[0].length] !== '=') {
      tokens.push({ t: 'cmp', op: cmp[0], at });
      i += cmp[0].length;
      continue;
    }
    if (ch === '!') {
      tokens.push({ t: 'not', at });
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ t: ch === '(' ? 'open' : 'close', at });
      i++;
      continue;
    }
    fail(at, `'${ch}' is not supported in filters (supported: paths, literals, lists, /regex/, == != === !== < <= > >= =~ in nin subsetof anyof noneof size empty contains, &&, ||, !)`);
  }
  return tokens;
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
      // As AWS prints it: "Multi properties can only be used as path leafs: $['a', 'b']".
      return `[${seg.names.map((n) => `'${n}'`).join(', ')}]`;
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
