/**
 * The two kinds of JSONata failure and the texts AWS gives them.
 *
 * Run time: every failure is `States.QueryEvaluationError`. AWS's cause (recorded in the
 * conformance corpus, e.g. assign/test_assign_reference_variables::test_undefined_reference::*,
 * intrinsic_functions/test_math_operations_jsonata::test_math_random_seeded,
 * scenarios/test_base_scenarios::test_map_state_items_eval_jsonata_fail::*) reads
 *
 *   An error occurred while executing the state '<State>' (entered at the event id #<n>).
 *   The JSONata expression '<expr>' specified for the field '<location>' <what happened>
 *
 * and the `EvaluationFailed` history event carries `{ error, cause, location, state }`. The
 * first sentence needs the state and its entered-event id, which only the interpreter knows, so a
 * {@link JsonataEvaluationError} carries the second sentence as its cause and
 * {@link JsonataEvaluationError.inState} adds the first.
 *
 * Definition time: an expression that does not parse, or that reads what a Step Functions
 * expression may not read, makes AWS refuse the whole definition. Those are
 * {@link JsonataDefinitionError}s, for the validator to report.
 */
import { StatesError, StatesErrors } from '../errors.ts';

export class JsonataEvaluationError extends StatesError {
  /** The field path AWS reports, e.g. `Output`, `Arguments/FunctionName`, `Output/list[0]`. */
  readonly location: string;
  /** The expression text between `{%` and `%}`, trimmed, as AWS quotes it. */
  readonly expression: string;

  constructor(expression: string, location: string, detail: string) {
    super(StatesErrors.QueryEvaluationError, `The JSONata expression '${expression}' specified for the field '${location}' ${detail}`);
    this.name = 'JsonataEvaluationError';
    this.location = location;
    this.expression = expression;
  }

  /**
   * The cause as AWS writes it in an execution: prefixed with the state and the id of its
   * `…StateEntered` event. Use it for the `EvaluationFailed` event and the Catch/execution error.
   */
  inState(stateName: string, enteredEventId: number): StatesError {
    return new StatesError(this.error, stateErrorCause(stateName, enteredEventId, this.cause ?? ''));
  }

  /** The `evaluationFailedEventDetails` AWS records for this failure. */
  eventDetails(stateName: string, enteredEventId: number): EvaluationFailedEventDetails {
    return {
      error: this.error,
      cause: stateErrorCause(stateName, enteredEventId, this.cause ?? ''),
      location: this.location,
      state: stateName,
    };
  }
}

export interface EvaluationFailedEventDetails {
  error: string;
  cause: string;
  location?: string;
  state: string;
}

/** AWS's prefix for failures raised while a state runs (shared by several States.* causes). */
export function stateErrorCause(stateName: string, enteredEventId: number, detail: string): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${detail}`;
}

/** What happened, in AWS's words; each completes "The JSONata expression '…' specified for the field '…' ". */
export const JsonataCauses = {
  /** Corpus: BASE_UNDEFINED_OUTPUT and friends. */
  undefinedResult: (): string => 'returned nothing (undefined).',
  /**
   * Corpus: test_math_random_seeded, "threw an error during evaluation. T1006: Attempted to invoke
   * a non-function". A message without a JSONata code follows a colon instead (reported by
   * floci-io/floci #2736 from AWS measurements; not in our corpus).
   */
  evaluationError: (code: string | undefined, message: string): string =>
    code === undefined ? `threw an error during evaluation: ${message}` : `threw an error during evaluation. ${code}: ${message}`,
  /** Corpus: test_map_state_items_eval_jsonata_fail::function (a function as the result). */
  unsupportedResult: (): string => 'returned an unsupported result type.',
  /** Corpus: test_map_state_items_eval_jsonata_fail::{null,number,object,string}. */
  unexpectedType: (expected: string, actual: string, valueJson: string): string =>
    `returned an unexpected result type. Expected '${expected}', but was '${actual}' for value: ${valueJson}`,
} as const;

export type JsonataDefinitionErrorCode = 'INVALID_JSONATA_EXPRESSION' | 'UNSUPPORTED_JSONATA_EXPRESSION';

/**
 * A JSONata string AWS refuses when the state machine is created. The message follows AWS's
 * diagnostics as reported from ValidateStateMachineDefinition (third-party measurements in
 * floci-io/floci #2670 and #2745): `UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the
 * top level is not supported.` and `INVALID_JSONATA_EXPRESSION` with the parser's message.
 */
export class JsonataDefinitionError extends Error {
  readonly code: JsonataDefinitionErrorCode;
  /** The field path inside the state, e.g. `Output/v`; the validator prefixes `/States/<name>/`. */
  readonly location: string;
  readonly expression: string;
  /** The diagnostic text without code or location. */
  readonly detail: string;

  constructor(code: JsonataDefinitionErrorCode, expression: string, location: string, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'JsonataDefinitionError';
    this.code = code;
    this.location = location;
    this.expression = expression;
    this.detail = detail;
  }
}

/** The code and message of whatever the JSONata engine (or a function it called) threw. */
export function jsonataErrorParts(thrown: unknown): { code: string | undefined; message: string } {
  if (thrown && typeof thrown === 'object') {
    const { code, message } = thrown as { code?: unknown; message?: unknown };
    return {
      code: typeof code === 'string' ? code : undefined,
      message: typeof message === 'string' ? message : String(thrown),
    };
  }
  return { code: undefined, message: String(thrown) };
}
