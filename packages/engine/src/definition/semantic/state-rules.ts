/**
 * Rules inside one state that a per-field schema cannot express: mutually exclusive field pairs,
 * exactly-one-of groups (Wait's duration, Map's processor), Choice rules with exactly one
 * comparison, States.ALL alone and last in Retry/Catch, heartbeat shorter than timeout.
 */
import { Codes, childPointer, error, isObject, warning, type Diagnostic } from '../diagnostics.ts';
import type { MachineModel, StateInfo } from '../model.ts';
import { daysInMonth } from '../../timestamps.ts';

/** Pairs of fields of which at most one may be set; the second is reported. */
const exclusivePairs: Record<string, [string, string][]> = {
  Task: [
    ['TimeoutSeconds', 'TimeoutSecondsPath'],
    ['HeartbeatSeconds', 'HeartbeatSecondsPath'],
  ],
  Fail: [
    ['Error', 'ErrorPath'],
    ['Cause', 'CausePath'],
  ],
  Map: [
    ['ItemProcessor', 'Iterator'],
    ['ItemSelector', 'Parameters'],
    ['Items', 'ItemsPath'],
    ['MaxConcurrency', 'MaxConcurrencyPath'],
    ['ToleratedFailureCount', 'ToleratedFailureCountPath'],
    ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'],
  ],
};

const comparisonOperators = new Set(
  [
    'StringEquals', 'StringLessThan', 'StringGreaterThan', 'StringLessThanEquals', 'StringGreaterThanEquals',
    'NumericEquals', 'NumericLessThan', 'NumericGreaterThan', 'NumericLessThanEquals', 'NumericGreaterThanEquals',
    'BooleanEquals',
    'TimestampEquals', 'TimestampLessThan', 'TimestampGreaterThan', 'TimestampLessThanEquals', 'TimestampGreaterThanEquals',
  ].flatMap((operator) => [operator, `${operator}Path`]).concat(['StringMatches', 'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']),
);
const booleanOperators = ['And', 'Or', 'Not'];

export function checkStateRules(model: MachineModel, diagnostics: Diagnostic[]): void {
  for (const state of model.states) {
    const value = state.value;
    if (!isObject(value) || typeof value.Type !== 'string') continue;
    for (const [first, second] of exclusivePairs[value.Type] ?? []) reportPair(value, state.pointer, first, second, diagnostics);
    if (value.Type === 'Wait') checkWaitDuration(state, value, diagnostics);
    if (value.Type === 'Map') checkMap(state, value, diagnostics);
    if (value.Type === 'Task') checkTimeouts(state, value, diagnostics);
    if (value.Type === 'Choice' && state.queryLanguage === 'JSONPath' && Array.isArray(value.Choices)) {
      value.Choices.forEach((rule, index) => checkChoiceRule(rule, childPointer(childPointer(state.pointer, 'Choices'), index), 0, diagnostics));
    }
    for (const field of ['Retry', 'Catch']) {
      if (Array.isArray(value[field])) checkErrorEquals(value[field] as unknown[], childPointer(state.pointer, field), diagnostics);
    }
  }
}

function reportPair(value: Record<string, unknown>, pointer: string, first: string, second: string, diagnostics: Diagnostic[]): void {
  if (first in value && second in value) {
    diagnostics.push(error(Codes.schema, `'${first}' and '${second}' cannot both be set; use only one of them.`, childPointer(pointer, second)));
  }
}

function checkWaitDuration(state: StateInfo, value: Record<string, unknown>, diagnostics: Diagnostic[]): void {
  const fields = state.queryLanguage === 'JSONata' ? ['Seconds', 'Timestamp'] : ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'];
  const present = fields.filter((field) => field in value);
  if (present.length === 0) {
    diagnostics.push(error(Codes.schema, `A Wait state needs exactly one of ${fields.map((f) => `'${f}'`).join(', ')}; none is set.`, state.pointer));
  }
  checkTimestampDay(value, 'Timestamp', state.pointer, diagnostics);
  for (const extra of present.slice(1)) {
    diagnostics.push(error(Codes.schema, `A Wait state takes exactly one of ${fields.map((f) => `'${f}'`).join(', ')}; '${present[0]}' is already set, so '${extra}' is not allowed.`, childPointer(state.pointer, extra)));
  }
}

function checkMap(state: StateInfo, value: Record<string, unknown>, diagnostics: Diagnostic[]): void {
  if (!('ItemProcessor' in value) && !('Iterator' in value)) {
    diagnostics.push(error(Codes.schema, `Map state '${state.name}' is missing the required field 'ItemProcessor' (the states each item runs through).`, state.pointer));
  }
  if (isObject(value.ItemBatcher)) {
    const pointer = childPointer(state.pointer, 'ItemBatcher');
    reportPair(value.ItemBatcher, pointer, 'MaxItemsPerBatch', 'MaxItemsPerBatchPath', diagnostics);
    reportPair(value.ItemBatcher, pointer, 'MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath', diagnostics);
  }
  if (isObject(value.ItemReader) && isObject(value.ItemReader.ReaderConfig)) {
    reportPair(value.ItemReader.ReaderConfig, childPointer(childPointer(state.pointer, 'ItemReader'), 'ReaderConfig'), 'MaxItems', 'MaxItemsPath', diagnostics);
  }
  checkDistributedOnlyFields(state, value, diagnostics);
}

/**
 * ItemReader, ItemBatcher and ResultWriter belong to a Distributed Map (AWS documents them
 * there only). Public linters' fixtures accept them on a Map without ProcessorConfig, so this is
 * a warning, not an error; running such a Map fails with a clear cause rather than ignoring them.
 */
function checkDistributedOnlyFields(state: StateInfo, value: Record<string, unknown>, diagnostics: Diagnostic[]): void {
  const processor = isObject(value.ItemProcessor) ? value.ItemProcessor : isObject(value.Iterator) ? value.Iterator : undefined;
  const config = processor && isObject(processor.ProcessorConfig) ? processor.ProcessorConfig : undefined;
  if (config?.Mode === 'DISTRIBUTED') return;
  for (const field of ['ItemReader', 'ItemBatcher', 'ResultWriter']) {
    if (!(field in value)) continue;
    diagnostics.push(
      warning(
        Codes.distributedOnlyField,
        `'${field}' is used only by a Distributed Map, but Map state '${state.name}' runs Inline (its ProcessorConfig.Mode is not 'DISTRIBUTED'): running it fails. Set ItemProcessor.ProcessorConfig.Mode to 'DISTRIBUTED'.`,
        childPointer(state.pointer, field),
      ),
    );
  }
}

function checkTimeouts(state: StateInfo, value: Record<string, unknown>, diagnostics: Diagnostic[]): void {
  const timeout = value.TimeoutSeconds;
  const heartbeat = value.HeartbeatSeconds;
  if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
    diagnostics.push(error(Codes.schema, `'HeartbeatSeconds' (${heartbeat}) must be smaller than 'TimeoutSeconds' (${timeout}).`, childPointer(state.pointer, 'HeartbeatSeconds')));
  }
}

function checkChoiceRule(rule: unknown, pointer: string, depth: number, diagnostics: Diagnostic[]): void {
  if (!isObject(rule) || depth > 64) return;
  const operators = Object.keys(rule).filter((key) => comparisonOperators.has(key));
  const combinators = booleanOperators.filter((key) => key in rule);
  if (combinators.length > 0) {
    for (const extra of [...combinators.slice(1), ...operators, ...('Variable' in rule ? ['Variable'] : [])]) {
      diagnostics.push(error(Codes.schema, `A Choice rule with '${combinators[0]}' cannot also have '${extra}'.`, childPointer(pointer, extra)));
    }
    for (const combinator of combinators) {
      const nested = rule[combinator];
      if (combinator === 'Not') checkChoiceRule(nested, childPointer(pointer, 'Not'), depth + 1, diagnostics);
      else if (Array.isArray(nested)) nested.forEach((item, index) => checkChoiceRule(item, childPointer(childPointer(pointer, combinator), index), depth + 1, diagnostics));
    }
    return;
  }
  for (const operator of operators) if (operator.startsWith('Timestamp') && !operator.endsWith('Path')) checkTimestampDay(rule, operator, pointer, diagnostics);
  if (operators.length === 0) {
    diagnostics.push(error(Codes.schema, `A Choice rule needs 'Variable' and exactly one comparison operator (such as StringEquals or IsPresent), or one of And, Or, Not.`, pointer));
    return;
  }
  if (!('Variable' in rule)) {
    diagnostics.push(error(Codes.schema, `A Choice rule comparing with '${operators[0]}' is missing the required field 'Variable'.`, pointer));
  }
  if (operators.length > 1) {
    for (const operator of operators) {
      diagnostics.push(error(Codes.schema, `A Choice rule takes exactly one comparison operator; this one has ${operators.map((o) => `'${o}'`).join(', ')}.`, childPointer(pointer, operator)));
    }
  }
}

/**
 * The schema's pattern bounds a timestamp's month and day one by one; RFC 3339 also wants the day
 * to exist in its month, which a pattern cannot say (2023-02-29, 2024-04-31).
 */
function checkTimestampDay(value: Record<string, unknown>, field: string, pointer: string, diagnostics: Diagnostic[]): void {
  const text = value[field];
  const match = typeof text === 'string' ? /^(\d{4})-(\d{2})-(\d{2})T/.exec(text) : null;
  if (!match) return;
  const [year, month, day] = match.slice(1).map(Number);
  if (day > daysInMonth(year, month)) {
    diagnostics.push(error(Codes.schema, `'${field}' names a day that does not exist: ${JSON.stringify(text)}.`, childPointer(pointer, field)));
  }
}

function checkErrorEquals(entries: unknown[], listPointer: string, diagnostics: Diagnostic[]): void {
  entries.forEach((entry, index) => {
    if (!isObject(entry) || !Array.isArray(entry.ErrorEquals)) return;
    const errorsPointer = childPointer(childPointer(listPointer, index), 'ErrorEquals');
    const position = entry.ErrorEquals.indexOf('States.ALL');
    if (position < 0) return;
    if (entry.ErrorEquals.length > 1) {
      diagnostics.push(error(Codes.schema, `'States.ALL' must appear alone in 'ErrorEquals'.`, childPointer(errorsPointer, position)));
    }
    if (index !== entries.length - 1) {
      diagnostics.push(error(Codes.schema, `The ${listPointer.endsWith('/Retry') ? 'retrier' : 'catcher'} with 'States.ALL' must be the last one.`, errorsPointer));
    }
  });
}
