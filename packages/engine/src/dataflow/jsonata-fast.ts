/**
 * A synchronous evaluator for the small JSONata expressions most state machines are made of
 * (`$states.input.i < 10`, `$count + 1`, `{ "total": $x * 2 }`, `$x ? 1 : 2`…), exact to
 * jsonata-js 2.x, which evaluates everything through async/await and so costs far more.
 *
 * Two escape hatches keep it exact:
 * - at compile time, an AST with anything outside the subset below compiles to `undefined`;
 * - at run time, whenever a value makes the outcome uncertain (jsonata would raise an error, map
 *   over an array, read a built-in function…), the evaluation answers {@link NOT_HANDLED} and the
 *   caller evaluates the expression with jsonata-js instead, which produces the real result or error.
 * It never throws. A value it returns is the JSON the engine takes from jsonata-js's result for the
 * same bindings (what `toJsonResult` in jsonata-values.ts makes of it), built as JSON directly:
 * objects built by `{…}` are plain objects (jsonata's have a null prototype; a `__proto__` key is
 * kept an own key all the same), and a computed -0 is 0 (JSON writes no -0; nothing in the subset
 * can tell 0 and -0 apart: `=`, `<`, casts and `1/x`'s non-finite results all treat them alike).
 * Values bound in are handed back as they are, shared, not copied, as every value is inside an
 * execution.
 *
 * The subset, one compiler per node type below (the jsonata.js function each one mirrors in brackets):
 * - literals: numbers (finite), strings, `true`, `false`, `null`                    [evaluateLiteral]
 * - `$name` variables, read from the bindings                                         [evaluateVariable]
 * - paths `$name.a.b…` of plain name steps: no predicates, stages, wildcards, `%`, `#`, `@`,
 *   grouping or `[]`                                                                  [evaluatePath, evaluateStep, lookup]
 * - `+ - * / %` and unary `-`                                                         [evaluateNumericExpression, evaluateUnary]
 * - `=` `!=`                                                                          [evaluateEqualityExpression, isDeepEqual]
 * - `< <= > >=`                                                                       [evaluateComparisonExpression]
 * - `and` `or`, short-circuiting                                                      [evaluateBooleanExpression, boolean]
 * - `&`                                                                               [evaluateStringConcat, string]
 * - `c ? a : b` and `c ? a`                                                           [evaluateCondition]
 * - `( a; b; … )` blocks (no `:=` can occur in the subset, so no frame is needed)      [evaluateBlock]
 * - `[ … ]` array constructors                                                        [evaluateUnary '[']
 * - `{ "key": …, … }` object constructors with literal, distinct keys                  [evaluateGroupExpression]
 */
import type { ExprNode } from 'jsonata';

/** What a fast evaluation answers when only jsonata-js can tell the outcome. */
export const NOT_HANDLED: unique symbol = Symbol('jsonata-fast: not handled');
export type NotHandled = typeof NOT_HANDLED;

/**
 * Evaluate with exactly the object that would be jsonata's second argument to
 * `expression.evaluate(undefined, bindings)` (`states` and variable names without `$`): a plain
 * object, or one without a prototype, whose own enumerable keys are the bindings.
 * Answers a JSON value, `undefined` (no result), or {@link NOT_HANDLED}.
 */
export type FastJsonata = (bindings: Readonly<Record<string, unknown>>) => unknown;

export interface FastJsonataOptions {
  /**
   * The `stack` option the expression is run with by jsonata-js (`JsonataLimits.maxDepth`);
   * 0 for none. Default 100, the engine's default.
   */
  readonly maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 100;

/**
 * Compile a parsed expression (`jsonata(text).ast()`), or answer `undefined` when it has anything
 * outside the subset.
 */
export function compileFastJsonata(ast: ExprNode, options: FastJsonataOptions = {}): FastJsonata | undefined {
  const node = ast as unknown as AstNode;
  const evaluator = compileNode(node);
  if (evaluator === undefined) return undefined;
  // Past `stack` evaluations under way at once, jsonata fails with D1011; leave such trees to it.
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (maxDepth > 0 && depthBound(node) > maxDepth) return undefined;
  return (bindings) => {
    try {
      return evaluator(bindings);
    } catch {
      // Nothing below is meant to throw; should anything, jsonata-js has the last word.
      return NOT_HANDLED;
    }
  };
}

/**
 * The most evaluations jsonata can have under way at once for a tree of the subset (its `depth`,
 * one per `evaluate` entered and not yet left). Children evaluated one after another (operands,
 * path steps, branches, block members, object keys) add their maximum; but the members of an array
 * constructor and the values of an object constructor are evaluated concurrently (Promise.all), so
 * the levels of suspended siblings add up: their sum bounds them. Each node of the subset is
 * evaluated at most once, so this bound holds for every evaluation the fast path handles.
 */
function depthBound(node: AstNode): number {
  const max = (children: unknown): number => Math.max(0, ...(children as AstNode[]).map(depthBound));
  const sum = (children: unknown): number => (children as AstNode[]).reduce((total, child) => total + depthBound(child), 0);
  switch (node.type) {
    case 'path':
      return 2; // the path, then each step (a leaf) in turn
    case 'binary':
      return 1 + max([node.lhs, node.rhs]);
    case 'condition':
      return 1 + max([node.condition, node.then, ...(node.else === undefined ? [] : [node.else])]);
    case 'block':
      return 1 + max(node.expressions);
    case 'unary':
      if (node.value === '-') return 1 + depthBound(node.expression as AstNode);
      if (node.value === '[') return 1 + sum(node.expressions);
      // '{': the keys (literals, one level) one by one, then all the values at once.
      return 1 + Math.max(1, sum((node.lhs as AstNode[][]).map((pair) => pair[1])));
    default:
      return 1; // literals and variables
  }
}

// ------------------------------------------------------------------------------- compilation

type Bindings = Readonly<Record<string, unknown>>;

/** A compiled node: its value, `undefined`, or NOT_HANDLED. */
type Evaluator = (bindings: Bindings) => unknown;

/** The AST as this module reads it: field by field, nothing assumed. */
type AstNode = Readonly<Record<string, unknown>>;

/**
 * The fields each supported node may carry. Any other field (predicate, stages, group, focus,
 * index, tuple, keepArray, keepSingletonArray, consarray, ancestor…) changes the meaning, so a
 * node with one is outside the subset.
 */
const FIELDS = {
  literal: ['type', 'value', 'position'],
  path: ['type', 'steps'],
  binary: ['type', 'value', 'position', 'lhs', 'rhs'],
  negation: ['type', 'value', 'position', 'expression'],
  array: ['type', 'value', 'position', 'expressions'],
  object: ['type', 'value', 'position', 'lhs'],
  condition: ['type', 'position', 'condition', 'then', 'else'],
  block: ['type', 'position', 'expressions'],
} as const satisfies Record<string, readonly string[]>;

function hasOnlyFields(node: AstNode, allowed: readonly string[]): boolean {
  for (const key of Object.keys(node)) if (!allowed.includes(key)) return false;
  return true;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compileNode(node: unknown): Evaluator | undefined {
  if (!isNode(node)) return undefined;
  switch (node.type) {
    case 'number':
    case 'string':
    case 'value':
      return compileLiteral(node);
    case 'variable':
      return compileVariable(node);
    case 'path':
      return compilePath(node);
    case 'binary':
      return compileBinary(node);
    case 'unary':
      if (node.value === '-') return compileNegation(node);
      if (node.value === '[') return compileArray(node);
      if (node.value === '{') return compileObject(node);
      return undefined;
    case 'condition':
      return compileCondition(node);
    case 'block':
      return compileBlock(node);
    default:
      return undefined;
  }
}

function compileChildren(nodes: unknown): Evaluator[] | undefined {
  if (!Array.isArray(nodes)) return undefined;
  const out: Evaluator[] = [];
  for (const child of nodes) {
    const evaluator = compileNode(child);
    if (evaluator === undefined) return undefined;
    out.push(evaluator);
  }
  return out;
}

// ------------------------------------------------------------------- literals and variables

function compileLiteral(node: AstNode): Evaluator | undefined {
  if (!hasOnlyFields(node, FIELDS.literal)) return undefined;
  const { type, value } = node;
  const valid =
    (type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
    (type === 'string' && typeof value === 'string') ||
    (type === 'value' && (value === true || value === false || value === null));
  if (!valid) return undefined;
  // The parser folds `-0` into a literal -0.
  const literal = typeof value === 'number' ? plusZero(value) : value;
  return () => literal;
}

/** A workflow variable or `$states`; not `$` (the context, undefined here) nor `$$`. */
function variableName(node: AstNode): string | undefined {
  if (node.type !== 'variable' || !hasOnlyFields(node, FIELDS.literal)) return undefined;
  const name = node.value;
  return typeof name === 'string' && name !== '' && name !== '$' ? name : undefined;
}

function compileVariable(node: AstNode): Evaluator | undefined {
  const name = variableName(node);
  return name === undefined ? undefined : (bindings) => readVariable(bindings, name);
}

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

/**
 * jsonata binds the bindings' own enumerable keys (Object.keys) in a frame above the expression's
 * environment. A name not among them is looked up further out, where the built-in functions
 * (`$string`, `$count`…), the engine's registered ones and any `assign`ed value live: only jsonata
 * knows what it finds there. The bindings are a plain object, so a name that is not an own key
 * reads as undefined or as an inherited method (which boundValue leaves to jsonata), except
 * `__proto__`, whose inherited accessor answers the prototype: checked as an own key. (Reading
 * first and checking ownership only then spares a check on every variable read.)
 */
function readVariable(bindings: Bindings, name: string): unknown {
  const value = bindings[name];
  if (value === undefined || (name === '__proto__' && !hasOwn(bindings, name))) return NOT_HANDLED;
  return boundValue(value);
}

/** A bound value as jsonata's evaluate() hands it on; anything but JSON is left to jsonata. */
function boundValue(value: unknown): unknown {
  switch (typeof value) {
    case 'undefined':
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      // evaluate() collapses a sequence-flagged array (empty → undefined, one item → the item).
      return value !== null && Array.isArray(value) && isSequence(value) ? NOT_HANDLED : value;
    default:
      return NOT_HANDLED; // functions, symbols, bigints
  }
}

function isSequence(array: unknown[]): boolean {
  return (array as unknown[] & { sequence?: unknown }).sequence === true;
}

/** jsonata's isFunction for objects: such an object answers no lookups and casts to ''. */
function isFunctionLike(value: object): boolean {
  const record = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return record._jsonata_function === true || record._jsonata_lambda === true;
}

// ------------------------------------------------------------------------------------ paths

/**
 * `$name.a.b…`. jsonata starts from a one-item sequence, evaluates each step on every item and
 * flattens the results: over an array that means mapping, which is left to jsonata. Without
 * arrays on the way, each step is a lookup of an own property of an object, and a missing
 * property or a scalar ends the path with undefined. An array reached by the last step is the
 * result itself, unflattened (evaluateStep's `lastStep` rule), empty or not.
 */
function compilePath(node: AstNode): Evaluator | undefined {
  if (!hasOnlyFields(node, FIELDS.path) || !Array.isArray(node.steps) || node.steps.length < 2) return undefined;
  const [first, ...rest] = node.steps as unknown[];
  if (!isNode(first)) return undefined;
  const variable = variableName(first);
  if (variable === undefined) return undefined;
  const names: string[] = [];
  for (const step of rest) {
    if (!isNode(step) || step.type !== 'name' || !hasOnlyFields(step, FIELDS.literal) || typeof step.value !== 'string') return undefined;
    names.push(step.value);
  }
  return (bindings) => {
    let value = readVariable(bindings, variable);
    for (const name of names) {
      if (value === undefined || value === NOT_HANDLED) return value;
      if (typeof value !== 'object' || value === null) return undefined;
      if (Array.isArray(value) || isFunctionLike(value)) return NOT_HANDLED;
      if (!hasOwn(value, name)) return undefined;
      value = boundValue((value as Record<string, unknown>)[name]);
    }
    return value;
  };
}

// --------------------------------------------------------------------------------- operators

function compileBinary(node: AstNode): Evaluator | undefined {
  if (!hasOnlyFields(node, FIELDS.binary)) return undefined;
  const op = node.value;
  const lhs = compileNode(node.lhs);
  const rhs = compileNode(node.rhs);
  if (lhs === undefined || rhs === undefined) return undefined;
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return numeric(lhs, rhs, op);
    case '=':
    case '!=':
      return equality(lhs, rhs, op === '!=');
    case '<':
    case '<=':
    case '>':
    case '>=':
      return comparison(lhs, rhs, op);
    case 'and':
    case 'or':
      return booleanOperator(lhs, rhs, op === 'and');
    case '&':
      return concatenation(lhs, rhs);
    default:
      return undefined; // `..`, `in`, …
  }
}

/** A number jsonata's isNumeric accepts without error: NaN is T2001/T2002, ±Infinity D1001. */
function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Both sides are evaluated (no short-circuit), each must be undefined or a number; either one
 * undefined makes the result undefined. A non-finite result (`1/0`, overflow) is returned raw by
 * jsonata but fails in any later arithmetic; left to jsonata.
 */
function numeric(lhs: Evaluator, rhs: Evaluator, op: '+' | '-' | '*' | '/' | '%'): Evaluator {
  return (bindings) => {
    const l = lhs(bindings);
    if (l === NOT_HANDLED) return l;
    const r = rhs(bindings);
    if (r === NOT_HANDLED) return r;
    if ((l !== undefined && !isFiniteNumber(l)) || (r !== undefined && !isFiniteNumber(r))) return NOT_HANDLED;
    if (l === undefined || r === undefined) return undefined;
    let result: number;
    switch (op) {
      case '+':
        result = l + r;
        break;
      case '-':
        result = l - r;
        break;
      case '*':
        result = l * r;
        break;
      case '/':
        result = l / r;
        break;
      case '%':
        result = l % r;
        break;
    }
    return Number.isFinite(result) ? plusZero(result) : NOT_HANDLED;
  };
}

/** -0 as 0: see the module's comment. */
function plusZero(value: number): number {
  return value === 0 ? 0 : value;
}

function compileNegation(node: AstNode): Evaluator | undefined {
  if (!hasOnlyFields(node, FIELDS.negation)) return undefined;
  const operand = compileNode(node.expression);
  if (operand === undefined) return undefined;
  return (bindings) => {
    const value = operand(bindings);
    if (value === undefined || value === NOT_HANDLED) return value;
    return isFiniteNumber(value) ? plusZero(-value) : NOT_HANDLED; // else D1002 / D1001
  };
}

/** Undefined on either side is `false` (for `!=` too); otherwise isDeepEqual. */
function equality(lhs: Evaluator, rhs: Evaluator, negate: boolean): Evaluator {
  return (bindings) => {
    const l = lhs(bindings);
    if (l === NOT_HANDLED) return l;
    const r = rhs(bindings);
    if (r === NOT_HANDLED) return r;
    if (l === undefined || r === undefined) return false;
    const equal = isDeepEqual(l, r);
    return negate ? !equal : equal;
  };
}

/** jsonata's isDeepEqual, line for line: `===`, then arrays item by item, then own property names. */
function isDeepEqual(lhs: unknown, rhs: unknown): boolean {
  if (lhs === rhs) return true;
  if (typeof lhs === 'object' && typeof rhs === 'object' && lhs !== null && rhs !== null) {
    if (Array.isArray(lhs) && Array.isArray(rhs)) {
      if (lhs.length !== rhs.length) return false;
      for (let i = 0; i < lhs.length; i++) if (!isDeepEqual(lhs[i], rhs[i])) return false;
      return true;
    }
    const lkeys = Object.getOwnPropertyNames(lhs).sort();
    const rkeys = Object.getOwnPropertyNames(rhs).sort();
    if (lkeys.length !== rkeys.length) return false;
    for (let i = 0; i < lkeys.length; i++) if (lkeys[i] !== rkeys[i]) return false;
    for (const key of lkeys) {
      if (!isDeepEqual((lhs as Record<string, unknown>)[key], (rhs as Record<string, unknown>)[key])) return false;
    }
    return true;
  }
  return false;
}

/**
 * Each side must be undefined, a string or a number (else T2010); then undefined on either side
 * makes the result undefined; then both must have the same type (else T2009).
 */
function comparison(lhs: Evaluator, rhs: Evaluator, op: '<' | '<=' | '>' | '>='): Evaluator {
  return (bindings) => {
    const l = lhs(bindings);
    if (l === NOT_HANDLED) return l;
    const r = rhs(bindings);
    if (r === NOT_HANDLED) return r;
    const ltype = typeof l;
    const rtype = typeof r;
    if (!isComparableType(ltype) || !isComparableType(rtype)) return NOT_HANDLED;
    if (l === undefined || r === undefined) return undefined;
    if (ltype !== rtype) return NOT_HANDLED;
    const a = l as string | number;
    const b = r as string | number;
    switch (op) {
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
    }
  };
}

function isComparableType(type: string): boolean {
  return type === 'undefined' || type === 'string' || type === 'number';
}

/**
 * jsonata's fn.boolean: undefined stays undefined; empty string, 0, null, empty object and empty
 * array are false; a one-item array is its item's value; a longer array is true when any item is.
 * Function-like objects (false) and ±Infinity (D1001) are left to jsonata.
 */
function effectiveBoolean(value: unknown): boolean | undefined | NotHandled {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'boolean':
      return value;
    case 'string':
      return value.length > 0;
    case 'number':
      if (Number.isNaN(value)) return false;
      return Number.isFinite(value) ? value !== 0 : NOT_HANDLED;
    case 'object': {
      if (value === null) return false;
      if (Array.isArray(value)) {
        if (value.length === 1) return effectiveBoolean(value[0]);
        let any = false;
        // Every item is cast, as jsonata's filter does, so an item it would fail on is found.
        for (const item of value) {
          const cast = effectiveBoolean(item);
          if (cast === NOT_HANDLED) return cast;
          if (cast === true) any = true;
        }
        return any;
      }
      if (isFunctionLike(value)) return NOT_HANDLED;
      return Object.keys(value).length > 0;
    }
    default:
      return NOT_HANDLED;
  }
}

/** `and`/`or`: the left side cast (undefined → false) decides whether the right is evaluated. */
function booleanOperator(lhs: Evaluator, rhs: Evaluator, isAnd: boolean): Evaluator {
  return (bindings) => {
    const l = lhs(bindings);
    if (l === NOT_HANDLED) return l;
    const left = effectiveBoolean(l);
    if (left === NOT_HANDLED) return left;
    if (isAnd ? left !== true : left === true) return isAnd ? false : true;
    const r = rhs(bindings);
    if (r === NOT_HANDLED) return r;
    const right = effectiveBoolean(r);
    return right === NOT_HANDLED ? right : right === true;
  };
}

/** `&`: each side cast with $string, undefined being ''. */
function concatenation(lhs: Evaluator, rhs: Evaluator): Evaluator {
  return (bindings) => {
    const l = lhs(bindings);
    if (l === NOT_HANDLED) return l;
    const r = rhs(bindings);
    if (r === NOT_HANDLED) return r;
    const left = l === undefined ? '' : castToString(l);
    if (left === NOT_HANDLED) return left;
    const right = r === undefined ? '' : castToString(r);
    if (right === NOT_HANDLED) return right;
    return left + right;
  };
}

/**
 * jsonata's fn.string for a defined value: a string as is; otherwise JSON.stringify with numbers
 * (at any depth) that are not integers rounded to 15 significant digits. Non-finite numbers
 * (D3001) and function-like objects (written '') are left to jsonata.
 */
function castToString(value: unknown): string | NotHandled {
  if (typeof value === 'string') return value;
  let handled = true;
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) {
        // NaN is written null by jsonata too, but keep to the plain cases.
        handled = false;
        return null;
      }
      return Number.isInteger(item) ? item : Number(item.toPrecision(15));
    }
    if (typeof item === 'function' || typeof item === 'bigint' || typeof item === 'symbol') handled = false;
    else if (typeof item === 'object' && item !== null && !Array.isArray(item) && isFunctionLike(item)) handled = false;
    return item;
  });
  return handled && typeof text === 'string' ? text : NOT_HANDLED;
}

// ----------------------------------------------------------------------- conditions and blocks

/** `c ? a : b`: the condition cast with fn.boolean; no `else` and a false condition is undefined. */
function compileCondition(node: AstNode): Evaluator | undefined {
  if (!hasOnlyFields(node, FIELDS.condition)) return undefined;
  const condition = compileNode(node.condition);
  const then = compileNode(node.then);
  const otherwise = node.else === undefined ? undefined : compileNode(node.else);
  if (condition === undefined || then === undefined || (node.else !== undefined && otherwise === undefined)) return undefined;
  return (bindings) => {
    const value = condition(bindings);
    if (value === NOT_HANDLED) return value;
    const cast = effectiveBoolean(value);
    if (cast === NOT_HANDLED) return cast;
    if (cast === true) return then(bindings);
    return otherwise === undefined ? undefined : otherwise(bindings);
  };
}

/** `( a; b )`: every expression evaluated in turn, the last one's value the block's; `()` is undefined. */
function compileBlock(node: AstNode): Evaluator | undefined {
  if (!hasOnlyFields(node, FIELDS.block)) return undefined;
  const expressions = compileChildren(node.expressions);
  if (expressions === undefined) return undefined;
  if (expressions.length === 1) return expressions[0];
  return (bindings) => {
    let result: unknown;
    for (const expression of expressions) {
      result = expression(bindings);
      if (result === NOT_HANDLED) return result;
    }
    return result;
  };
}

// ------------------------------------------------------------------------------ constructors

/**
 * `[a, b, …]`: undefined items are dropped; an item written as an array constructor is kept as
 * one item, any other item's array is spliced in (jsonata's `item.value === '['` test, which a
 * "[" string literal also passes, harmlessly: a string is one item either way).
 */
function compileArray(node: AstNode): Evaluator | undefined {
  if (!hasOnlyFields(node, FIELDS.array) || !Array.isArray(node.expressions)) return undefined;
  const items = compileChildren(node.expressions);
  if (items === undefined) return undefined;
  const nested = (node.expressions as unknown[]).map((item) => isNode(item) && item.value === '[');
  return (bindings) => {
    const result: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      const value = items[i](bindings);
      if (value === NOT_HANDLED) return value;
      if (value === undefined) continue;
      if (!nested[i] && Array.isArray(value)) {
        for (const item of value) result.push(item);
      } else {
        result.push(value);
      }
    }
    return result;
  };
}

/** Keys jsonata refuses in an object constructor (D1013). */
const RESERVED_KEYS: readonly string[] = ['_jsonata_lambda', '_jsonata_function'];

/**
 * `{ "k": v, … }` with literal keys, all different (a repeated key is D1009). Values are evaluated
 * with no context; undefined ones are left out. jsonata builds a null-prototype object, so a
 * `__proto__` key is an ordinary own key; this builds a plain object (JSON, as the engine takes
 * it) and defines such a key as an own property.
 */
function compileObject(node: AstNode): Evaluator | undefined {
  if (!hasOnlyFields(node, FIELDS.object) || !Array.isArray(node.lhs)) return undefined;
  const keys: string[] = [];
  const values: Evaluator[] = [];
  for (const pair of node.lhs as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const [keyNode, valueNode] = pair as unknown[];
    if (!isNode(keyNode) || keyNode.type !== 'string' || !hasOnlyFields(keyNode, FIELDS.literal)) return undefined;
    const key = keyNode.value;
    if (typeof key !== 'string' || keys.includes(key) || RESERVED_KEYS.includes(key)) return undefined;
    const value = compileNode(valueNode);
    if (value === undefined) return undefined;
    keys.push(key);
    values.push(value);
  }
  const protoKey = keys.includes('__proto__');
  return (bindings) => {
    const result: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = values[i](bindings);
      if (value === NOT_HANDLED) return value;
      if (value === undefined) continue;
      if (protoKey && keys[i] === '__proto__') Object.defineProperty(result, '__proto__', { value, enumerable: true, writable: true, configurable: true });
      else result[keys[i]] = value;
    }
    return result;
  };
}
