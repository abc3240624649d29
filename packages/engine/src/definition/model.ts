/**
 * A tolerant view of a definition as nested scopes of states (the machine, each Parallel branch,
 * each Map processor), each state knowing its pointer and effective query language. Every check
 * walks this instead of the raw value, so half-typed input (a state that is a number, a branch that
 * is an array) is met once, here, without throwing.
 */
import type { QueryLanguage } from './asl.ts';
import { childPointer, isObject } from './diagnostics.ts';

export type ScopeKind = 'machine' | 'branch' | 'processor';

export interface Scope {
  kind: ScopeKind;
  /** Pointer of the object holding StartAt and States. */
  pointer: string;
  value: Record<string, unknown>;
  /**
   * The language states inherit when they do not set QueryLanguage: always the machine's, because
   * AWS does not pass a Parallel or Map state's own QueryLanguage on to its branches or processor.
   */
  queryLanguage: QueryLanguage;
  /** The state owning this branch or processor, absent for the machine. */
  owner?: StateInfo;
  /** States by name, in document order; absent when States is not an object. */
  states: Map<string, StateInfo>;
  depth: number;
}

export interface StateInfo {
  name: string;
  pointer: string;
  /** The state's value: an object for well-formed states, anything for half-typed input. */
  value: unknown;
  scope: Scope;
  queryLanguage: QueryLanguage;
  /** Scopes nested in this state (branches, processor). */
  children: Scope[];
}

/** Deeper nesting of branches and processors than this is reported instead of walked. */
export const maxScopeDepth = 64;

export interface MachineModel {
  root: Scope;
  scopes: Scope[];
  states: StateInfo[];
  /** Scopes not walked because they were nested too deep. */
  tooDeep: string[];
}

/**
 * AWS (measured with ValidateStateMachineDefinition): a QueryLanguage that is present resolves to
 * JSONPath only when it is exactly "JSONPath"; any other value counts as JSONata (and gets its own
 * enum diagnostic).
 */
export function effectiveLanguage(value: unknown, inherited: QueryLanguage): QueryLanguage {
  if (isObject(value) && 'QueryLanguage' in value) return value.QueryLanguage === 'JSONPath' ? 'JSONPath' : 'JSONata';
  return inherited;
}

export function buildModel(definition: Record<string, unknown>): MachineModel {
  const model: MachineModel = { root: undefined as unknown as Scope, scopes: [], states: [], tooDeep: [] };
  model.root = collectScope(model, 'machine', '', definition, effectiveLanguage(definition, 'JSONPath'), undefined, 0);
  return model;
}

function collectScope(
  model: MachineModel,
  kind: ScopeKind,
  pointer: string,
  value: Record<string, unknown>,
  queryLanguage: QueryLanguage,
  owner: StateInfo | undefined,
  depth: number,
): Scope {
  const scope: Scope = { kind, pointer, value, queryLanguage, owner, states: new Map(), depth };
  model.scopes.push(scope);
  const states = value.States;
  if (!isObject(states)) return scope;
  const statesPointer = childPointer(pointer, 'States');
  for (const [name, stateValue] of Object.entries(states)) {
    const state: StateInfo = {
      name,
      pointer: childPointer(statesPointer, name),
      value: stateValue,
      scope,
      queryLanguage: effectiveLanguage(stateValue, queryLanguage),
      children: [],
    };
    scope.states.set(name, state);
    model.states.push(state);
    if (!isObject(stateValue)) continue;
    for (const child of nestedScopes(state.pointer, stateValue)) {
      if (depth + 1 > maxScopeDepth) {
        model.tooDeep.push(child.pointer);
        continue;
      }
      state.children.push(collectScope(model, child.kind, child.pointer, child.value, queryLanguage, state, depth + 1));
    }
  }
  return scope;
}

function nestedScopes(statePointer: string, state: Record<string, unknown>): { kind: ScopeKind; pointer: string; value: Record<string, unknown> }[] {
  const found: { kind: ScopeKind; pointer: string; value: Record<string, unknown> }[] = [];
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
    state.Branches.forEach((branch, index) => {
      if (isObject(branch)) found.push({ kind: 'branch', pointer: childPointer(childPointer(statePointer, 'Branches'), index), value: branch });
    });
  }
  if (state.Type === 'Map') {
    for (const field of ['ItemProcessor', 'Iterator']) {
      const processor = state[field];
      if (isObject(processor)) found.push({ kind: 'processor', pointer: childPointer(statePointer, field), value: processor });
    }
  }
  return found;
}
