/**
 * The strings inside states: JSONPath paths and reference paths, payload templates (`key.$`
 * fields) and intrinsic functions in JSONPath states; `{% %}` JSONata expressions in JSONata
 * states; variable names in Assign. Also AWS's warnings NO_DOLLAR, NO_PATH and
 * PASS_RESULT_IS_STATIC.
 */
import { Codes, childPointer, error, isObject, warning, type Diagnostic } from '../diagnostics.ts';
import { checkIntrinsic, looksLikeIntrinsic, returnsString, stringReturningFunctions } from '../intrinsic-syntax.ts';
import { analyzeJsonata, halfDelimitedProblem, isJsonataExpression } from '../jsonata-syntax.ts';
import type { MachineModel, StateInfo } from '../model.ts';
import { anyPath, pathSyntaxProblem, resultPathRules, variableOfPath, type PathRules } from '../paths-syntax.ts';

/** A `$name` read found in a JSONPath state, for the scoping check. */
export interface VariableRead {
  name: string;
  pointer: string;
  state: StateInfo;
}

interface Context {
  state: StateInfo;
  diagnostics: Diagnostic[];
  reads: VariableRead[];
}

const maxTemplateDepth = 256;
/**
 * AWS: variable names follow Unicode identifier rules (UAX #31: an ID_Start character, then
 * ID_Continue characters), at most 80 characters. A leading underscore is tolerated here.
 */
const variableNamePattern = /^[\p{ID_Start}_][\p{ID_Continue}]{0,79}$/u;

const plainPathFields = [
  'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'ItemsPath', 'MaxConcurrencyPath', 'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath', 'SecondsPath', 'TimestampPath',
];
const jsonataFields = [
  'Arguments', 'Output', 'Items', 'ItemSelector', 'TimeoutSeconds', 'HeartbeatSeconds', 'Seconds', 'Timestamp',
  'MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage', 'Error', 'Cause', 'Credentials',
  'ItemReader', 'ItemBatcher', 'ResultWriter',
];

export function checkExpressions(model: MachineModel, diagnostics: Diagnostic[]): VariableRead[] {
  const reads: VariableRead[] = [];
  for (const state of model.states) {
    if (!isObject(state.value)) continue;
    const context: Context = { state, diagnostics, reads };
    if (state.queryLanguage === 'JSONata') checkJsonataState(state.value, context);
    else checkJsonPathState(state.value, context);
    checkAssignNames(state.value, state.pointer, context);
  }
  return reads;
}

function checkJsonPathState(value: Record<string, unknown>, context: Context): void {
  const pointer = context.state.pointer;
  for (const field of ['InputPath', 'OutputPath']) checkPathField(value, field, pointer, anyPath, context);
  checkPathField(value, 'ResultPath', pointer, resultPathRules, context);
  for (const field of plainPathFields) checkPathField(value, field, pointer, anyPath, context, true);
  for (const field of ['ErrorPath', 'CausePath']) {
    if (typeof value[field] === 'string') checkStringPathOrIntrinsic(value[field] as string, childPointer(pointer, field), context);
  }
  for (const field of ['Parameters', 'ResultSelector', 'ItemSelector', 'Credentials', 'Assign']) {
    if (field in value) checkTemplate(value[field], childPointer(pointer, field), 0, context);
  }
  if (value.Type === 'Map') checkDistributedMapPaths(value, pointer, context);
  if (Array.isArray(value.Catch)) {
    value.Catch.forEach((catcher, index) => {
      if (!isObject(catcher)) return;
      const catcherPointer = childPointer(childPointer(pointer, 'Catch'), index);
      checkPathField(catcher, 'ResultPath', catcherPointer, resultPathRules, context);
      if ('Assign' in catcher) checkTemplate(catcher.Assign, childPointer(catcherPointer, 'Assign'), 0, context);
    });
  }
  if (value.Type === 'Choice' && Array.isArray(value.Choices)) {
    value.Choices.forEach((rule, index) => {
      const rulePointer = childPointer(childPointer(pointer, 'Choices'), index);
      checkChoiceRulePaths(rule, rulePointer, 0, context);
      if (isObject(rule) && 'Assign' in rule) checkTemplate(rule.Assign, childPointer(rulePointer, 'Assign'), 0, context);
    });
  }
  if (value.Type === 'Pass' && 'Result' in value) warnDynamicResult(value.Result, childPointer(pointer, 'Result'), 0, context);
}

function checkDistributedMapPaths(value: Record<string, unknown>, pointer: string, context: Context): void {
  if (isObject(value.ItemReader)) {
    const readerPointer = childPointer(pointer, 'ItemReader');
    if ('Parameters' in value.ItemReader) checkTemplate(value.ItemReader.Parameters, childPointer(readerPointer, 'Parameters'), 0, context);
    if (isObject(value.ItemReader.ReaderConfig)) checkPathField(value.ItemReader.ReaderConfig, 'MaxItemsPath', childPointer(readerPointer, 'ReaderConfig'), anyPath, context);
  }
  if (isObject(value.ItemBatcher)) {
    const batcherPointer = childPointer(pointer, 'ItemBatcher');
    for (const field of ['MaxItemsPerBatchPath', 'MaxInputBytesPerBatchPath']) checkPathField(value.ItemBatcher, field, batcherPointer, anyPath, context);
    if ('BatchInput' in value.ItemBatcher) checkTemplate(value.ItemBatcher.BatchInput, childPointer(batcherPointer, 'BatchInput'), 0, context);
  }
  if (isObject(value.ResultWriter) && 'Parameters' in value.ResultWriter) {
    checkTemplate(value.ResultWriter.Parameters, childPointer(childPointer(pointer, 'ResultWriter'), 'Parameters'), 0, context);
  }
}

/**
 * `lenientWithoutDollar`: AWS accepts some *Path fields whose value does not even start with `$`
 * (a recorded CreateStateMachine took `"TimestampPath": "timestamp"`); those only get a warning.
 */
function checkPathField(container: Record<string, unknown>, field: string, pointer: string, rules: PathRules, context: Context, lenientWithoutDollar = false): void {
  const text = container[field];
  if (typeof text !== 'string') return;
  const location = childPointer(pointer, field);
  const problem = pathSyntaxProblem(text, rules);
  if (problem) {
    const kind = rules.referenceOnly ? 'a reference path such as "$.result"' : 'a JSONPath such as "$.field", "$$.Execution.Id" or "$variable"';
    const report = lenientWithoutDollar && !text.startsWith('$') ? warning : error;
    context.diagnostics.push(report(Codes.schema, `'${field}' must be ${kind}; ${JSON.stringify(text)} is not: ${problem}.`, location));
    return;
  }
  noteRead(text, location, context);
}

function checkChoiceRulePaths(rule: unknown, pointer: string, depth: number, context: Context): void {
  if (!isObject(rule) || depth > 64) return;
  for (const [key, value] of Object.entries(rule)) {
    const location = childPointer(pointer, key);
    if ((key === 'Variable' || key.endsWith('Path')) && typeof value === 'string') {
      const problem = looksLikeIntrinsic(value) ? 'intrinsic functions are not allowed here' : pathSyntaxProblem(value, anyPath);
      if (problem) {
        context.diagnostics.push(error(Codes.schema, `'${key}' must be a JSONPath such as "$.field"; ${JSON.stringify(value)} is not: ${problem}.`, location));
      } else {
        noteRead(value, location, context);
      }
    } else if (key === 'Not') {
      checkChoiceRulePaths(value, location, depth + 1, context);
    } else if ((key === 'And' || key === 'Or') && Array.isArray(value)) {
      value.forEach((item, index) => checkChoiceRulePaths(item, childPointer(location, index), depth + 1, context));
    } else if (key.startsWith('String') && typeof value === 'string' && /^\$\$?\./.test(value)) {
      context.diagnostics.push(warning(Codes.noPath, `'${key}' compares with the literal text ${JSON.stringify(value)}, which looks like a path; to compare with the value at that path use '${key}Path'.`, location));
    }
  }
}

/** A payload template: `key.$` fields hold a path or intrinsic function, other fields are literal. */
function checkTemplate(value: unknown, pointer: string, depth: number, context: Context): void {
  if (depth > maxTemplateDepth) {
    context.diagnostics.push(error(Codes.schema, 'The payload template is nested too deeply to validate.', pointer));
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkTemplate(item, childPointer(pointer, index), depth + 1, context));
    return;
  }
  if (!isObject(value)) return;
  for (const [key, member] of Object.entries(value)) {
    const location = childPointer(pointer, key);
    if (key.endsWith('.$')) {
      const plainKey = key.slice(0, -2);
      if (Object.prototype.hasOwnProperty.call(value, plainKey)) {
        context.diagnostics.push(error(Codes.schema, `'${key}' and '${plainKey}' both produce the field '${plainKey}'; keep only one.`, location));
      }
      if (typeof member !== 'string') {
        context.diagnostics.push(error(Codes.schema, `The value of '${key}' must be a string holding a JSONPath or an intrinsic function call; got ${describe(member)}.`, location));
      } else {
        checkPathOrIntrinsic(member, key, location, context);
      }
      continue;
    }
    if (typeof member === 'string' && (/^\$\$?\.|^\$\$?$/.test(member) || /^States\.[A-Za-z0-9]+\(/.test(member))) {
      context.diagnostics.push(
        warning(Codes.noDollar, `'${key}' holds ${JSON.stringify(member.length > 40 ? member.slice(0, 37) + '...' : member)} as literal text; to evaluate it, name the field '${key}.$'.`, location),
      );
    }
    checkTemplate(member, location, depth + 1, context);
  }
}

function checkPathOrIntrinsic(text: string, key: string, location: string, context: Context): void {
  if (looksLikeIntrinsic(text) || /^\s+\S/.test(text)) {
    const result = checkIntrinsic(text);
    if (result.problem) {
      context.diagnostics.push(error(Codes.schema, `The value of '${key}' must be a valid JSONPath or intrinsic function call: ${result.problem}.`, location));
    }
    return;
  }
  const problem = pathSyntaxProblem(text, anyPath);
  if (problem) {
    context.diagnostics.push(error(Codes.schema, `The value of '${key}' must be a valid JSONPath or intrinsic function call; ${JSON.stringify(text)} is not: ${problem}.`, location));
    return;
  }
  noteRead(text, location, context);
}

/** ErrorPath and CausePath: a path, or an intrinsic function that returns a string. */
function checkStringPathOrIntrinsic(text: string, location: string, context: Context): void {
  const field = location.slice(location.lastIndexOf('/') + 1);
  if (looksLikeIntrinsic(text)) {
    const result = checkIntrinsic(text);
    const problem = result.problem ?? (result.name && !returnsString(result.name) ? `States.${result.name} does not return a string` : undefined);
    if (problem) {
      context.diagnostics.push(
        error(Codes.schema, `'${field}' must be a JSONPath or an intrinsic function returning a string (${stringReturningFunctions.map((f) => `States.${f}`).join(', ')}): ${problem}.`, location),
      );
    }
    return;
  }
  const problem = pathSyntaxProblem(text, anyPath);
  if (problem) {
    context.diagnostics.push(error(Codes.schema, `'${field}' must be a JSONPath such as "$.error" or a string-returning intrinsic function; ${JSON.stringify(text)} is not: ${problem}.`, location));
    return;
  }
  noteRead(text, location, context);
}

function warnDynamicResult(value: unknown, pointer: string, depth: number, context: Context): void {
  if (depth > maxTemplateDepth) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => warnDynamicResult(item, childPointer(pointer, index), depth + 1, context));
  } else if (isObject(value)) {
    for (const [key, member] of Object.entries(value)) {
      const location = childPointer(pointer, key);
      if (key.endsWith('.$')) {
        context.diagnostics.push(warning(Codes.passResultIsStatic, `'Result' is used as it is, so '${key}' will not be evaluated; use 'Parameters' to build output from paths.`, location));
      }
      warnDynamicResult(member, location, depth + 1, context);
    }
  }
}

function checkJsonataState(value: Record<string, unknown>, context: Context): void {
  const pointer = context.state.pointer;
  for (const field of jsonataFields) {
    if (field in value) checkJsonataValue(value[field], childPointer(pointer, field), 0, context);
  }
  if ('Assign' in value) checkJsonataValue(value.Assign, childPointer(pointer, 'Assign'), 0, context);
  if (Array.isArray(value.Catch)) {
    value.Catch.forEach((catcher, index) => {
      if (!isObject(catcher)) return;
      const catcherPointer = childPointer(childPointer(pointer, 'Catch'), index);
      for (const field of ['Output', 'Assign']) if (field in catcher) checkJsonataValue(catcher[field], childPointer(catcherPointer, field), 0, context, true);
    });
  }
  if (value.Type === 'Choice' && Array.isArray(value.Choices)) {
    value.Choices.forEach((rule, index) => {
      if (!isObject(rule)) return;
      const rulePointer = childPointer(childPointer(pointer, 'Choices'), index);
      for (const field of ['Condition', 'Output', 'Assign']) if (field in rule) checkJsonataValue(rule[field], childPointer(rulePointer, field), 0, context);
    });
  }
}

/**
 * Every string in a JSONata field that is written as {% … %} must parse and must read its data from
 * `$states` or variables; `$states.errorOutput` exists only in a catcher's Output and Assign.
 */
function checkJsonataValue(value: unknown, pointer: string, depth: number, context: Context, inCatcher = false): void {
  if (depth > maxTemplateDepth) {
    context.diagnostics.push(error(Codes.schema, 'The value is nested too deeply to validate.', pointer));
    return;
  }
  if (typeof value === 'string') {
    checkJsonataString(value, pointer, context, inCatcher);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkJsonataValue(item, childPointer(pointer, index), depth + 1, context, inCatcher));
  } else if (isObject(value)) {
    for (const [key, member] of Object.entries(value)) checkJsonataValue(member, childPointer(pointer, key), depth + 1, context, inCatcher);
  }
}

function checkJsonataString(text: string, pointer: string, context: Context, inCatcher: boolean): void {
  const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
  if (!isJsonataExpression(text)) {
    const problem = halfDelimitedProblem(text);
    if (problem) context.diagnostics.push(error(Codes.invalidJsonata, `Invalid JSONata expression ${shown}: ${problem}.`, pointer));
    return;
  }
  const analysis = analyzeJsonata(text);
  // Without the jsonata library nothing can be parsed; optional-support.ts reports that once, at QueryLanguage.
  if (analysis === undefined) return;
  if (analysis.syntaxError) {
    context.diagnostics.push(error(Codes.invalidJsonata, `Invalid JSONata expression ${shown}: ${analysis.syntaxError}.`, pointer));
    return;
  }
  for (const name of analysis.topLevelNames) {
    context.diagnostics.push(
      error(Codes.unsupportedJsonata, `Reference to '${name}' at the top level is not supported: expressions have no context item, so read data from $states (for example $states.input.${name}) or from a variable.`, pointer),
    );
  }
  if (analysis.readsRootContext) {
    context.diagnostics.push(error(Codes.unsupportedJsonata, `'$$' is not supported in Step Functions JSONata: there is no root context; use $states.input or $states.context.`, pointer));
  }
  if (analysis.readsErrorOutput && !inCatcher) {
    context.diagnostics.push(error(Codes.unsupportedJsonata, `'$states.errorOutput' is only available in a catcher's Output and Assign.`, pointer));
  }
}

function checkAssignNames(value: Record<string, unknown>, pointer: string, context: Context): void {
  const assignments: [unknown, string][] = [[value.Assign, childPointer(pointer, 'Assign')]];
  for (const list of ['Catch', 'Choices']) {
    const entries = value[list];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, index) => {
      if (isObject(entry) && 'Assign' in entry) assignments.push([entry.Assign, childPointer(childPointer(childPointer(pointer, list), index), 'Assign')]);
    });
  }
  for (const [assign, assignPointer] of assignments) {
    if (!isObject(assign)) continue;
    for (const key of Object.keys(assign)) {
      const name = context.state.queryLanguage === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
      if (!variableNamePattern.test(name)) {
        context.diagnostics.push(error(Codes.schema, `'${name}' is not a valid variable name: use at most 80 letters, digits and underscores, starting with a letter.`, childPointer(assignPointer, key)));
      }
    }
  }
}

function noteRead(path: string, pointer: string, context: Context): void {
  const name = variableOfPath(path);
  if (name) context.reads.push({ name, pointer, state: context.state });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
