/** Fail: ends the execution (or its branch) with an error name and cause. */
import type { FailState } from '../definition/asl.ts';
import { compileValueExpression } from '../dataflow/payload.ts';
import { compileJsonataTemplate } from '../dataflow/jsonata.ts';
import { StatesError, StatesErrors, stateFailure } from '../errors.ts';
import type { Json } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import { StateNode } from './base.ts';
import { jsonataBindings } from './io.ts';
import type { StateOutcome } from './types.ts';

type FieldEvaluator = (input: Json, visit: Visit) => string | undefined | Promise<string | undefined>;

class FailNode extends StateNode<FailState> {
  override readonly next = undefined;
  private readonly error: FieldEvaluator;
  private readonly cause: FieldEvaluator;

  constructor(name: string, definition: FailState, queryLanguage: 'JSONPath' | 'JSONata') {
    super(name, definition, queryLanguage);
    this.error = compileField(definition.Error, definition.ErrorPath, 'Error', queryLanguage);
    this.cause = compileField(definition.Cause, definition.CausePath, 'Cause', queryLanguage);
  }

  async execute(input: Json, visit: Visit): Promise<StateOutcome> {
    // AWS allows a Fail state without an error name; the empty name is left out of the history.
    throw new StatesError((await this.error(input, visit)) ?? '', await this.cause(input, visit));
  }
}

export function compileFail(name: string, definition: FailState, queryLanguage: 'JSONPath' | 'JSONata'): StateNode {
  return new FailNode(name, definition, queryLanguage);
}

function compileField(literal: string | undefined, path: string | undefined, field: 'Error' | 'Cause', queryLanguage: string): FieldEvaluator {
  if (path !== undefined) {
    // A path or an intrinsic function call: both are what a `.$` payload field accepts.
    const evaluate = compileValueExpression(path, `${field}Path`);
    return (input, visit) => {
      const value = evaluate(input, visit);
      if (typeof value !== 'string') {
        throw stateFailure(StatesErrors.Runtime, `The ${field}Path field '${path}' must resolve to a string, but was: ${JSON.stringify(value)}`);
      }
      return value;
    };
  }
  if (literal === undefined) return () => undefined;
  if (queryLanguage === 'JSONata') {
    const expression = compileJsonataTemplate(literal, field);
    if (!expression.isStatic) {
      return async (input, visit) => {
        const value = await expression.evaluate(jsonataBindings(visit, { input }));
        return typeof value === 'string' ? value : JSON.stringify(value);
      };
    }
  }
  return () => literal;
}
