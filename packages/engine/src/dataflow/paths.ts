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
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import { StatesError, StatesErrors } from '../errors.ts';
import type { EvaluationScope } from './types.ts';
import { parsePath, renderPath, renderSegment, type FilterPredicate, type ParsedPath, type Segment } from './path-syntax.ts';
import { deepEqual } from './json-util.ts';
import { compilationCache } from '../compilation-cache.ts';

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

const cache = compilationCache<PathEvaluator>('paths');

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
  const inner = parsed.segments.findIndex((s, i) => s.kind === 'names' && i < parsed.segments.length - 1);
  const last = parsed.segments.at(-1);
  if (inner >= 0) {
    // Jayway, AWS's library, merges several bracketed names only at the end of a path.
    const cause = `Invalid path '${parsed.text}' : Multi properties can only be used as path leafs: ${renderPath(parsed.segments.slice(0, inner + 1))}`;
    fn = () => {
      throw new StatesError(StatesErrors.Runtime, cause);
    };
  } else if (parsed.definite && last?.kind === 'names') {
    const steps: Step[] = parsed.segments.slice(0, -1).map((s) => (s.kind === 'name' ? s.name : (s as { index: number }).index));
    const parent = definiteAccessor(rootOf, steps);
    const names = last.names;
    fn = (input, scope) => mergeNames(parent(input, scope), names);
  } else if (parsed.definite) {
    const steps: Step[] = parsed.segments.map((s) => (s.kind === 'name' ? s.name : (s as { index: number }).index));
    fn = definiteAccessor(rootOf, steps);
  } else {
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

/** Jayway's multi-property merge: the named properties the object has, in the path's order. */
function mergeNames(node: Json | undefined, names: readonly string[]): JsonObject | undefined {
  if (!isJsonObject(node)) return undefined;
  const merged: JsonObject = {};
  for (const name of names) {
    if (!Object.hasOwn(node, name)) continue;
    // defineProperty: a key named __proto__ stays an own property.
    Object.defineProperty(merged, name, { value: node[name], enumerable: true, writable: true, configurable: true });
  }
  return merged;
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
    case 'names': {
      // Only ever last (see build): one object of the named properties, per object matched.
      const merged = mergeNames(node, seg.names);
      if (merged !== undefined) out.push(merged);
      return;
    }
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
      filterInto(node, seg.predicate, out, doc);
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

function filterInto(node: Json, predicate: FilterPredicate, out: Json[], doc: Json): void {
  // Jayway filters the elements of an array, but tests an object itself.
  let candidates: Json[];
  if (Array.isArray(node)) candidates = node;
  else if (node !== null && typeof node === 'object') candidates = [node];
  else return;
  if (candidates.length === 0) return;
  const matches = runFilter(predicate, candidates, doc);
  if (matches !== undefined) {
    for (const m of matches) out.push(m);
    return;
  }
  // Should the evaluator throw on some element anyway, Jayway's rule still holds: that element
  // does not match. Retry one element at a time and keep the ones that pass.
  for (const candidate of candidates) {
    const one = runFilter(predicate, [candidate], doc);
    if (one !== undefined) for (const m of one) out.push(m);
  }
}

function runFilter(predicate: FilterPredicate, candidates: Json[], doc: Json): Json[] | undefined {
  try {
    const matches: unknown = JSONPath({
      path: `$[?(${predicate.js})]`,
      json: candidates,
      wrap: true,
      eval: 'safe',
      sandbox: filterSandbox(doc, predicate.constants),
    });
    return Array.isArray(matches) ? (matches as Json[]) : [];
  } catch {
    return undefined;
  }
}

/**
 * What a translated filter (path-syntax.ts, compileFilter) sees besides the candidate `_$_v`.
 * jsonpath-plus declares `sandbox` as a Map but reads it as a plain object (Object.assign).
 */
function filterSandbox(doc: Json, constants: readonly unknown[]): Map<string, unknown> {
  return { _$_doc: doc, _$_k: constants, _$_get: filterGet, _$_has: filterHas, _$_cmp: filterCompare } as unknown as Map<string, unknown>;
}

function filterGet(root: Json, steps: readonly (string | number)[]): Json | undefined {
  let node: Json | undefined = root;
  for (const step of steps) {
    if (node === undefined) return undefined;
    node = typeof step === 'string' ? getMember(node, step) : getElement(node, step);
  }
  return node;
}

function filterHas(root: Json, steps: readonly (string | number)[]): boolean {
  return filterGet(root, steps) !== undefined;
}

/**
 * Jayway's relational operators (its EvaluatorFactory): `<`… compare numbers with numbers and
 * strings with strings only; `==` is Jayway's ValueNode equality (see {@link jaywayEquals});
 * `===` also requires the same type; a missing path never equals anything.
 */
function filterCompare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return jaywayEquals(a, b);
    case '!=':
      return !jaywayEquals(a, b);
    case '===':
      return sameKind(a, b) && jaywayEquals(a, b);
    case '!==':
      return !(sameKind(a, b) && jaywayEquals(a, b));
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return false;
      if (op === '<') return a < b;
      if (op === '<=') return a <= b;
      if (op === '>') return a > b;
      return a >= b;
    }
    case '=~': {
      const [pattern, input] = b instanceof RegExp ? [b, a] : a instanceof RegExp ? [a, b] : [undefined, undefined];
      if (pattern === undefined) return false;
      const text = typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean' ? String(input) : '';
      return pattern.test(text);
    }
    case 'in':
      return Array.isArray(b) && b.some((item) => jaywayEquals(a, item));
    case 'nin':
      return !(Array.isArray(b) && b.some((item) => jaywayEquals(a, item)));
    case 'subsetof':
      return Array.isArray(a) && Array.isArray(b) && a.every((x) => b.some((y) => jaywayEquals(x, y)));
    case 'anyof':
      return Array.isArray(a) && Array.isArray(b) && a.some((x) => b.some((y) => jaywayEquals(x, y)));
    case 'noneof':
      return Array.isArray(a) && Array.isArray(b) && !a.some((x) => b.some((y) => jaywayEquals(x, y)));
    case 'size':
      if (typeof b !== 'number') return false;
      if (typeof a === 'string' || Array.isArray(a)) return a.length === Math.trunc(b);
      return isJsonObject(a) && Object.keys(a).length === Math.trunc(b);
    case 'empty':
      if (typeof b !== 'boolean') return false;
      if (typeof a === 'string' || Array.isArray(a)) return (a.length === 0) === b;
      return isJsonObject(a) && (Object.keys(a).length === 0) === b;
    case 'contains':
      if (typeof a === 'string' && typeof b === 'string') return a.includes(b);
      return Array.isArray(a) && a.some((item) => jaywayEquals(item, b));
    default:
      return false;
  }
}

function sameKind(a: unknown, b: unknown): boolean {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  return kind(a) === kind(b);
}

/**
 * Jayway's ValueNode.equals: numbers and strings compare across types (a number on the left
 * reads the string as a decimal; a string on the left compares with the number's text),
 * objects and arrays compare as JSON, anything else only with its own kind.
 */
function jaywayEquals(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined || a instanceof RegExp || b instanceof RegExp) return false;
  if (typeof a === 'number') {
    if (typeof b === 'number') return a === b;
    if (typeof b === 'string') return DECIMAL.test(b) && Number(b) === a;
    return false;
  }
  if (typeof a === 'string') {
    if (typeof b === 'string') return a === b;
    if (typeof b === 'number') return a === String(b);
    return false;
  }
  if (a !== null && typeof a === 'object') return b !== null && typeof b === 'object' && deepEqual(a as Json, b as Json);
  return a === b;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

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
    } else if (seg.kind === 'names') {
      return (
        `Expected to find an object with property ${renderSegment(seg)} in path ${evalPath} but found '${javaTypeName(node)}'. ` +
        `This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.`
      );
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
