/**
 * The few facts about Amazon States Language that the studio's model needs: what a state is,
 * which state types hold nested scopes, and how to read them without trusting the input.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const STATE_TYPES = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPES)[number];

export type QueryLanguage = 'JSONPath' | 'JSONata';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStateType(value: unknown): value is StateType {
  return typeof value === 'string' && (STATE_TYPES as readonly string[]).includes(value);
}

/** The `States` map of a scope (root, a Parallel branch, a Map processor), or an empty map. */
export function statesOf(scope: unknown): JsonObject {
  return isObject(scope) && isObject(scope.States) ? scope.States : {};
}

/**
 * The nested scopes a state owns, with the JSON-pointer segments that lead from the state to each.
 * Map accepts both the current `ItemProcessor` and the legacy `Iterator`.
 */
export function childScopesOf(state: unknown): { segments: string[]; scope: JsonObject; label: string }[] {
  if (!isObject(state)) return [];
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
    return state.Branches.flatMap((branch, index) =>
      isObject(branch) ? [{ segments: ['Branches', String(index)], scope: branch, label: `Branch ${index + 1}` }] : [],
    );
  }
  if (state.Type === 'Map') {
    for (const key of ['ItemProcessor', 'Iterator']) {
      const scope = state[key];
      if (isObject(scope)) return [{ segments: [key], scope, label: 'Item processor' }];
    }
  }
  return [];
}

/** The query language in force for a state: its own, else the one inherited from enclosing scopes. */
export function effectiveQueryLanguage(state: unknown, inherited: QueryLanguage): QueryLanguage {
  if (isObject(state) && (state.QueryLanguage === 'JSONata' || state.QueryLanguage === 'JSONPath')) return state.QueryLanguage;
  return inherited;
}
