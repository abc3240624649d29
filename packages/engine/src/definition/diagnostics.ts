/**
 * Diagnostics in the shape of AWS ValidateStateMachineDefinition: severity, AWS's code, a message that
 * names the field and what it expects, and an RFC 6901 pointer to the field at fault.
 */
export type Severity = 'ERROR' | 'WARNING';

export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  /** RFC 6901 JSON pointer into the definition; '' is the root. */
  location: string;
  /** 1-based, present when the definition was given as text. */
  line?: number;
  column?: number;
}

/** AWS's diagnostic codes used by this validator (ValidateStateMachineDefinitionDiagnostic). */
export const Codes = {
  invalidJson: 'INVALID_JSON_DESCRIPTION',
  missingDescription: 'MISSING_DESCRIPTION',
  schema: 'SCHEMA_VALIDATION_FAILED',
  invalidResource: 'INVALID_RESOURCE',
  missingEndState: 'MISSING_END_STATE',
  duplicateStateName: 'DUPLICATE_STATE_NAME',
  invalidStateName: 'INVALID_STATE_NAME',
  missingTransitionTarget: 'MISSING_TRANSITION_TARGET',
  invalidJsonata: 'INVALID_JSONATA_EXPRESSION',
  unsupportedJsonata: 'UNSUPPORTED_JSONATA_EXPRESSION',
  noDollar: 'NO_DOLLAR',
  noPath: 'NO_PATH',
  passResultIsStatic: 'PASS_RESULT_IS_STATIC',
  /** Stepwise's own warning (AWS has no code for it): a key repeated in one JSON object. */
  duplicateJsonKey: 'DUPLICATE_JSON_KEY',
  /** Stepwise's own: a JSONata definition (or YAML text) given to the core entry, which leaves that support out. */
  jsonataNotLoaded: 'JSONATA_NOT_LOADED',
  yamlNotLoaded: 'YAML_NOT_LOADED',
  /** Stepwise's own warning: ItemReader, ItemBatcher or ResultWriter on a Map that runs Inline. */
  distributedOnlyField: 'DISTRIBUTED_ONLY_FIELD',
} as const;

export function error(code: string, message: string, location: string): Diagnostic {
  return { severity: 'ERROR', code, message, location };
}

export function warning(code: string, message: string, location: string): Diagnostic {
  return { severity: 'WARNING', code, message, location };
}

/** Appends one reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 requires. */
export function childPointer(pointer: string, key: string | number): string {
  const token = typeof key === 'number' ? String(key) : key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
  return `${pointer}/${token}`;
}

/** Splits a JSON pointer into its unescaped reference tokens. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The field name a pointer ends with, for messages; array items read as `Catch[0]`. */
export function fieldName(pointer: string): string {
  const tokens = pointerTokens(pointer);
  if (tokens.length === 0) return 'definition';
  const last = tokens[tokens.length - 1];
  if (tokens.length >= 2 && /^(0|[1-9][0-9]*)$/.test(last)) return `${tokens[tokens.length - 2]}[${last}]`;
  return last;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes a JSON value's kind for messages ("got a number"). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return `a ${typeof value}`;
  }
}
