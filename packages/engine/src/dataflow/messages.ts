/**
 * Error causes of the JSONPath data flow, worded as AWS words them. Texts were taken from
 * recorded AWS executions (test/dataflow/fixtures, from the LocalStack corpus):
 *
 * - InputPath/OutputPath/ItemsPath/…Path without a match → States.Runtime,
 *   `Invalid path '$.x' : No results for path: $['x']` (paths.ts).
 * - a `.$` payload field, ErrorPath or CausePath without a match → States.Runtime,
 *   `The JSONPath '$.x' specified for the field 'value.$' could not be found in the input '<input JSON>'`.
 *
 * AWS prefixes all of these with "An error occurred while executing the state '<name>'
 * (entered at the event id #<n>). " — the interpreter knows the event id, so it adds that
 * prefix (see {@link inStateCause}).
 */
import type { Json } from '../json.ts';
import { StatesError, StatesErrors } from '../errors.ts';

export function fieldNotFoundError(path: string, field: string, input: Json): StatesError {
  return new StatesError(
    StatesErrors.Runtime,
    `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`,
  );
}

/** AWS's prefix for errors raised while a state runs. */
export function inStateCause(stateName: string, enteredEventId: number, cause: string): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${cause}`;
}
