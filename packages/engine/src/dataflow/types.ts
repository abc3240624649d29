/**
 * What expressions in a state can see besides the state's input: the context object `$$`,
 * the workflow variables in scope, and the execution's seeded randomness.
 */
import type { Json, JsonObject } from '../json.ts';

/** Variables visible to a state. A Parallel branch or Map iteration gets a child scope. */
export interface VariableScope {
  /** The value of `$name`, or undefined when no such variable is in scope. */
  get(name: string): Json | undefined;
}

/** A seeded source of randomness in [0, 1), so that runs can be made deterministic. */
export type RandomSource = () => number;

export interface EvaluationScope {
  /** The context object, `$$` in JSONPath mode and `$states.context` in JSONata. */
  readonly context: JsonObject;
  readonly variables: VariableScope;
  readonly random: RandomSource;
}
