/**
 * Typed JSONata fields of states (TimeoutSeconds, HeartbeatSeconds, MaxConcurrency, tolerated
 * failures, Wait Seconds): a number is required, and for most fields a whole one. Failures are
 * JSONata evaluation errors, so the interpreter records AWS's EvaluationFailed event for them.
 */
import { compileJsonataField, jsonataExpressionText, JsonataEvaluationError } from '../dataflow/jsonata.ts';
import { JsonataCauses } from '../dataflow/jsonata-errors.ts';
import type { Json } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import { jsonataBindings } from './io.ts';
import { andThen, type MaybePromise } from '../maybe-async.ts';

export type NumberFieldEvaluator = (input: Json, visit: Visit) => MaybePromise<number>;

export function compileJsonataNumber(expression: string, field: string, kind: 'integer' | 'float'): NumberFieldEvaluator {
  const compiled = compileJsonataField(expression, field, 'number');
  return (input, visit) =>
    andThen(compiled.evaluateNow(jsonataBindings(visit, { input })), (value) => {
      if (kind === 'integer' && !Number.isInteger(value)) {
        throw new JsonataEvaluationError(jsonataExpressionText(expression), field, JsonataCauses.unexpectedType('integer', 'number', JSON.stringify(value)));
      }
      return value;
    });
}
