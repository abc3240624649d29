/**
 * Typed access to the validators ajv generated from schemas/asl.schema.json (see
 * schemas/generate-validators.ts). They are plain functions: nothing is compiled at run time.
 */
import * as generated from './generated/schema-validators.ts';
import type { QueryLanguage, StateType } from './asl.ts';

export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

const validators = generated as unknown as Record<string, SchemaValidator>;

export const rootValidator: SchemaValidator = validators.Root;

export const stateTypes: readonly StateType[] = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];

export function isStateType(value: unknown): value is StateType {
  return typeof value === 'string' && (stateTypes as readonly string[]).includes(value);
}

export function stateValidator(type: StateType, language: QueryLanguage): SchemaValidator {
  return validators[`${type}${language}`];
}
