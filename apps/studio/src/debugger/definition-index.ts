/**
 * What the replay needs to know about a definition: every state by name (names are unique
 * machine-wide in ASL, so a history's state name finds its state), the state's id (the JSON
 * pointer the studio's graph uses for its node), which scope it lives in, and how each possible
 * transition is labelled (the graph's edge ids).
 */
import { childScopesOf, effectiveQueryLanguage, isObject, statesOf, type JsonObject, type QueryLanguage } from '../model/asl';
import { stateId, toPointer } from '../model/pointer';

export type TransitionKind = 'next' | 'choice' | 'default' | 'catch';

export interface StateInfo {
  /** The graph node id: JSON pointer to the state in the definition. */
  id: string;
  name: string;
  type: string;
  /** Pointer of the scope holding the state ('' for the root). */
  scopeId: string;
  /** The Map/Parallel state owning the scope, undefined at the root. */
  ownerId?: string;
  /** Which Parallel branch the scope is (0-based), undefined elsewhere. */
  branch?: number;
  state: JsonObject;
  queryLanguage: QueryLanguage;
}

export interface DefinitionIndex {
  byName: Map<string, StateInfo>;
  byId: Map<string, StateInfo>;
  /** Scope pointer → the state that starts it. */
  startOf: Map<string, string>;
}

export function indexDefinition(definition: unknown): DefinitionIndex {
  const index: DefinitionIndex = { byName: new Map(), byId: new Map(), startOf: new Map() };
  const root = isObject(definition) ? definition : {};
  walk(index, root, '', undefined, undefined, root.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath');
  return index;
}

function walk(index: DefinitionIndex, scope: JsonObject, scopeId: string, ownerId: string | undefined, branch: number | undefined, language: QueryLanguage): void {
  if (typeof scope.StartAt === 'string') index.startOf.set(scopeId, scope.StartAt);
  const states = statesOf(scope);
  for (const name of Object.keys(states)) {
    const state = states[name];
    if (!isObject(state)) continue;
    const id = stateId(scopeId, name);
    const queryLanguage = effectiveQueryLanguage(state, language);
    const info: StateInfo = { id, name, type: typeof state.Type === 'string' ? state.Type : '', scopeId, ownerId, branch, state, queryLanguage };
    if (!index.byName.has(name)) index.byName.set(name, info);
    index.byId.set(id, info);
    childScopesOf(state).forEach((child, i) => {
      walk(index, child.scope, id + toPointer(child.segments), id, state.Type === 'Parallel' ? i : undefined, queryLanguage);
    });
  }
}

/** The scope pointer of a Map's item processor (`ItemProcessor`, or the legacy `Iterator`). */
export function mapProcessorScope(mapId: string, mapState: JsonObject | undefined): string {
  return mapId + (mapState && isObject(mapState.Iterator) && !isObject(mapState.ItemProcessor) ? '/Iterator' : '/ItemProcessor');
}

export function branchScope(parallelId: string, branch: number): string {
  return `${parallelId}/Branches/${branch}`;
}

/**
 * How `from` reached `to`, as the graph draws it: the edge id is the pointer of the field that
 * names the target (what {@link buildGraph} uses). `caught` says the state ended in a Catch.
 */
export function classifyTransition(from: StateInfo | undefined, toName: string, caught: boolean): { kind?: TransitionKind; edgeId?: string } {
  const state = from?.state;
  if (!from || !state) return {};
  if (caught && Array.isArray(state.Catch)) {
    const i = state.Catch.findIndex((c) => isObject(c) && c.Next === toName);
    if (i >= 0) return { kind: 'catch', edgeId: `${from.id}/Catch/${i}/Next` };
  }
  if (Array.isArray(state.Choices)) {
    const i = state.Choices.findIndex((c) => isObject(c) && c.Next === toName);
    if (i >= 0) return { kind: 'choice', edgeId: `${from.id}/Choices/${i}/Next` };
  }
  if (state.Default === toName) return { kind: 'default', edgeId: `${from.id}/Default` };
  if (state.Next === toName) return { kind: 'next', edgeId: `${from.id}/Next` };
  if (Array.isArray(state.Catch)) {
    const i = state.Catch.findIndex((c) => isObject(c) && c.Next === toName);
    if (i >= 0) return { kind: 'catch', edgeId: `${from.id}/Catch/${i}/Next` };
  }
  return {};
}
