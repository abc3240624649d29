/**
 * The ASL validator: JSON Schemas in schemas/ (compiled ahead of time) plus the semantic rules AWS
 * applies, reporting diagnostics in the shape of ValidateStateMachineDefinition.
 */
export type { Severity, Diagnostic } from './diagnostics.ts';
export type { ValidateOptions, ValidationResult } from './validate.ts';
export { validateDefinition } from './validate.ts';
export { parseDefinitionText } from './parse.ts';
export type { ParsedDefinitionText } from './parse.ts';
