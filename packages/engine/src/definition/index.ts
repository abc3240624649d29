/**
 * The ASL validator: JSON Schemas in schemas/ (compiled ahead of time) plus the semantic rules AWS
 * applies, reporting diagnostics in the shape of ValidateStateMachineDefinition.
 *
 * Imported on its own (as the validation corpus and the validator benchmark do), it validates as
 * '@stepwise/engine' does, so it installs what the default entry installs: the jsonata library for
 * the expression checks and the YAML reader. The engine itself imports validate.ts, not this file,
 * so that '@stepwise/engine/core' stays free of both; package.json lists this file under
 * "sideEffects" for these two calls.
 */
import jsonata from 'jsonata';
import { installJsonata } from '../dataflow/jsonata-library.ts';
import { installYamlReader } from './parse.ts';
import { readYamlDefinition } from './yaml-reader.ts';

installJsonata(jsonata);
installYamlReader(readYamlDefinition);

export type { Severity, Diagnostic } from './diagnostics.ts';
export type { ValidateOptions, ValidationResult } from './validate.ts';
export { validateDefinition } from './validate.ts';
export { parseDefinitionText } from './parse.ts';
export type { ParsedDefinitionText } from './parse.ts';
