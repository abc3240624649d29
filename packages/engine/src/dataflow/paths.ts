/**
 * JSONPath evaluation as AWS Step Functions does it (JSONPath query language).
 *
 * Definite paths (`$.a.b`, `$.a[0]`, `$['x y']`, `$$.Execution.Id`, `$var.x`) — by far the
 * common case — compile to a direct accessor: a loop over pre-split steps, no parsing, no
 * exceptions, no copies. Indefinite paths (wildcards, unions, slices, `..`, filters) return
 * the array of matches, as Jayway JsonPath (AWS's library) does; filter predicates are
 * delegated to jsonpath-plus.
 *
 * Values returned are the input's own nodes: callers must treat them as immutable.
 */
import { JSONPath } from 'jsonpath-plus';
import type { Json, JsonObject } from '../json.ts';
import { StatesError, StatesErrors } from '../errors.ts';
import type { EvaluationScope } from './types.ts';
import { parsePath, PathSyntaxError, renderPath, renderSegment, type ParsedPath, type Segment } from './path-syntax.ts';

export { PathSyntaxError } from './path-syntax.ts';
// ResultPath lives in reference-path.ts; re-exported so that all path handling has one entry point.
export { compileReferencePath, setAtReferencePath, type ReferencePath } from './reference-path.ts';

/** Evaluates a path. `undefined` means "no match" (only definite paths can produce it). */
export interface PathEvaluator {
  (input: Json, scope: EvaluationScope): Json | undefined;
  readonly path: string;
  readonly definite: boolean;
  readonly root: ParsedPath['root'];
  /**
   * Why the path matched nothing, in the words of AWS's JsonPath library
   * ("No results for path: $['x']", "Missing property in path $['a']"). Only called on the
   * failure path, so it may re-walk the value.
   */
  explainMiss(input: Json, scope: EvaluationScope): string;
}

const cache = new Map<string, PathEvaluator>();

/** Compile a path (cached per string). Throws PathSyntaxError for invalid syntax. */
export function compilePath(path: string): PathEvaluator {
  let evaluator = cache.get(path);
  if (evaluator === undefined) {
    evaluator = build(parsePath(path));
    cache.set(path, evaluator);
  }
  return evaluator;
}

/** Is this string a path that compilePath accepts? (For validators and payload compilation.) */
export function isValidPath(path: string): boolean {
  try {
    compilePath(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Evaluate a path that must match (InputPath, OutputPath, ItemsPath, *SecondsPath...).
 * No match → States.Runtime with AWS's cause: `Invalid path '$.x' : No results for path: $['x']`.
 */
export function evaluatePath(path: string, input: Json, scope: EvaluationScope): Json {
  const evaluator = compilePath(path);
  const value = evaluator(input, scope);
  if (value === undefined) throw invalidPathError(evaluator, input, scope);
  return value;
}

export function invalidPathError(evaluator: PathEvaluator, input: Json, scope: EvaluationScope): StatesError {
  return new StatesError(StatesErrors.Runtime, `Invalid path '${evaluator.path}' : ${evaluator.explainMiss(input, scope)}`);
}

// ---------------------------------------------------------------------------------------------

type Step = string | number;

function build(parsed: ParsedPath): PathEvaluator {
  const rootOf = rootAccessor(parsed.root);
  let fn: (input: Json, scope: EvaluationScope) => Json | undefined;
  if (parsed.definite) {
    const steps: Step[] = parsed.segments.map((s) => (s.kind === 'name' ? s.name : (s as { index: number }).index));
    fn = definiteAccessor(rootOf, steps);
  } else {
    for (const s of parsed.segments) checkFilters(parsed.text, s);
    const segments = parsed.segments;
    fn = (input, scope) => {
      const root = rootOf(input, scope);
      if (root === undefined) return [];
      return evaluateIndefinite(root, segments);
    };
  }
  const evaluator = fn as PathEvaluator;
  Object.defineProperties(evaluator, {
    path: { value: parsed.text },
    definite: { value: parsed.definite },
    root: { value: parsed.root },
    explainMiss: { value: (input: Json, scope: EvaluationScope) => explainMiss(parsed, rootOf(input, scope)) },
  });
  return evaluator;
}

function rootAccessor(root: ParsedPath['root']): (input: Json, scope: EvaluationScope) => Json | undefined {
  switch (root.kind) {
    case 'input':
      return (input) => input;
    case 'context':
      return (_input, scope) => scope.context;
    case 'variable': {
      const name = root.name;
      return (_input, scope) => scope.variables.get(name);
    }
  }
}

/** Specialised closures for the shortest paths; a loop for the rest. */
function definiteAccessor(
  rootOf: (input: Json, scope: EvaluationScope) => Json | undefined,
  steps: Step[],
): (input: Json, scope: EvaluationScope) => Json | undefined {
  if (steps.length === 0) return rootOf;
  if (steps.length === 1 && typeof steps[0] === 'string') {
    const key = steps[0];
    return (input, scope) => getMember(rootOf(input, scope), key);
  }
  return (input, scope) => {
    let node = rootOf(input, scope);
    for (let i = 0; i < steps.length; i++) {
      if (node === undefined) return undefined;
      const step = steps[i];
      node = typeof step === 'string' ? getMember(node, step) : getElement(node, step);
    }
    return node;
  };
}

function getMember(node: Json | undefined, key: string): Json | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  // Own properties only: a JSON key such as "constructor" must not reach Object.prototype.
  return Object.hasOwn(node, key) ? node[key] : undefined;
}

function getElement(node: Json | undefined, index: number): Json | undefined {
  if (!Array.isArray(node)) return undefined;
  const i = index < 0 ? node.length + index : index;
  return i >= 0 && i < node.length ? node[i] : undefined;
}

// ----- indefinite paths -----------------------------------------------------------------------

function evaluateIndefinite(root: Json, segments: readonly Segment[]): Json[] {
  let current: Json[] = [root];
  for (const seg of segments) {
    const next: Json[] = [];
    for (const node of current) applySegment(node, seg, next, root);
    current = next;
  }
  return current;
}

/** `doc` is the path's root value: what `$` means inside a filter. */
function applySegment(node: Json, seg: Segment, out: Json[], doc: Json): void {
  switch (seg.kind) {
    case 'name': {
      const v = getMember(node, seg.name);
      if (v !== undefined) out.push(v);
      return;
    }
    case 'index': {
      const v = getElement(node, seg.index);
      if (v !== undefined) out.push(v);
      return;
    }
    case 'names':
      for (const name of seg.names) {
        const v = getMember(node, name);
        if (v !== undefined) out.push(v);
      }
      return;
    case 'indexes':
      for (const index of seg.indexes) {
        const v = getElement(node, index);
        if (v !== undefined) out.push(v);
      }
      return;
    case 'wildcard':
      if (Array.isArray(node)) {
        for (const v of node) out.push(v);
      } else if (node !== null && typeof node === 'object') {
        for (const key of Object.keys(node)) out.push(node[key]);
      }
      return;
    case 'slice':
      if (Array.isArray(node)) sliceInto(node, seg, out);
      return;
    case 'filter':
      filterInto(node, seg.expression, out, doc);
      return;
    case 'descendant':
      descend(node, seg.then, out, doc);
      return;
  }
}

function sliceInto(arr: Json[], seg: Extract<Segment, { kind: 'slice' }>, out: Json[]): void {
  const len = arr.length;
  const step = seg.step ?? 1;
  const norm = (i: number) => (i < 0 ? Math.max(len + i, 0) : Math.min(i, len));
  if (step > 0) {
    const start = seg.start === undefined ? 0 : norm(seg.start);
    const end = seg.end === undefined ? len : norm(seg.end);
    for (let i = start; i < end; i += step) out.push(arr[i]);
  } else {
    const start = seg.start === undefined ? len - 1 : Math.min(seg.start < 0 ? len + seg.start : seg.start, len - 1);
    const end = seg.end === undefined ? -1 : seg.end < 0 ? Math.max(len + seg.end, -1) : seg.end;
    for (let i = start; i > end; i += step) out.push(arr[i]);
  }
}

/** Pre-order walk, as Jayway's deep scan: the node itself, then each child. */
function descend(node: Json, then: Segment, out: Json[], doc: Json): void {
  applySegment(node, then, out, doc);
  if (Array.isArray(node)) {
    for (const child of node) if (child !== null && typeof child === 'object') descend(child, then, out, doc);
  } else if (node !== null && typeof node === 'object') {
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (child !== null && typeof child === 'object') descend(child, then, out, doc);
    }
  }
}

function filterInto(node: Json, expression: string, out: Json[], doc: Json): void {
  // Jayway filters the elements of an array, but tests an object itself.
  let candidates: Json[];
  if (Array.isArray(node)) candidates = node;
  else if (node !== null && typeof node === 'object') candidates = [node];
  else return;
  const matches = runFilter(expression, candidates, doc);
  if (matches !== undefined) {
    for (const m of matches) out.push(m);
    return;
  }
  // The predicate threw on some element (e.g. `@.b` on null). Jayway treats such an element
  // as not matching, so retry one element at a time and keep the ones that pass.
  for (const candidate of candidates) {
    const one = runFilter(expression, [candidate], doc);
    if (one !== undefined) for (const m of one) out.push(m);
  }
}

function runFilter(expression: string, candidates: Json[], doc: Json): Json[] | undefined {
  try {
    const matches: unknown = JSONPath({
      path: `$[?(${jsFilter(expression)})]`,
      json: candidates,
      wrap: true,
      eval: 'safe',
      sandbox: sandbox(doc),
    });
    return Array.isArray(matches) ? (matches as Json[]) : [];
  } catch {
    return undefined;
  }
}

/** Sandbox name under which a filter sees the document root (Jayway's `$` inside a filter). */
const DOC = '_$_doc';
const jsFilterCache = new Map<string, string>();

/** jsonpath-plus declares `sandbox` as a Map but reads it as a plain object (Object.assign). */
function sandbox(doc: Json): Map<string, unknown> {
  return { [DOC]: doc } as unknown as Map<string, unknown>;
}

/**
 * Jayway filter syntax → the JavaScript subset jsonpath-plus evaluates: `$` (the document
 * root) becomes a sandbox variable, and `==`/`!=` become strict, because Jayway never equates
 * values of different types (`'0' == 0` is false there).
 */
function jsFilter(expression: string): string {
  let out = jsFilterCache.get(expression);
  if (out !== undefined) return out;
  out = '';
  let quote: string | null = null;
  for (let i = 0; i < expression.length; i++) {
    const ch = expression[i];
    if (quote) {
      out += ch;
      if (ch === '\\' && i + 1 < expression.length) out += expression[++i];
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '$' && !/[A-Za-z0-9_$]/.test(expression[i - 1] ?? '')) {
      out += DOC;
    } else if ((ch === '=' || ch === '!') && expression[i + 1] === '=' && expression[i + 2] !== '=' && !/[=!<>]/.test(expression[i - 1] ?? '')) {
      out += ch + '==';
      i++;
    } else {
      out += ch;
    }
  }
  jsFilterCache.set(expression, out);
  return out;
}

/**
 * Reject filters jsonpath-plus cannot parse, at compile time rather than mid-execution. A
 * predicate may legitimately throw on some values (`@.b.c` on a number), so the filter is
 * accepted if it runs on at least one probe value.
 */
function checkFilters(path: string, seg: Segment): void {
  if (seg.kind === 'descendant') return checkFilters(path, seg.then);
  if (seg.kind !== 'filter') return;
  const probes: Json[] = [1, 'x', {}, { a: { b: 1 } }, [], true];
  let lastError: unknown;
  for (const probe of probes) {
    try {
      JSONPath({ path: `$[?(${jsFilter(seg.expression)})]`, json: [probe], wrap: true, eval: 'safe', sandbox: sandbox(probe) });
      return;
    } catch (e) {
      lastError = e;
    }
  }
  throw new PathSyntaxError(path, path.indexOf(seg.expression), `invalid filter: ${(lastError as Error).message}`);
}

// ----- failure explanations (Jayway's PathNotFoundException texts) -----------------------------

function explainMiss(parsed: ParsedPath, root: Json | undefined): string {
  const full = renderPath(parsed.segments);
  if (root === undefined) {
    return parsed.root.kind === 'variable' ? `The variable '${parsed.root.name}' is not defined` : `No results for path: ${full}`;
  }
  if (!parsed.definite) return `No results for path: ${full}`;
  let node: Json = root;
  let evalPath = '$';
  const segs = parsed.segments;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const leaf = i === segs.length - 1;
    if (seg.kind === 'name') {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) {
        return (
          `Expected to find an object with property ${renderSegment(seg)} in path ${evalPath} but found '${javaTypeName(node)}'. ` +
          `This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.`
        );
      }
      evalPath += renderSegment(seg);
      const obj: JsonObject = node;
      if (!Object.hasOwn(obj, seg.name)) {
        return leaf ? `No results for path: ${full}` : `Missing property in path ${evalPath}`;
      }
      node = obj[seg.name];
    } else if (seg.kind === 'index') {
      if (node === null) return `The path ${evalPath} is null`;
      if (!Array.isArray(node)) {
        return `Filter: ${renderSegment(seg)} can only be applied to arrays. Current context is: ${JSON.stringify(node)}`;
      }
      const v = getElement(node, seg.index);
      if (v === undefined) return `No results for path: ${full}`;
      evalPath += renderSegment(seg);
      node = v;
    }
  }
  return `No results for path: ${full}`;
}

function javaTypeName(node: Json): string {
  if (node === null) return 'null';
  if (Array.isArray(node)) return 'com.fasterxml.jackson.databind.node.ArrayNode';
  switch (typeof node) {
    case 'string':
      return 'com.fasterxml.jackson.databind.node.TextNode';
    case 'number':
      return Number.isInteger(node) ? 'com.fasterxml.jackson.databind.node.IntNode' : 'com.fasterxml.jackson.databind.node.DoubleNode';
    case 'boolean':
      return 'com.fasterxml.jackson.databind.node.BooleanNode';
    default:
      return 'com.fasterxml.jackson.databind.node.ObjectNode';
  }
}
