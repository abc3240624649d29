/**
 * validateDefinition: every check in one pass, all problems reported, nothing thrown.
 * Order: parse (for text) → top-level shape → each state's schema → graph rules → in-state
 * rules → optional support (JSONata needs its library) → expressions → variable scopes →
 * resources; then line/column for text input.
 */
import type { StateMachineDefinition } from './asl.ts';
import { Codes, error, isObject, kindOf, type Diagnostic } from './diagnostics.ts';
import { buildModel } from './model.ts';
import { parseDefinitionText } from './parse.ts';
import { checkRootSchema, checkStateSchemas } from './schema-check.ts';
import { checkExpressions } from './semantic/expressions.ts';
import { checkJsonataLoaded } from './semantic/optional-support.ts';
import { checkResources } from './semantic/resources.ts';
import { checkStateRules } from './semantic/state-rules.ts';
import { checkTransitions } from './semantic/transitions.ts';
import { checkVariableScopes } from './semantic/variables.ts';
import { findJsonProblem } from '../json-check.ts';

export interface ValidateOptions {
  /** Check Task resource ARNs (layout, Lambda names, known service integrations). Off by default: placeholders and test ARNs pass. */
  checkArns?: boolean;
  /** Leave out WARNING diagnostics. */
  errorsOnly?: boolean;
}

export interface ValidationResult {
  /** True when there is no ERROR diagnostic. */
  valid: boolean;
  diagnostics: Diagnostic[];
  /** The parsed value when it parsed (even when invalid). */
  definition?: StateMachineDefinition;
}

export function validateDefinition(input: string | unknown, options: ValidateOptions = {}): ValidationResult {
  try {
    return validateUnsafe(input, options);
  } catch (caught) {
    // A bug here must never take a caller down (the studio validates on every keystroke); report it instead.
    const diagnostics = [error('INTERNAL_ERROR', `The validator failed unexpectedly: ${caught instanceof Error ? caught.message : String(caught)}.`, '')];
    return { valid: false, diagnostics };
  }
}

function validateUnsafe(input: unknown, options: ValidateOptions): ValidationResult {
  let value = input;
  let positionOf: ((pointer: string) => { line: number; column: number } | undefined) | undefined;
  const diagnostics: Diagnostic[] = [];
  if (typeof input === 'string') {
    const parsed = parseDefinitionText(input);
    diagnostics.push(...parsed.diagnostics);
    positionOf = parsed.positionOf;
    if (!('value' in parsed) || parsed.value === undefined) return finish(diagnostics, undefined, options);
    value = parsed.value;
  }
  if (value === undefined || value === null) {
    diagnostics.push(error(Codes.missingDescription, 'The definition is empty: expected a JSON object with StartAt and States.', ''));
    return finish(diagnostics, undefined, options);
  }
  if (!isObject(value)) {
    diagnostics.push(error(Codes.schema, `The definition must be a JSON object with StartAt and States; got ${kindOf(value)}.`, ''));
    return finish(diagnostics, undefined, options, positionOf);
  }
  if (typeof input !== 'string') {
    // An object from code may hold what text cannot (a cycle, a Date, NaN): nothing below could walk it.
    const problem = findJsonProblem(value);
    if (problem) {
      const pointer = problem.path.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
      diagnostics.push(error(Codes.invalidJson, `The definition is not JSON here: ${problem.message}.`, pointer));
      return finish(diagnostics, undefined, options);
    }
  }
  checkRootSchema(value, diagnostics);
  const model = buildModel(value);
  checkStateSchemas(model, diagnostics);
  checkTransitions(model, diagnostics);
  checkStateRules(model, diagnostics);
  checkJsonataLoaded(model, diagnostics);
  const reads = checkExpressions(model, diagnostics);
  checkVariableScopes(model, reads, diagnostics);
  checkResources(model, options.checkArns === true, diagnostics);
  return finish(diagnostics, value as unknown as StateMachineDefinition, options, positionOf);
}

function finish(
  diagnostics: Diagnostic[],
  definition: StateMachineDefinition | undefined,
  options: ValidateOptions,
  positionOf?: (pointer: string) => { line: number; column: number } | undefined,
): ValidationResult {
  const kept = options.errorsOnly ? diagnostics.filter((d) => d.severity === 'ERROR') : diagnostics;
  if (positionOf) {
    for (const diagnostic of kept) {
      if (diagnostic.line !== undefined) continue;
      const position = positionOf(diagnostic.location);
      if (position) {
        diagnostic.line = position.line;
        diagnostic.column = position.column;
      }
    }
  }
  const result: ValidationResult = { valid: !kept.some((d) => d.severity === 'ERROR'), diagnostics: kept };
  if (definition !== undefined) result.definition = definition;
  return result;
}
