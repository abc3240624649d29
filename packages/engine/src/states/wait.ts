/** Wait: pauses for Seconds / SecondsPath, or until Timestamp / TimestampPath, in the execution's clock. */
import type { WaitState } from '../definition/asl.ts';
import { compilePath } from '../dataflow/paths.ts';
import { compileJsonataField, jsonataExpressionText, JsonataEvaluationError } from '../dataflow/jsonata.ts';
import { JsonataCauses } from '../dataflow/jsonata-errors.ts';
import { StatesErrors, stateFailure } from '../errors.ts';
import type { Json } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import { DataFlowStateNode, type StateNode } from './base.ts';
import { jsonataBindings, IO_SHAPES } from './io.ts';
import { compileJsonataNumber } from './jsonata-fields.ts';
import { parseTimestamp } from '../timestamps.ts';
import type { StateOutcome } from './types.ts';

/** When to resume, as milliseconds since the epoch, given the effective input. */
type WakeTime = (effective: Json, visit: Visit) => number | Promise<number>;

class WaitNode extends DataFlowStateNode<WaitState> {
  private readonly wakeTime: WakeTime;

  constructor(name: string, definition: WaitState, queryLanguage: 'JSONPath' | 'JSONata') {
    super(name, definition, queryLanguage, IO_SHAPES.passThrough);
    this.wakeTime = queryLanguage === 'JSONata' ? compileJsonataWake(definition) : compileJsonPathWake(definition);
  }

  async execute(input: Json, visit: Visit): Promise<StateOutcome> {
    const effective = await this.io.prepare(input, visit);
    await visit.runtime.sleepUntil(await this.wakeTime(effective, visit), visit.signal);
    return this.io.complete(input, effective, visit);
  }
}

export function compileWait(name: string, definition: WaitState, queryLanguage: 'JSONPath' | 'JSONata'): StateNode {
  return new WaitNode(name, definition, queryLanguage);
}

function compileJsonPathWake(definition: WaitState): WakeTime {
  if (definition.Seconds !== undefined) {
    const ms = Number(definition.Seconds) * 1000;
    return (_effective, visit) => visit.runtime.clock.now() + ms;
  }
  if (definition.SecondsPath !== undefined) {
    const path = definition.SecondsPath;
    const read = compilePath(path);
    return (effective, visit) => {
      const value = read(effective, visit);
      if (value === undefined) throw stateFailure(StatesErrors.Runtime, `The SecondsPath parameter does not reference an input value: ${path}`);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw stateFailure(StatesErrors.Runtime, `The SecondsPath parameter cannot be parsed as a long value: ${path} == ${JSON.stringify(value)}`);
      }
      return visit.runtime.clock.now() + value * 1000;
    };
  }
  if (definition.Timestamp !== undefined) {
    const at = parseTimestamp(definition.Timestamp);
    return () => wholeSecond(at ?? 0);
  }
  if (definition.TimestampPath !== undefined) {
    const path = definition.TimestampPath;
    const read = compilePath(path);
    return (effective, visit) => {
      const value = read(effective, visit);
      if (value === undefined) throw stateFailure(StatesErrors.Runtime, `The TimestampPath parameter does not reference an input value: ${path}`);
      const at = typeof value === 'string' ? parseTimestamp(value) : undefined;
      if (at === undefined) throw stateFailure(StatesErrors.Runtime, `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${JSON.stringify(value)}`);
      return wholeSecond(at);
    };
  }
  return (_effective, visit) => visit.runtime.clock.now();
}

/** The largest Seconds a Wait state takes (AWS's Wait state page). */
const MAX_WAIT_SECONDS = 99_999_999;

function compileJsonataWake(definition: WaitState): WakeTime {
  if (definition.Seconds !== undefined) {
    if (typeof definition.Seconds === 'number') {
      const ms = definition.Seconds * 1000;
      return (_effective, visit) => visit.runtime.clock.now() + ms;
    }
    const expression = definition.Seconds;
    const seconds = compileJsonataNumber(expression, 'Seconds', 'integer');
    return async (effective, visit) => {
      const value = await seconds(effective, visit);
      // AWS's Wait state page: the expression must evaluate to an integer from 0 to 99999999.
      if (value < 0 || value > MAX_WAIT_SECONDS) {
        throw new JsonataEvaluationError(jsonataExpressionText(expression), 'Seconds', `returned ${value}, outside the range of Seconds (an integer from 0 to ${MAX_WAIT_SECONDS}).`);
      }
      return visit.runtime.clock.now() + value * 1000;
    };
  }
  if (definition.Timestamp !== undefined) {
    const expression = definition.Timestamp;
    const timestamp = compileJsonataField(expression, 'Timestamp', 'string');
    return async (effective, visit) => {
      const value = await timestamp.evaluate(jsonataBindings(visit, { input: effective }));
      const at = parseTimestamp(value);
      if (at === undefined) {
        throw new JsonataEvaluationError(jsonataExpressionText(expression), 'Timestamp', JsonataCauses.unexpectedType('timestamp', 'string', JSON.stringify(value)));
      }
      return wholeSecond(at);
    };
  }
  return (_effective, visit) => visit.runtime.clock.now();
}

/** AWS's Wait state page: a timestamp's milliseconds are truncated; the wait ends at its whole second. */
function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
