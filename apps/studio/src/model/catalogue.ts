/**
 * The field catalogue: for every state type, which fields ASL allows, of what kind, and under which
 * query language. The inspector renders its forms from this table; a unit test checks it against
 * the JSON Schemas in `schemas/` so the two cannot drift apart silently.
 */
import type { QueryLanguage, StateType } from './asl';

export type FieldKind =
  | 'text'        // free string
  | 'path'        // JSONPath / reference path (JSONPath only)
  | 'expression'  // JSONata: a `{% %}` string, or any JSON value holding such strings
  | 'json'        // a JSON value (payload templates, Result, ItemReader …)
  | 'number'
  | 'numberOrExpression'
  | 'timestamp'
  | 'boolean'
  | 'stateRef'    // a state name in the same scope
  | 'language'
  | 'retry'
  | 'catch'
  | 'choices'
  | 'scope';      // a nested scope (Branches, ItemProcessor): edited on the canvas, not in the form

export type Applies = 'both' | QueryLanguage;

export interface FieldSpec {
  key: string;
  kind: FieldKind;
  applies: Applies;
  label?: string;
  help: string;
  required?: boolean;
}

const f = (key: string, kind: FieldKind, applies: Applies, help: string, required = false): FieldSpec => ({ key, kind, applies, help, required });

const COMMON = [
  f('Comment', 'text', 'both', 'A human-readable description.'),
  f('QueryLanguage', 'language', 'both', 'Overrides the machine\'s query language for this state.'),
];
const TRANSITION = [
  f('Next', 'stateRef', 'both', 'The state to run next.'),
  f('End', 'boolean', 'both', 'Ends the scope after this state.'),
];
const IO_PATHS = [
  f('InputPath', 'path', 'JSONPath', 'Selects part of the state input.'),
  f('OutputPath', 'path', 'JSONPath', 'Selects part of the state output.'),
];
const RESULT = [
  f('ResultSelector', 'json', 'JSONPath', 'Reshapes the raw result.'),
  f('ResultPath', 'path', 'JSONPath', 'Where the result goes in the input.'),
];
const OUTPUT = f('Output', 'expression', 'JSONata', 'The state output (JSONata).');
const ASSIGN = f('Assign', 'json', 'both', 'Variables to assign.');
const ERRORS = [
  f('Retry', 'retry', 'both', 'Retry policies.'),
  f('Catch', 'catch', 'both', 'Fallback states for errors.'),
];

export const FIELD_CATALOGUE: Record<StateType, FieldSpec[]> = {
  Task: [
    ...COMMON,
    f('Resource', 'text', 'both', 'ARN of the service integration or activity.', true),
    f('Arguments', 'expression', 'JSONata', 'The request sent to the resource.'),
    f('Parameters', 'json', 'JSONPath', 'The request sent to the resource.'),
    f('Credentials', 'json', 'both', 'Role to assume for the call.'),
    f('TimeoutSeconds', 'numberOrExpression', 'both', 'Fails with States.Timeout after this many seconds.'),
    f('TimeoutSecondsPath', 'path', 'JSONPath', 'Reads TimeoutSeconds from the input.'),
    f('HeartbeatSeconds', 'numberOrExpression', 'both', 'Maximum time between heartbeats.'),
    f('HeartbeatSecondsPath', 'path', 'JSONPath', 'Reads HeartbeatSeconds from the input.'),
    ...IO_PATHS, ...RESULT, OUTPUT, ASSIGN, ...ERRORS, ...TRANSITION,
  ],
  Pass: [
    ...COMMON,
    f('Result', 'json', 'JSONPath', 'A fixed result.'),
    f('Parameters', 'json', 'JSONPath', 'Builds the result from the input.'),
    ...IO_PATHS, f('ResultPath', 'path', 'JSONPath', 'Where the result goes in the input.'),
    OUTPUT, ASSIGN, ...TRANSITION,
  ],
  Choice: [
    ...COMMON,
    f('Choices', 'choices', 'both', 'Rules, tried in order.', true),
    f('Default', 'stateRef', 'both', 'Where to go when no rule matches.'),
    ...IO_PATHS, OUTPUT, ASSIGN,
  ],
  Wait: [
    ...COMMON,
    f('Seconds', 'numberOrExpression', 'both', 'Seconds to wait.'),
    f('Timestamp', 'timestamp', 'both', 'Wait until this time (ISO 8601).'),
    f('SecondsPath', 'path', 'JSONPath', 'Reads Seconds from the input.'),
    f('TimestampPath', 'path', 'JSONPath', 'Reads Timestamp from the input.'),
    ...IO_PATHS, OUTPUT, ASSIGN, ...TRANSITION,
  ],
  Succeed: [...COMMON, ...IO_PATHS, OUTPUT],
  Fail: [
    ...COMMON,
    f('Error', 'expression', 'both', 'Error name.'),
    f('Cause', 'expression', 'both', 'Human-readable cause.'),
    f('ErrorPath', 'path', 'JSONPath', 'Reads Error from the input.'),
    f('CausePath', 'path', 'JSONPath', 'Reads Cause from the input.'),
  ],
  Parallel: [
    ...COMMON,
    f('Branches', 'scope', 'both', 'Branches run at the same time.', true),
    f('Arguments', 'expression', 'JSONata', 'Input given to every branch.'),
    f('Parameters', 'json', 'JSONPath', 'Input given to every branch.'),
    ...IO_PATHS, ...RESULT, OUTPUT, ASSIGN, ...ERRORS, ...TRANSITION,
  ],
  Map: [
    ...COMMON,
    f('ItemProcessor', 'scope', 'both', 'The states run for each item.'),
    f('Iterator', 'scope', 'both', 'Legacy name of ItemProcessor.'),
    f('Items', 'expression', 'JSONata', 'The array to iterate over.'),
    f('ItemsPath', 'path', 'JSONPath', 'Where the array is in the input.'),
    f('ItemSelector', 'json', 'both', 'Builds each item\'s input.'),
    f('Parameters', 'json', 'JSONPath', 'Legacy name of ItemSelector.'),
    f('ItemReader', 'json', 'both', 'Reads items from S3.'),
    f('ItemBatcher', 'json', 'both', 'Groups items into batches.'),
    f('ResultWriter', 'json', 'both', 'Writes results to S3.'),
    f('MaxConcurrency', 'numberOrExpression', 'both', 'How many items run at once (0 = no limit).'),
    f('MaxConcurrencyPath', 'path', 'JSONPath', 'Reads MaxConcurrency from the input.'),
    f('ToleratedFailurePercentage', 'numberOrExpression', 'both', 'Failures tolerated, in percent.'),
    f('ToleratedFailurePercentagePath', 'path', 'JSONPath', 'Reads ToleratedFailurePercentage from the input.'),
    f('ToleratedFailureCount', 'numberOrExpression', 'both', 'Failures tolerated, as a count.'),
    f('ToleratedFailureCountPath', 'path', 'JSONPath', 'Reads ToleratedFailureCount from the input.'),
    f('Label', 'text', 'both', 'Label used in Map Run names.'),
    ...IO_PATHS, ...RESULT, OUTPUT, ASSIGN, ...ERRORS, ...TRANSITION,
  ],
};

/** The fields the inspector shows for a state: those of its type that apply to its query language, plus any it already has. */
export function fieldsFor(type: StateType, language: QueryLanguage, present: Iterable<string>): FieldSpec[] {
  const has = new Set(present);
  return FIELD_CATALOGUE[type].filter((spec) => spec.applies === 'both' || spec.applies === language || has.has(spec.key));
}

/** Fields of the catalogue that are not plain fields (Type is implicit, scopes are drawn). */
export const IMPLICIT_FIELDS = new Set(['Type']);
