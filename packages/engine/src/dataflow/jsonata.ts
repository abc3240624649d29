/**
 * JSONata as AWS Step Functions runs it: the expression layer behind every JSONata-state field
 * (Arguments, Output, Assign, Items, ItemSelector, Condition, Seconds/Timestamp, Error/Cause,
 * TimeoutSeconds/HeartbeatSeconds, MaxConcurrency, tolerated failures, Catch Output/Assign).
 *
 * - A string is an expression only when the whole string is `{% … %}`; every other string, at
 *   any depth, is a literal. Templates are walked once at compile time, so evaluating a static
 *   template costs nothing and an expression is parsed once per distinct text (cached).
 * - An expression sees no context item (`$` is undefined); it reads `$states.input`,
 *   `$states.context`, `$states.result`, `$states.errorOutput` and workflow variables `$name`.
 * - Evaluation is bounded in time and nesting depth, so a runaway expression fails the state
 *   with States.QueryEvaluationError instead of hanging the process or the tab.
 * - Failures carry AWS's cause text and the field path (`Output/a/b[0]`) AWS reports as the
 *   `location` of its EvaluationFailed event.
 * - The jsonata library itself is looked up in jsonata-library.ts, where the default entry installs
 *   it: the states import this module whatever their query language, and a JSONPath-only bundle
 *   must not carry the library because of it.
 */
import type { Expression } from 'jsonata';
import type { Json, JsonObject } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { RandomSource, VariableScope } from './types.ts';
import { analyzeJsonataAst, type JsonataAnalysis } from './jsonata-analysis.ts';
import { JsonataCauses, JsonataDefinitionError, JsonataEvaluationError, jsonataErrorParts } from './jsonata-errors.ts';
import { NOW_BINDING, RANDOM_BINDING, registerAwsFunctions } from './jsonata-functions.ts';
import { requireJsonata } from './jsonata-library.ts';
import { compileFastJsonata, NOT_HANDLED, type FastJsonata } from './jsonata-fast.ts';
import { andThen, isPromise, promiseOf, type MaybePromise } from '../maybe-async.ts';
import { jsonTypeName, toJsonResult, type JsonTypeName } from './jsonata-values.ts';
import { compilationCache } from '../compilation-cache.ts';

export { JsonataDefinitionError, JsonataEvaluationError, stateErrorCause } from './jsonata-errors.ts';
export type { EvaluationFailedEventDetails, JsonataDefinitionErrorCode } from './jsonata-errors.ts';
export { jsonSizeInBytes, jsonTypeName } from './jsonata-values.ts';
export type { JsonataAnalysis } from './jsonata-analysis.ts';

export interface JsonataBindings {
  /** `$states`; give `context` here, or a `contextSource` to read it from only if an expression needs it. */
  states: { input: Json; context?: JsonObject; result?: Json; errorOutput?: Json };
  contextSource?: { readonly context: JsonObject };
  variables: VariableScope;
  random: RandomSource;
  /** Epoch milliseconds for `$now()`/`$millis()`; pass the execution Clock's `now`. Default: Date.now. */
  now?: () => number;
}

export interface CompiledJsonataTemplate {
  /** No `{% %}` anywhere: `evaluate` returns the template itself. */
  readonly isStatic: boolean;
  /** Workflow variable names the template's expressions mention (a superset of what they read). */
  readonly variables: readonly string[];
  /** `$states.<field>` names the template's expressions read (`input`, `result`, …). */
  readonly statesFields: readonly string[];
  /** Rejects with {@link JsonataEvaluationError} (States.QueryEvaluationError) with `.location`. */
  evaluate(bindings: JsonataBindings): Promise<Json>;
  /**
   * The same, without a promise when every expression evaluates synchronously (the fast path
   * of jsonata-fast.ts): the value now, or a promise; a failure may be thrown synchronously.
   * For the interpreter, whose states finish synchronously whenever they can.
   */
  evaluateNow(bindings: JsonataBindings): MaybePromise<Json>;
}

/** Bounds on one evaluation. AWS's own: nesting deeper than 100 fails (reported by floci-io/floci #2783). */
export interface JsonataLimits {
  /** Wall-clock budget of one expression evaluation, in milliseconds. */
  readonly timeoutMs: number;
  /** Deepest evaluation nesting allowed; JSONata counts one level per operator/step/call. */
  readonly maxDepth: number;
}

export const DEFAULT_JSONATA_LIMITS: JsonataLimits = { timeoutMs: 5000, maxDepth: 100 };

export interface CompileOptions {
  readonly limits?: JsonataLimits;
}

/** Whether `value` is a JSONata expression: a string that as a whole is `{% … %}`. */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}');
}

/** The expression between the delimiters, trimmed: the text AWS quotes in its causes. */
export function jsonataExpressionText(value: string): string {
  return value.slice(2, -2).trim();
}

/**
 * Compile a field's value. `location` is the field name AWS reports (`Output`, `Arguments`,
 * `Items`, `Condition`…); nested expressions report `location/key` and `location[i]`.
 * Throws {@link JsonataDefinitionError} for an expression AWS refuses at definition time.
 */
export function compileJsonataTemplate(template: Json, location: string, options: CompileOptions = {}): CompiledJsonataTemplate {
  const limits = options.limits ?? DEFAULT_JSONATA_LIMITS;
  const node = compileNode(template, location, limits);
  if (node.kind === 'static') {
    return { isStatic: true, variables: [], statesFields: [], evaluate: () => Promise.resolve(template), evaluateNow: () => template };
  }
  const variables = new Set<string>();
  const statesFields = new Set<string>();
  collectExpressions(node, (expression) => {
    for (const name of expression.analysis.variables) variables.add(name);
    for (const field of expression.analysis.statesFields) statesFields.add(field);
  });
  return {
    isStatic: false,
    variables: [...variables],
    statesFields: [...statesFields],
    evaluate: (bindings) => promiseOf(() => evaluateNode(node, bindings)),
    evaluateNow: (bindings) => evaluateNode(node, bindings),
  };
}

/** One-shot convenience; prefer compiling once and evaluating many times. */
export function evaluateJsonataTemplate(template: Json, location: string, bindings: JsonataBindings): Promise<Json> {
  return compileJsonataTemplate(template, location).evaluate(bindings);
}

export type JsonataFieldType = Exclude<JsonTypeName, 'null'>;

export interface CompiledJsonataField<T extends Json> extends CompiledJsonataTemplate {
  evaluate(bindings: JsonataBindings): Promise<T>;
  evaluateNow(bindings: JsonataBindings): MaybePromise<T>;
}

/**
 * Compile a field whose expression must produce one JSON type: `Items` ('array'), `Condition`
 * ('boolean'), `Seconds`/`TimeoutSeconds`/`MaxConcurrency`… ('number'), `Timestamp`, `Error`,
 * `Cause` ('string'). Another type fails with AWS's "returned an unexpected result type. Expected
 * 'array', but was 'object' for value: {…}" (corpus test_map_state_items_eval_jsonata_fail).
 * Range and integer checks stay with the state, which knows its own rules and texts.
 */
export function compileJsonataField(template: Json, location: string, expected: 'array', options?: CompileOptions): CompiledJsonataField<Json[]>;
export function compileJsonataField(template: Json, location: string, expected: 'boolean', options?: CompileOptions): CompiledJsonataField<boolean>;
export function compileJsonataField(template: Json, location: string, expected: 'number', options?: CompileOptions): CompiledJsonataField<number>;
export function compileJsonataField(template: Json, location: string, expected: 'string', options?: CompileOptions): CompiledJsonataField<string>;
export function compileJsonataField(template: Json, location: string, expected: 'object', options?: CompileOptions): CompiledJsonataField<JsonObject>;
export function compileJsonataField(template: Json, location: string, expected: JsonataFieldType, options: CompileOptions = {}): CompiledJsonataField<Json> {
  const compiled = compileJsonataTemplate(template, location, options);
  if (!isJsonataExpression(template)) {
    // A literal of the wrong type is a definition error the validator reports; keep it out of runs.
    if (jsonTypeName(template) !== expected) {
      throw new TypeError(`The field '${location}' must be a JSONata expression or a ${expected}, not ${jsonTypeName(template)}`);
    }
    return compiled;
  }
  const expression = jsonataExpressionText(template);
  const checked = (value: Json): Json => {
    const actual = jsonTypeName(value);
    if (actual !== expected) {
      throw new JsonataEvaluationError(expression, location, JsonataCauses.unexpectedType(expected, actual, JSON.stringify(value)));
    }
    return value;
  };
  const evaluateNow = (bindings: JsonataBindings): MaybePromise<Json> => andThen(compiled.evaluateNow(bindings), checked);
  return { ...compiled, evaluate: (bindings) => promiseOf(() => evaluateNow(bindings)), evaluateNow };
}

/**
 * A Choice rule's `Condition`: a boolean literal or an expression that must produce a boolean
 * (any other result is States.QueryEvaluationError). `location` defaults to `Condition`; pass the
 * path your history uses if it differs (floci reports AWS writing `Choices[1]/Condition`; our
 * corpus has no failing Condition to confirm either).
 */
export function evaluateJsonataCondition(condition: Json, bindings: JsonataBindings, location = 'Condition'): Promise<boolean> {
  return compileJsonataField(condition, location, 'boolean').evaluate(bindings);
}

/**
 * Check one expression the way AWS's validator does, without evaluating it; for the definition
 * validator. Returns the analysis, or throws {@link JsonataDefinitionError}.
 */
export function checkJsonataExpression(expressionString: string, location: string): JsonataAnalysis {
  return compileExpression(jsonataExpressionText(expressionString), location, DEFAULT_JSONATA_LIMITS).analysis;
}

// ------------------------------------------------------------------------------- compilation

interface CompiledExpression {
  readonly text: string;
  readonly expression: Expression;
  readonly analysis: JsonataAnalysis;
  /** The synchronous evaluator, when the expression is in the subset it covers. */
  readonly fast: FastJsonata | undefined;
}

type TemplateNode =
  | { kind: 'static'; value: Json }
  | { kind: 'expression'; location: string; compiled: CompiledExpression }
  | { kind: 'object'; entries: [string, TemplateNode][] }
  | { kind: 'array'; items: TemplateNode[] };

function compileNode(template: Json, location: string, limits: JsonataLimits): TemplateNode {
  if (isJsonataExpression(template)) {
    return { kind: 'expression', location, compiled: compileExpression(jsonataExpressionText(template), location, limits) };
  }
  if (Array.isArray(template)) {
    const items = template.map((item, index) => compileNode(item, `${location}[${index}]`, limits));
    return items.every((item) => item.kind === 'static') ? { kind: 'static', value: template } : { kind: 'array', items };
  }
  if (isJsonObject(template)) {
    const entries = Object.keys(template).map((key): [string, TemplateNode] => [key, compileNode(template[key], `${location}/${key}`, limits)]);
    return entries.every(([, node]) => node.kind === 'static') ? { kind: 'static', value: template } : { kind: 'object', entries };
  }
  return { kind: 'static', value: template };
}

function collectExpressions(node: TemplateNode, visit: (expression: CompiledExpression) => void): void {
  if (node.kind === 'expression') visit(node.compiled);
  else if (node.kind === 'array') for (const item of node.items) collectExpressions(item, visit);
  else if (node.kind === 'object') for (const [, child] of node.entries) collectExpressions(child, visit);
}

/** Parsed expressions by text and limits: machines evaluate the same few expressions over and over. */
const cache = compilationCache<CompiledExpression>('JSONata expressions');

function compileExpression(text: string, location: string, limits: JsonataLimits): CompiledExpression {
  const key = `${limits.timeoutMs}:${limits.maxDepth}:${text}`;
  const cached = cache.get(key);
  if (cached) {
    assertSupported(cached, location);
    return cached;
  }
  // Outside the try: without the library (core entry alone) the error is "not loaded", not a syntax error.
  const parse = requireJsonata();
  let expression: Expression;
  try {
    expression = parse(text, { timeout: limits.timeoutMs, stack: limits.maxDepth });
  } catch (error) {
    // AWS's diagnostic carries the parser's message without its S0xxx code (floci-io/floci #2745).
    throw new JsonataDefinitionError('INVALID_JSONATA_EXPRESSION', text, location, jsonataErrorParts(error).message);
  }
  registerAwsFunctions(expression);
  const ast = expression.ast();
  const compiled: CompiledExpression = { text, expression, analysis: analyzeJsonataAst(ast), fast: compileFastJsonata(ast, { maxDepth: limits.maxDepth }) };
  assertSupported(compiled, location);
  cache.set(key, compiled);
  return compiled;
}

function assertSupported({ text, analysis }: CompiledExpression, location: string): void {
  if (analysis.unsupportedOperator !== undefined) {
    // What JSONata 2.0.6's parser says on meeting the second character of `?:` / `??`.
    const symbol = analysis.unsupportedOperator === '?:' ? ':' : '?';
    throw new JsonataDefinitionError('INVALID_JSONATA_EXPRESSION', text, location, `The symbol "${symbol}" cannot be used as a unary operator`);
  }
  const [reference] = analysis.topLevelReferences;
  if (reference !== undefined) {
    throw new JsonataDefinitionError('UNSUPPORTED_JSONATA_EXPRESSION', text, location, `Reference to '${reference}' at the top level is not supported.`);
  }
  if (analysis.referencesRoot) {
    // AWS refuses `$$` under a message of its own we have no record of; this wording is ours.
    throw new JsonataDefinitionError('UNSUPPORTED_JSONATA_EXPRESSION', text, location, `Reference to '$$' is not supported.`);
  }
}

// -------------------------------------------------------------------------------- evaluation

function evaluateNode(node: TemplateNode, bindings: JsonataBindings): MaybePromise<Json> {
  switch (node.kind) {
    case 'static':
      return node.value;
    case 'expression':
      return evaluateExpression(node.compiled, node.location, bindings);
    case 'array':
      return evaluateItems(node.items, bindings, [], 0);
    case 'object':
      return evaluateEntries(node.entries, bindings, {}, 0);
  }
}

/** Items in order, one at a time: the first failure is the one AWS reports. Synchronous until an item is not. */
function evaluateItems(items: readonly TemplateNode[], bindings: JsonataBindings, out: Json[], from: number): MaybePromise<Json[]> {
  for (let i = from; i < items.length; i++) {
    const value = evaluateNode(items[i], bindings);
    if (isPromise(value)) {
      return value.then((ready) => {
        out.push(ready);
        return evaluateItems(items, bindings, out, i + 1);
      });
    }
    out.push(value);
  }
  return out;
}

/** Members in key order, likewise. */
function evaluateEntries(entries: readonly [string, TemplateNode][], bindings: JsonataBindings, out: JsonObject, from: number): MaybePromise<JsonObject> {
  for (let i = from; i < entries.length; i++) {
    const [key, child] = entries[i];
    const value = evaluateNode(child, bindings);
    if (isPromise(value)) {
      return value.then((ready) => {
        out[key] = ready;
        return evaluateEntries(entries, bindings, out, i + 1);
      });
    }
    out[key] = value;
  }
  return out;
}

function evaluateExpression(compiled: CompiledExpression, location: string, bindings: JsonataBindings): MaybePromise<Json> {
  const { text, expression, analysis, fast } = compiled;
  const values: Record<string, unknown> = {};
  const bind = analysis.mutatesBoundArrays ? (value: Json): Json => structuredClone(value) : (value: Json): Json => value;
  for (const name of analysis.variables) {
    const value = bindings.variables.get(name);
    if (value !== undefined) values[name] = bind(value);
  }
  // After the variables: `$states` is reserved and cannot be shadowed by one. Left out only for
  // the fast path when no `$states` appears: jsonata itself may meet it in text given to `$eval`.
  if (analysis.readsStates || !fast) values.states = statesBinding(bindings, analysis);
  if (fast) {
    // Most expressions are small (`$i < 10`, `$total + $i`, `{ 'a': $x }`): evaluated here,
    // synchronously, unless a value makes the outcome one only jsonata itself can tell.
    const raw = fast(values);
    if (raw !== NOT_HANDLED) {
      if (raw === undefined) throw new JsonataEvaluationError(text, location, JsonataCauses.undefinedResult());
      return raw as Json; // JSON already, bound values shared (see jsonata-fast.ts)
    }
  }
  values.states ??= statesBinding(bindings, analysis);
  values[RANDOM_BINDING] = bindings.random;
  values[NOW_BINDING] = bindings.now ? bindings.now() : Date.now();
  // No input document: `$` is undefined, as on AWS.
  return expression.evaluate(undefined, values).then(
    (raw) => jsonResult(raw, text, location),
    (error: unknown) => {
      const { code, message } = jsonataErrorParts(error);
      throw new JsonataEvaluationError(text, location, JsonataCauses.evaluationError(code, message));
    },
  );
}

function jsonResult(raw: unknown, text: string, location: string): Json {
  const result = toJsonResult(raw);
  if (result.kind === 'undefined') throw new JsonataEvaluationError(text, location, JsonataCauses.undefinedResult());
  if (result.kind === 'function') throw new JsonataEvaluationError(text, location, JsonataCauses.unsupportedResult());
  return result.value;
}

/**
 * `$states` holds only the fields that exist in this field's position, and the context only for an
 * expression that may read it. An expression that would otherwise mark the caller's arrays gets
 * the fields it reads as copies.
 */
function statesBinding(bindings: JsonataBindings, { readsContext, mutatesBoundArrays, statesFields }: JsonataAnalysis): JsonObject {
  const { states } = bindings;
  const out: JsonObject = { input: states.input };
  if (readsContext) {
    const context = states.context ?? bindings.contextSource?.context;
    if (context !== undefined) out.context = context;
  }
  if (states.result !== undefined) out.result = states.result;
  if (states.errorOutput !== undefined) out.errorOutput = states.errorOutput;
  if (mutatesBoundArrays) for (const field of statesFields) if (out[field] !== undefined) out[field] = structuredClone(out[field]);
  return out;
}
