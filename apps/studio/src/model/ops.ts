/**
 * Edit operations: pure functions from a definition to a new definition. Each one touches only the
 * objects on its path, keeps key order, and keeps references consistent (rename follows, delete
 * reconnects). The graph is re-derived from the result, so there is one truth to undo.
 */
import { childScopesOf, isObject, statesOf, type JsonObject, type JsonValue } from './asl';
import { getAt, parsePointer, setAt, stateId, toPointer } from './pointer';

/** `[...scope, 'States', name, 'Next']` or `[...scope, 'States', name, 'Choices', i, 'Next']` → scope segments. */
function scopeSegmentsOfField(segments: string[]): string[] {
  const nested = segments.length >= 5 && (segments[segments.length - 3] === 'Choices' || segments[segments.length - 3] === 'Catch');
  const nameIndex = segments.length - (nested ? 4 : 2);
  return segments.slice(0, nameIndex - 1);
}

export type Definition = JsonValue;
export type ConnectKind = 'next' | 'default' | 'choice' | 'catch';

const scopeSegments = (scopeId: string) => parsePointer(scopeId);
const stateSegments = (scopeId: string, name: string) => [...scopeSegments(scopeId), 'States', name];

function scopeOf(definition: Definition, scopeId: string): JsonObject {
  const scope = getAt(definition, scopeSegments(scopeId));
  if (!isObject(scope)) throw new Error(`no scope at "${scopeId}"`);
  return scope;
}

function stateOf(definition: Definition, scopeId: string, name: string): JsonObject {
  const state = statesOf(scopeOf(definition, scopeId))[name];
  if (!isObject(state)) throw new Error(`no state "${name}" in scope "${scopeId}"`);
  return state;
}

/** Replaces the `States` map of a scope, keeping the scope's key order. */
function withStates(definition: Definition, scopeId: string, states: JsonObject): Definition {
  return setAt(definition, [...scopeSegments(scopeId), 'States'], states);
}

/** A name not used in the scope: `base`, else `base 2`, `base 3`, … */
export function uniqueName(definition: Definition, scopeId: string, base: string): string {
  const taken = statesOf(scopeOf(definition, scopeId));
  if (!(base in taken)) return base;
  const stem = base.replace(/ \d+$/, '');
  for (let n = 2; ; n++) if (!(`${stem} ${n}` in taken)) return `${stem} ${n}`;
}

/** Rewrites every transition of one state (Next, Default, Choice rules, Catchers) through `map`. */
function mapTransitions(state: JsonObject, map: (target: string, field: 'Next' | 'Default' | 'Choice' | 'Catch') => string | null): JsonObject {
  let out: JsonObject = state;
  const set = (key: string, value: JsonValue | undefined) => { out = setAt(out, [key], value) as JsonObject; };
  if (typeof state.Next === 'string') {
    const next = map(state.Next, 'Next');
    if (next === null) {
      const { Next: _next, ...rest } = out;
      out = insertAfterType({ ...rest }, 'End', true, state);
    } else if (next !== state.Next) set('Next', next);
  }
  if (typeof state.Default === 'string') {
    const next = map(state.Default, 'Default');
    if (next === null) set('Default', undefined);
    else if (next !== state.Default) set('Default', next);
  }
  for (const key of ['Choices', 'Catch'] as const) {
    const list = state[key];
    if (!Array.isArray(list)) continue;
    let changed = false;
    const mapped = list.flatMap((item) => {
      if (!isObject(item) || typeof item.Next !== 'string') return [item];
      const next = map(item.Next, key === 'Choices' ? 'Choice' : 'Catch');
      if (next === item.Next) return [item];
      changed = true;
      return next === null ? [] : [{ ...item, Next: next }];
    });
    if (changed) set(key, mapped.length > 0 || key === 'Choices' ? mapped : undefined);
  }
  return out;
}

/** Puts `key` where `Next` used to be (keeps the user's order) or at the end. */
function insertAfterType(state: JsonObject, key: string, value: JsonValue, original: JsonObject): JsonObject {
  const keys = Object.keys(original);
  const position = keys.indexOf('Next');
  const out: JsonObject = {};
  let placed = false;
  Object.keys(state).forEach((k, i) => {
    if (!placed && i === position) { out[key] = value; placed = true; }
    if (k !== key) out[k] = state[k];
  });
  if (!placed) out[key] = value;
  return out;
}

/** Sets `Next` on a state, dropping `End` (and vice versa) as ASL requires exactly one. */
function setNext(state: JsonObject, target: string): JsonObject {
  if (state.Type === 'Choice' || state.Type === 'Succeed' || state.Type === 'Fail') return state;
  if ('End' in state) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(state)) {
      if (k === 'End') out.Next = target;
      else if (k !== 'Next') out[k] = v;
    }
    return out;
  }
  return { ...state, Next: target };
}

export function addState(definition: Definition, scopeId: string, name: string, state: JsonObject): Definition {
  const scope = scopeOf(definition, scopeId);
  const states = statesOf(scope);
  if (name in states) throw new Error(`state "${name}" already exists`);
  let next = withStates(definition, scopeId, { ...states, [name]: state });
  if (typeof scope.StartAt !== 'string' || !(scope.StartAt in states)) {
    next = setAt(next, [...scopeSegments(scopeId), 'StartAt'], name);
  }
  return next;
}

/** Inserts a new state on the transition at `field` (a pointer like `/States/A/Next`): A → new → old target. */
export function insertOnEdge(definition: Definition, field: string, name: string, state: JsonObject): Definition {
  const segments = parsePointer(field);
  const scopeId = toPointer(scopeSegmentsOfField(segments));
  const oldTarget = getAt(definition, segments);
  if (typeof oldTarget !== 'string') throw new Error(`no transition at ${field}`);
  const withNew = addState(definition, scopeId, name, setNext(withoutEnd(state), oldTarget));
  return setAt(withNew, segments, name);
}

function withoutEnd(state: JsonObject): JsonObject {
  const { End: _end, ...rest } = state;
  return rest;
}

/** Draws a transition from `source` to `target` in one scope. */
export function connect(definition: Definition, scopeId: string, source: string, target: string, kind: ConnectKind): Definition {
  const state = stateOf(definition, scopeId, source);
  stateOf(definition, scopeId, target);
  let updated: JsonObject;
  switch (kind) {
    case 'next':
      updated = setNext(state, target);
      break;
    case 'default':
      updated = { ...state, Default: target };
      break;
    case 'choice': {
      const rules = Array.isArray(state.Choices) ? state.Choices : [];
      const rule: JsonObject = state.QueryLanguage === 'JSONata' || isJsonataScope(definition, scopeId)
        ? { Condition: '{% true %}', Next: target }
        : { Variable: '$.value', StringEquals: 'value', Next: target };
      updated = { ...state, Choices: [...rules, rule] };
      break;
    }
    case 'catch': {
      const catchers = Array.isArray(state.Catch) ? state.Catch : [];
      updated = { ...state, Catch: [...catchers, { ErrorEquals: ['States.ALL'], Next: target }] };
      break;
    }
  }
  return setAt(definition, stateSegments(scopeId, source), updated);
}

function isJsonataScope(definition: Definition, scopeId: string): boolean {
  // The language is inherited: the nearest enclosing scope or state that names one wins.
  const segments = scopeSegments(scopeId);
  for (let i = segments.length; i >= 0; i--) {
    const node = getAt(definition, segments.slice(0, i));
    if (isObject(node) && (node.QueryLanguage === 'JSONata' || node.QueryLanguage === 'JSONPath')) {
      return node.QueryLanguage === 'JSONata';
    }
  }
  return false;
}

export function isJsonata(definition: Definition, scopeId: string): boolean {
  return isJsonataScope(definition, scopeId);
}

/** Removes the transition stored at `field` (an edge's id). */
export function disconnect(definition: Definition, field: string): Definition {
  const segments = parsePointer(field);
  const last = segments[segments.length - 1];
  if (last === 'Next' && segments.length >= 3 && (segments[segments.length - 3] === 'Choices' || segments[segments.length - 3] === 'Catch')) {
    return setAt(definition, segments.slice(0, -1), undefined); // drop the whole rule / catcher
  }
  if (last === 'Next') {
    const stateSegs = segments.slice(0, -1);
    const state = getAt(definition, stateSegs);
    if (!isObject(state)) return definition;
    return setAt(definition, stateSegs, insertAfterType(withoutKey(state, 'Next'), 'End', true, state));
  }
  return setAt(definition, segments, undefined);
}

function withoutKey(state: JsonObject, key: string): JsonObject {
  const { [key]: _removed, ...rest } = state;
  return rest;
}

/** Removes a state; whatever pointed at it now points at its successor, or ends. */
export function deleteState(definition: Definition, scopeId: string, name: string): Definition {
  const scope = scopeOf(definition, scopeId);
  const states = statesOf(scope);
  const removed = stateOf(definition, scopeId, name);
  const successor = typeof removed.Next === 'string' && removed.Next !== name ? removed.Next : null;
  const rest: JsonObject = {};
  for (const [key, state] of Object.entries(states)) {
    if (key === name) continue;
    rest[key] = isObject(state) ? mapTransitions(state, (target) => (target === name ? successor : target)) : state;
  }
  let next = withStates(definition, scopeId, rest);
  if (scope.StartAt === name) {
    const start = successor ?? Object.keys(rest)[0];
    next = setAt(next, [...scopeSegments(scopeId), 'StartAt'], start ?? undefined);
  }
  return next;
}

/** Renames a state in place (same position in `States`) and every reference to it in its scope. */
export function renameState(definition: Definition, scopeId: string, from: string, to: string): Definition {
  if (from === to) return definition;
  const scope = scopeOf(definition, scopeId);
  const states = statesOf(scope);
  if (!to.trim()) throw new Error('a state name cannot be empty');
  if (to in states) throw new Error(`state "${to}" already exists`);
  if (to.length > 80) throw new Error('a state name has at most 80 characters');
  const renamed: JsonObject = {};
  for (const [key, state] of Object.entries(states)) {
    const updated = isObject(state) ? mapTransitions(state, (target) => (target === from ? to : target)) : state;
    renamed[key === from ? to : key] = updated;
  }
  let next = withStates(definition, scopeId, renamed);
  if (scope.StartAt === from) next = setAt(next, [...scopeSegments(scopeId), 'StartAt'], to);
  return next;
}

/** Copies a state next to the original; the copy ends (no transitions of its own to surprise anyone). */
export function duplicateState(definition: Definition, scopeId: string, name: string): { definition: Definition; name: string } {
  const original = stateOf(definition, scopeId, name);
  const copyName = uniqueName(definition, scopeId, `${name} copy`);
  const states = statesOf(scopeOf(definition, scopeId));
  const reordered: JsonObject = {};
  for (const [key, value] of Object.entries(states)) {
    reordered[key] = value;
    if (key === name) reordered[copyName] = original;
  }
  return { definition: withStates(definition, scopeId, reordered), name: copyName };
}

/**
 * Moves a state into another scope (into a Parallel branch or a Map processor, or back out).
 * Transitions cannot cross scopes in ASL, so links on both sides are cut: the old scope reconnects
 * around the state, and the moved state ends in its new scope.
 */
export function moveState(definition: Definition, fromScope: string, name: string, toScope: string): { definition: Definition; name: string } {
  if (fromScope === toScope) return { definition, name };
  const selfId = stateId(fromScope, name);
  if (toScope === selfId || toScope.startsWith(selfId + '/')) throw new Error('a state cannot move inside itself');
  const state = stateOf(definition, fromScope, name);
  let next = deleteState(definition, fromScope, name);
  const target = uniqueName(next, toScope, name);
  let moved = mapTransitions(state, () => null);
  if (moved.Type !== 'Choice' && moved.Type !== 'Succeed' && moved.Type !== 'Fail' && !('End' in moved)) moved = { ...moved, End: true };
  next = addState(next, toScope, target, moved);
  return { definition: next, name: target };
}

/** Replaces one state's object (the inspector's edits). */
export function replaceState(definition: Definition, scopeId: string, name: string, state: JsonObject): Definition {
  stateOf(definition, scopeId, name);
  return setAt(definition, stateSegments(scopeId, name), state);
}

/** Sets (or with undefined removes) one field by pointer. */
export function setField(definition: Definition, pointer: string, value: JsonValue | undefined): Definition {
  return setAt(definition, parsePointer(pointer), value);
}

/** All scope ids in a definition, root first — used by the inspector's "move to" choices. */
export function listScopes(definition: Definition): { id: string; label: string }[] {
  const out: { id: string; label: string }[] = [{ id: '', label: 'Top level' }];
  const walk = (scope: unknown, scopeId: string, trail: string) => {
    for (const [name, state] of Object.entries(statesOf(scope))) {
      for (const child of childScopesOf(state)) {
        const id = `${stateId(scopeId, name)}/${child.segments.join('/')}`;
        const label = `${trail}${name} › ${child.label}`;
        out.push({ id, label });
        walk(child.scope, id, label + ' › ');
      }
    }
  };
  walk(definition, '', '');
  return out;
}
