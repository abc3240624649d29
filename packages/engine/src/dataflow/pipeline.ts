/**
 * The whole JSONPath-mode data flow of one state, compiled once:
 *
 *   raw input ─InputPath→ effective input ─Parameters→ task input
 *   task result ─ResultSelector→ result ─ResultPath (into raw input)→ ─OutputPath→ output
 *
 * Map states use compileItemSelector/compileItemsPath instead of `parameters`.
 */
import type { Json } from '../json.ts';
import type { MapState, StateDefinition } from '../definition/asl.ts';
import type { EvaluationScope } from './types.ts';
import { compilePath, invalidPathError } from './paths.ts';
import { compileReferencePath, setAtReferencePath } from './reference-path.ts';
import { jsonByteSize } from '../json-size.ts';
import { compileTemplate, type PayloadTemplate } from './payload.ts';
import { compilationCache } from '../compilation-cache.ts';

export interface JsonPathDataflow {
  /** InputPath: absent = '$', null = {}. */
  input(rawInput: Json, scope: EvaluationScope): Json;
  /** Parameters (Pass, Task, Parallel): identity when absent. */
  parameters(effectiveInput: Json, scope: EvaluationScope): Json;
  /** ResultSelector: identity when absent. */
  resultSelector(result: Json, scope: EvaluationScope): Json;
  /** ResultPath: absent = '$' (the result replaces the input), null = keep rawInput. */
  result(rawInput: Json, result: Json, scope: EvaluationScope): Json;
  /** OutputPath: absent = '$', null = {}. */
  output(value: Json, scope: EvaluationScope): Json;
}

// Shared by every state that has the default: one function instead of one per state keeps a
// large machine's compiled states small (each visit touches fewer distinct objects).
const identity = (value: Json): Json => value;
const emptyObject = (): Json => ({});
const replaceWithResult = (_raw: Json, result: Json): Json => result;
const keepRawInput = (raw: Json): Json => raw;

/**
 * The same steps as JsonPathIO runs them: Parameters and ResultSelector as template nodes, or
 * undefined when the state has none (identity).
 */
export interface JsonPathSteps {
  input: JsonPathDataflow['input'];
  parameters: PayloadTemplate | undefined;
  resultSelector: PayloadTemplate | undefined;
  result: JsonPathDataflow['result'];
  output: JsonPathDataflow['output'];
  /**
   * When the output is the raw input with the result written into it (a ResultPath below `$`,
   * and no OutputPath), the most bytes that writing adds besides the result's own JSON: each
   * member name on the path with its quotes, colon and comma, and a `{}` made on the way. The
   * interpreter bounds the output's size from the input's with it, instead of measuring the
   * whole output again. Undefined otherwise.
   */
  resultPathOverheadBytes: number | undefined;
}

export function compileJsonPathSteps(state: StateDefinition): JsonPathSteps {
  const s = state as Partial<Record<'InputPath' | 'OutputPath' | 'ResultPath', string | null>> & {
    Parameters?: Json;
    ResultSelector?: Json;
  };
  return {
    input: compileSelectPath(s.InputPath),
    // A Map's `Parameters` is the legacy ItemSelector: it applies per item, not to the state input.
    parameters: state.Type !== 'Map' && s.Parameters !== undefined ? compileTemplate(s.Parameters, 'Parameters') : undefined,
    resultSelector: s.ResultSelector !== undefined ? compileTemplate(s.ResultSelector, 'ResultSelector') : undefined,
    result: compileResultPath(s.ResultPath),
    output: compileSelectPath(s.OutputPath),
    resultPathOverheadBytes: s.OutputPath === undefined || s.OutputPath === '$' ? resultPathOverhead(s.ResultPath) : undefined,
  };
}

function resultPathOverhead(path: string | null | undefined): number | undefined {
  if (path === undefined || path === null || path === '$') return undefined;
  let bytes = 0;
  // An index names an element that exists (ResultPath never appends): replacing it adds nothing.
  for (const step of compileReferencePath(path).steps) if (typeof step === 'string') bytes += jsonByteSize(step) + 4;
  return bytes;
}

export function compileJsonPathDataflow(state: StateDefinition, stateName: string): JsonPathDataflow {
  void stateName;
  const { input, parameters, resultSelector, result, output } = compileJsonPathSteps(state);
  return {
    input,
    parameters: parameters ? (value, scope) => parameters.evaluate(value, scope) : identity,
    resultSelector: resultSelector ? (value, scope) => resultSelector.evaluate(value, scope) : identity,
    result,
    output,
  };
}

/** InputPath / OutputPath semantics: absent → identity, null → {}, otherwise a path that must match. */
export function compileSelectPath(path: string | null | undefined): (value: Json, scope: EvaluationScope) => Json {
  if (path === undefined || path === '$') return identity;
  if (path === null) return emptyObject;
  let select = selectPaths.get(path);
  if (select === undefined) {
    const evaluator = compilePath(path);
    select = (value, scope) => {
      const selected = evaluator(value, scope);
      if (selected === undefined) throw invalidPathError(evaluator, value, scope);
      return selected;
    };
    selectPaths.set(path, select);
  }
  return select;
}

// One function per path text, shared by every state that names it (see `identity` above).
const selectPaths = compilationCache<(value: Json, scope: EvaluationScope) => Json>('InputPath/OutputPath/ItemsPath selectors');
const resultPaths = compilationCache<(rawInput: Json, result: Json, scope: EvaluationScope) => Json>('ResultPath writers');

/** ResultPath semantics, also for a Catcher's ResultPath (where the "result" is the error output). */
export function compileResultPath(
  path: string | null | undefined,
): (rawInput: Json, result: Json, scope: EvaluationScope) => Json {
  if (path === undefined || path === '$') return replaceWithResult;
  if (path === null) return keepRawInput;
  let write = resultPaths.get(path);
  if (write === undefined) {
    const ref = compileReferencePath(path);
    write = (raw, result) => setAtReferencePath(raw, ref, result);
    resultPaths.set(path, write);
  }
  return write;
}

/**
 * A Map state's ItemSelector (or legacy Parameters), evaluated once per item against the
 * Map's effective input, with `$$.Map.Item.Index/Value` in the scope's context. Without one,
 * the item itself is the iteration's input.
 */
export function compileItemSelector(state: MapState): (effectiveInput: Json, item: Json, scope: EvaluationScope) => Json {
  const template = state.ItemSelector !== undefined ? state.ItemSelector : state.Parameters;
  if (template === undefined) return (_input, item) => item;
  const field = state.ItemSelector !== undefined ? 'ItemSelector' : 'Parameters';
  const selector = compileTemplate(template, field);
  return (effectiveInput, _item, scope) => selector.evaluate(effectiveInput, scope);
}

/**
 * A Map state's ItemsPath (default '$'): the selected value must be an array.
 * Cause texts: no match → "Invalid path …" (as InputPath); not an array →
 * "Map state input must be an array but was: <JSON>" (recorded for JSONata Map states; assumed identical here).
 */
export function compileItemsPath(state: MapState): (effectiveInput: Json, scope: EvaluationScope) => Json {
  // What may be iterated (an array; an object in Distributed mode) is the Map state's to check.
  return compileSelectPath(state.ItemsPath ?? '$');
}
