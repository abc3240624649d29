/**
 * Structural checks against schemas/asl.schema.json. Rather than one schema over the whole machine
 * (whose oneOf failures say nothing useful), each state is checked against the schema of its own
 * Type in its own query language, so every error lands on the field at fault with a message that
 * names it.
 */
import { Codes, childPointer, error, fieldName, isObject, kindOf, type Diagnostic } from './diagnostics.ts';
import type { MachineModel, StateInfo } from './model.ts';
import { isStateType, rootValidator, stateTypes, stateValidator, type SchemaError } from './schema-validators.ts';

/** Fields that exist only in the other query language, for a message that says what to use instead. */
const jsonPathOnlyFields = new Set([
  'InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath',
  'ItemsPath', 'MaxConcurrencyPath', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath', 'SecondsPath',
  'TimestampPath', 'ErrorPath', 'CausePath', 'Variable', 'MaxItemsPerBatchPath', 'MaxInputBytesPerBatchPath', 'MaxItemsPath',
]);
const jsonataOnlyFields = new Set(['Arguments', 'Output', 'Items', 'Condition']);

export function checkRootSchema(definition: Record<string, unknown>, diagnostics: Diagnostic[]): void {
  if (!rootValidator(definition)) reportErrors(rootValidator.errors ?? [], '', definition, 'the state machine', 'JSONPath', diagnostics);
  // The published schema tolerates $schema so editors can point at it; AWS does not accept the field.
  if ('$schema' in definition) {
    diagnostics.push(error(Codes.schema, "Field '$schema' is not supported by AWS Step Functions; remove it before deploying (associate the schema by file name in your editor instead).", '/$schema'));
  }
}

export function checkStateSchemas(model: MachineModel, diagnostics: Diagnostic[]): void {
  for (const state of model.states) checkState(state, model.root.queryLanguage, diagnostics);
  for (const pointer of model.tooDeep) {
    diagnostics.push(error(Codes.schema, 'Parallel branches and Map processors are nested too deeply to validate.', pointer));
  }
}

function checkState(state: StateInfo, machineLanguage: string, diagnostics: Diagnostic[]): void {
  const value = state.value;
  if (!isObject(value)) {
    diagnostics.push(error(Codes.schema, `State '${state.name}' must be an object with a Type field; got ${kindOf(value)}.`, state.pointer));
    return;
  }
  let subject = value;
  if ('QueryLanguage' in value && value.QueryLanguage !== 'JSONPath' && value.QueryLanguage !== 'JSONata') {
    diagnostics.push(
      error(Codes.schema, `'QueryLanguage' must be "JSONPath" or "JSONata"; got ${describeValue(value.QueryLanguage)}.`, childPointer(state.pointer, 'QueryLanguage')),
    );
    const { QueryLanguage: _ignored, ...rest } = value;
    subject = rest;
  }
  if (value.QueryLanguage === 'JSONPath' && machineLanguage === 'JSONata') {
    diagnostics.push(
      error(Codes.schema, `'QueryLanguage' cannot be "JSONPath" in a state when the state machine's QueryLanguage is "JSONata"; remove it or convert the state to JSONata.`, state.pointer),
    );
  }
  if (!('Type' in value)) {
    diagnostics.push(error(Codes.schema, `State '${state.name}' is missing the required field 'Type' (one of ${stateTypes.join(', ')}).`, state.pointer));
    return;
  }
  if (!isStateType(value.Type)) {
    diagnostics.push(
      error(Codes.schema, `'Type' must be one of ${stateTypes.join(', ')}; got ${describeValue(value.Type)}.`, childPointer(state.pointer, 'Type')),
    );
    return;
  }
  const validate = stateValidator(value.Type, state.queryLanguage);
  if (!validate(subject)) {
    reportErrors(validate.errors ?? [], state.pointer, value, `a ${state.queryLanguage} ${value.Type} state`, state.queryLanguage, diagnostics);
  }
}

function reportErrors(
  errors: readonly SchemaError[],
  basePointer: string,
  subject: unknown,
  subjectDescription: string,
  language: string,
  diagnostics: Diagnostic[],
): void {
  // Alternatives (anyOf) are reported once, as a list of what would be accepted.
  const alternativesAt = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const expectationsAt = new Map<string, string[]>();
  for (const schemaError of errors) {
    if (alternativesAt.has(schemaError.instancePath) && schemaError.keyword !== 'anyOf') {
      const list = expectationsAt.get(schemaError.instancePath) ?? [];
      const expected = expectation(schemaError);
      if (expected && !list.includes(expected)) list.push(expected);
      expectationsAt.set(schemaError.instancePath, list);
    }
  }
  const seen = new Set<string>();
  for (const schemaError of errors) {
    const instancePath = schemaError.instancePath;
    if (alternativesAt.has(instancePath) && schemaError.keyword !== 'anyOf') continue;
    const location = basePointer + instancePath;
    const value = valueAt(subject, instancePath);
    const name = instancePath === '' ? subjectDescription : `'${fieldName(location)}'`;
    let diagnostic: Diagnostic;
    switch (schemaError.keyword) {
      case 'required': {
        const missing = String(schemaError.params.missingProperty);
        diagnostic = error(Codes.schema, `${capitalize(instancePath === '' ? subjectDescription : `'${fieldName(location)}'`)} is missing the required field '${missing}'.`, location);
        break;
      }
      case 'additionalProperties':
      case 'unevaluatedProperties': {
        const field = String(schemaError.params.additionalProperty ?? schemaError.params.unevaluatedProperty);
        const where = instancePath === '' ? subjectDescription : `'${fieldName(location)}'`;
        diagnostic = error(Codes.schema, `Field '${field}' is not supported in ${where}${languageHint(field, language, instancePath)}.`, childPointer(location, field));
        break;
      }
      case 'propertyNames':
        continue;
      case 'anyOf':
        diagnostic = error(Codes.schema, `${capitalize(name)} must be ${(expectationsAt.get(instancePath) ?? []).join(', or ')}; got ${describeValue(value)}.`, location);
        break;
      case 'minProperties':
        diagnostic = error(Codes.schema, `${capitalize(name)} must have at least ${String(schemaError.params.limit)} ${fieldName(location) === 'States' ? 'state' : 'field'}.`, location);
        break;
      case 'maxProperties':
        diagnostic = error(Codes.schema, `${capitalize(name)} must have exactly one of its fields (for Credentials: RoleArn or RoleArn.$).`, location);
        break;
      case 'minItems':
        diagnostic = error(Codes.schema, `${capitalize(name)} must have at least ${String(schemaError.params.limit)} item(s).`, location);
        break;
      case 'minLength':
      case 'maxLength':
        // A state name's own length errors are reported with the name (see reportInvalidNames).
        if ((schemaError as { propertyName?: string }).propertyName !== undefined) continue;
        diagnostic = error(Codes.schema, lengthMessage(name, schemaError, value), location);
        break;
      default:
        diagnostic = error(Codes.schema, `${capitalize(name)} must be ${expectation(schemaError) ?? schemaError.message ?? 'valid'}; got ${describeValue(value)}.`, location);
    }
    const key = `${diagnostic.location}\u0000${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic);
  }
  reportInvalidNames(errors, basePointer, subject, diagnostics);
}

/** propertyNames failures come with the name's own min/maxLength errors; report each bad name at its own pointer. */
function reportInvalidNames(errors: readonly SchemaError[], basePointer: string, subject: unknown, diagnostics: Diagnostic[]): void {
  for (const schemaError of errors) {
    if (schemaError.keyword !== 'propertyNames') continue;
    const name = String(schemaError.params.propertyName);
    const location = childPointer(basePointer + schemaError.instancePath, name);
    const container = valueAt(subject, schemaError.instancePath);
    if (!isObject(container)) continue;
    diagnostics.push(
      error(Codes.invalidStateName, `State name '${name}' must be 1 to 80 characters long; it has ${[...name].length}.`, location),
    );
  }
}

function lengthMessage(name: string, schemaError: SchemaError, value: unknown): string {
  const limit = String(schemaError.params.limit);
  const length = typeof value === 'string' ? [...value].length : 0;
  const bound = schemaError.keyword === 'minLength' ? `at least ${limit}` : `at most ${limit}`;
  return `${capitalize(name)} must be ${bound} characters long; it has ${length}.`;
}

function languageHint(field: string, language: string, instancePath: string): string {
  if (language === 'JSONata' && jsonPathOnlyFields.has(field)) {
    return ' (it belongs to JSONPath; JSONata states use Arguments, Output and {% %} expressions instead)';
  }
  if (language === 'JSONPath' && jsonataOnlyFields.has(field) && instancePath.indexOf('/Choices') !== 0) {
    return ' (it belongs to JSONata; set QueryLanguage to "JSONata" to use it)';
  }
  if (language === 'JSONPath' && jsonataOnlyFields.has(field)) return ' (it belongs to JSONata)';
  return '';
}

/** What a failed keyword asked for, in words. */
function expectation(schemaError: SchemaError): string | undefined {
  const params = schemaError.params;
  const path = schemaError.schemaPath;
  switch (schemaError.keyword) {
    case 'type':
      if (path.includes('/Jsonata/')) return 'a JSONata expression "{% … %}"';
      return typeWords(String(params.type));
    case 'pattern':
      if (path.includes('/Jsonata/')) return 'a JSONata expression written as "{% … %}"';
      if (path.includes('/Timestamp/')) return 'an RFC 3339 timestamp with a T and a time zone, such as "2016-03-14T01:59:00Z"';
      if (path.includes('/Label/')) return 'a label without whitespace, brackets, wildcards, control characters or any of " # % \\ ^ | ~ ` $ & , ; : /';
      return `a string matching ${String(params.pattern)}`;
    case 'minimum':
      return `a number >= ${String(params.limit)}`;
    case 'maximum':
      return `a number <= ${String(params.limit)}`;
    case 'enum':
      return `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return JSON.stringify(params.allowedValue);
    case 'maxLength':
      return `at most ${String(params.limit)} characters`;
    default:
      return schemaError.message;
  }
}

function typeWords(type: string): string {
  return type
    .split(',')
    .map((t) => ({ integer: 'an integer', number: 'a number', string: 'a string', boolean: 'a boolean', object: 'an object', array: 'an array', null: 'null' })[t] ?? t)
    .join(' or ');
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return kindOf(value);
}

function capitalize(text: string): string {
  return text.length === 0 || text[0] === "'" ? text : text[0].toUpperCase() + text.slice(1);
}

function valueAt(subject: unknown, instancePath: string): unknown {
  if (instancePath === '') return subject;
  let current = subject;
  for (const token of instancePath.slice(1).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isObject(current)) current = current[key];
    else return undefined;
  }
  return current;
}
