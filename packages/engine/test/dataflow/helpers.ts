import type { Json, JsonObject } from '../../src/json.ts';
import type { EvaluationScope } from '../../src/dataflow/types.ts';

/** A scope with a fixed context object, the given variables, and a deterministic random source. */
export function makeScope(options: { context?: JsonObject; variables?: Record<string, Json>; random?: () => number } = {}): EvaluationScope {
  const variables = options.variables ?? {};
  let seed = 42;
  return {
    context: options.context ?? {},
    variables: { get: (name) => (Object.hasOwn(variables, name) ? variables[name] : undefined) },
    random:
      options.random ??
      (() => {
        // xorshift: deterministic, good enough for tests
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        return (seed >>> 0) / 2 ** 32;
      }),
  };
}
