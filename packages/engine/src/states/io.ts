/**
 * The one place where a state's data flow is put together, for both query languages:
 *
 *   JSONPath: InputPath → Parameters → (work) → ResultSelector → ResultPath → OutputPath, + Assign
 *   JSONata:  Arguments → (work) → Output, + Assign
 *
 * Every state module asks this for its input to work on (`prepare`) and for its outcome
 * (`complete`, or `caught` when a catcher handles an error); none moves data on its own.
 */
import type { Catcher, QueryLanguage, StateDefinition } from '../definition/asl.ts';
import { compileJsonPathSteps, compileResultPath, type JsonPathSteps } from '../dataflow/pipeline.ts';
import { compileTemplate, type PayloadTemplate } from '../dataflow/payload.ts';
import { compileJsonataTemplate, type CompiledJsonataTemplate, type JsonataBindings } from '../dataflow/jsonata.ts';
import type { EvaluationScope } from '../dataflow/types.ts';
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import type { StateOutcome } from './types.ts';
import { andThen, isPromise, type MaybePromise } from '../maybe-async.ts';
import { checkAssignedSizes } from './assign-limits.ts';
import { StatesError, StatesErrors } from '../errors.ts';
import { jsonByteSize } from '../json-size.ts';

export interface StateIO {
  /** The value the state works on: InputPath + Parameters, or Arguments. */
  prepare(input: Json, visit: Visit): Json | Promise<Json>;
  /** The state's outcome given its raw input and its result. */
  complete(input: Json, result: Json, visit: Visit): StateOutcome | Promise<StateOutcome>;
  /** The state's outcome when `catcher` handles `errorOutput`. */
  caught(input: Json, errorOutput: JsonObject, catcher: Catcher, visit: Visit): StateOutcome | Promise<StateOutcome>;
}

export interface StateIOShape {
  /** Whether the state has a Parameters/Arguments step (Pass, Task, Parallel; not Choice, Wait, Succeed, Map). */
  parameters: boolean;
  /** Whether the state produces a result of its own (Task, Parallel, Map) — the JSONata default output. */
  producesResult: boolean;
  /** Whether ResultSelector/ResultPath apply (Pass, Task, Parallel, Map). */
  resultPath: boolean;
}

/** The shapes the state types use, shared by all their states. */
export const IO_SHAPES = {
  /** Task and Parallel: Parameters/Arguments, a result of their own, ResultSelector/ResultPath. */
  work: { parameters: true, producesResult: true, resultPath: true },
  /** Pass: Parameters, ResultPath; its "result" is its input or Result. */
  pass: { parameters: true, producesResult: false, resultPath: true },
  /** Map: a result of its own and ResultPath, but its parameters apply per item (ItemSelector). */
  map: { parameters: false, producesResult: true, resultPath: true },
  /** Choice, Wait, Succeed: InputPath/OutputPath (or Output) only. */
  passThrough: { parameters: false, producesResult: false, resultPath: false },
} as const satisfies Record<string, StateIOShape>;

// Outcomes are made with `next: undefined` already present: the interpreter sets `next` on each
// one, and adding the member to a two-member object would change its shape and allocate.

/**
 * The names JSONata failures give the Output and Assign fields: `Output` and `Assign` for the
 * state's own, `Choices[1]/Output` and the like for a Choice rule's.
 */
export interface JsonataFieldNames {
  output?: string;
  assign?: string;
}

export function compileStateIO(definition: StateDefinition, stateName: string, queryLanguage: QueryLanguage, shape: StateIOShape, fields: JsonataFieldNames = {}): StateIO {
  return queryLanguage === 'JSONata'
    ? new JsonataIO(definition, stateName, shape, fields)
    : new JsonPathIO(definition, shape);
}

class JsonPathIO implements StateIO {
  // The steps are held here directly, and the booleans of the shape too: every object a visit
  // reaches is one more load, and every function made per state one more target behind a call.
  private readonly inputPath: JsonPathSteps['input'];
  private readonly parameters: PayloadTemplate | undefined;
  private readonly resultSelector: PayloadTemplate | undefined;
  private readonly resultPath: JsonPathSteps['result'] | undefined;
  private readonly outputPath: JsonPathSteps['output'];
  private readonly resultPathOverheadBytes: number | undefined;
  private readonly assign: PayloadTemplate | undefined;
  private readonly catcherAssign: Map<Catcher, PayloadTemplate> | undefined;
  // Compiled with the state, so that catching an error never parses a path (nor depends on a cache).
  private readonly catcherResultPaths: Map<Catcher, JsonPathSteps['result']> | undefined;

  constructor(definition: StateDefinition, shape: StateIOShape) {
    const steps = compileJsonPathSteps(definition);
    this.inputPath = steps.input;
    this.parameters = shape.parameters ? steps.parameters : undefined;
    this.resultSelector = shape.resultPath ? steps.resultSelector : undefined;
    this.resultPath = shape.resultPath ? steps.result : undefined;
    this.outputPath = steps.output;
    this.resultPathOverheadBytes = shape.resultPath ? steps.resultPathOverheadBytes : undefined;
    this.assign = definition.Assign ? compileTemplate(definition.Assign, 'Assign') : undefined;
    for (const catcher of (definition as { Catch?: Catcher[] }).Catch ?? []) {
      (this.catcherResultPaths ??= new Map()).set(catcher, compileResultPath(catcher.ResultPath));
      if (catcher.Assign) (this.catcherAssign ??= new Map()).set(catcher, compileTemplate(catcher.Assign, 'Assign'));
    }
  }

  prepare(input: Json, visit: Visit): Json {
    const effective = this.inputPath(input, visit);
    return this.parameters ? withinPayloadLimit(this.parameters.evaluate(effective, visit), visit) : effective;
  }

  complete(input: Json, result: Json, visit: Visit): StateOutcome {
    let combined: Json;
    let selected = result;
    if (this.resultPath) {
      selected = this.resultSelector ? this.resultSelector.evaluate(result, visit) : result;
      combined = this.resultPath(input, selected, visit);
    } else {
      combined = result;
    }
    // Assign sees the state's result (after ResultSelector) and the variables from before the state.
    const assigned = this.assign ? assignments(this.assign.evaluate(selected, visit)) : undefined;
    const output = this.outputPath(combined, visit);
    if (assigned) checkAssignedSizes(assigned, visit);
    if (this.resultPathOverheadBytes !== undefined) visit.runtime.boundGrowth(output, input, selected, this.resultPathOverheadBytes);
    return { output, assigned, next: undefined };
  }

  caught(input: Json, errorOutput: JsonObject, catcher: Catcher, visit: Visit): StateOutcome {
    const writeResult = this.catcherResultPaths?.get(catcher) ?? compileResultPath(catcher.ResultPath);
    const output = writeResult(input, errorOutput, visit);
    const assign = this.catcherAssign?.get(catcher);
    const assigned = assign ? assignments(assign.evaluate(errorOutput, visit)) : undefined;
    if (assigned) checkAssignedSizes(assigned, visit);
    return { output, assigned, next: undefined };
  }
}

class JsonataIO implements StateIO {
  private readonly argumentsTemplate: CompiledJsonataTemplate | undefined;
  private readonly output: CompiledJsonataTemplate | undefined;
  private readonly assign: CompiledJsonataTemplate | undefined;
  private readonly catchers = new Map<Catcher, { output?: CompiledJsonataTemplate; assign?: CompiledJsonataTemplate }>();

  constructor(definition: StateDefinition, _stateName: string, private readonly shape: StateIOShape, fields: JsonataFieldNames) {
    const args = (definition as { Arguments?: Json }).Arguments;
    this.argumentsTemplate = shape.parameters && args !== undefined ? compileJsonataTemplate(args, 'Arguments') : undefined;
    this.output = definition.Output !== undefined ? compileJsonataTemplate(definition.Output, fields.output ?? 'Output') : undefined;
    this.assign = definition.Assign !== undefined ? compileJsonataTemplate(definition.Assign, fields.assign ?? 'Assign') : undefined;
    // A catcher's fields are named under its index in Catch (as measured on AWS by floci-io/floci).
    ((definition as { Catch?: Catcher[] }).Catch ?? []).forEach((catcher, index) => {
      this.catchers.set(catcher, {
        output: catcher.Output !== undefined ? compileJsonataTemplate(catcher.Output, `Catch[${index}]/Output`) : undefined,
        assign: catcher.Assign !== undefined ? compileJsonataTemplate(catcher.Assign, `Catch[${index}]/Assign`) : undefined,
      });
    });
  }

  prepare(input: Json, visit: Visit): MaybePromise<Json> {
    if (!this.argumentsTemplate) return input;
    return andThen(this.argumentsTemplate.evaluateNow(bindings(visit, { input })), (args) => withinPayloadLimit(args, visit));
  }

  // Synchronous when every expression evaluates synchronously (see dataflow/jsonata.ts).
  complete(input: Json, result: Json, visit: Visit): MaybePromise<StateOutcome> {
    const b = bindings(visit, this.shape.producesResult ? { input, result } : { input });
    const fallback = this.shape.producesResult ? result : input;
    return outcomeOf(this.assign, this.output, b, fallback, visit);
  }

  caught(input: Json, errorOutput: JsonObject, catcher: Catcher, visit: Visit): MaybePromise<StateOutcome> {
    const compiled = this.catchers.get(catcher);
    return outcomeOf(compiled?.assign, compiled?.output, bindings(visit, { input, errorOutput }), errorOutput, visit);
  }
}

/**
 * Assign first, then Output (AWS evaluates both against the same bindings; the first failure is
 * reported). Written without closures: a state whose expressions all finish synchronously (the
 * usual case) allocates nothing here but its outcome.
 */
function outcomeOf(
  assign: CompiledJsonataTemplate | undefined,
  output: CompiledJsonataTemplate | undefined,
  b: JsonataBindings,
  fallback: Json,
  visit: Visit,
): MaybePromise<StateOutcome> {
  if (!assign) return outputOf(undefined, output, b, fallback, visit);
  const assignedValue = assign.evaluateNow(b);
  if (isPromise(assignedValue)) return assignedValue.then((ready) => outputOf(assignments(ready), output, b, fallback, visit));
  return outputOf(assignments(assignedValue), output, b, fallback, visit);
}

function outputOf(
  assigned: JsonObject | undefined,
  output: CompiledJsonataTemplate | undefined,
  b: JsonataBindings,
  fallback: Json,
  visit: Visit,
): MaybePromise<StateOutcome> {
  const value = output ? output.evaluateNow(b) : fallback;
  if (isPromise(value)) return value.then((ready) => outcome(assigned, ready, visit));
  return outcome(assigned, value, visit);
}

function outcome(assigned: JsonObject | undefined, output: Json, visit: Visit): StateOutcome {
  if (assigned) checkAssignedSizes(assigned, visit);
  return { output, assigned, next: undefined };
}

/**
 * A state whose input, once Parameters have made it, is over the payload quota fails with
 * States.DataLimitExceeded (one of the causes AWS's error-handling page lists), whatever
 * ResultPath or OutputPath would make of it; Stepwise holds JSONata's Arguments, their
 * counterpart, to the same limit.
 */
function withinPayloadLimit(value: Json, visit: Visit): Json {
  const maxBytes = visit.runtime.services.limits.maxPayloadBytes;
  if (maxBytes !== Infinity && jsonByteSize(value) > maxBytes) {
    throw new StatesError(
      StatesErrors.DataLimitExceeded,
      `The state/task '${visit.state.name}' has an input, after Parameters processing, with a size exceeding the maximum number of bytes service limit.`,
      { terminal: true },
    );
  }
  return value;
}

/** What a JSONata expression of this visit sees: `$states`, the variables, the seeded random source and the clock. */
export function jsonataBindings(
  visit: Visit,
  states: { input: Json; result?: Json; errorOutput?: Json },
  scope: EvaluationScope = visit,
): JsonataBindings {
  // No closures and no `$$` built here: the context is read from the scope only by an expression that needs it.
  return { states, contextSource: scope, variables: scope.variables, random: scope.random, now: visit.runtime.now };
}

const bindings = jsonataBindings;

/** An evaluated Assign: its members are the assignments (the schema makes Assign an object). */
function assignments(value: Json): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}
