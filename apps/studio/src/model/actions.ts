/**
 * The studio's user-level actions (palette add, delete selection, duplicate, rename…), each one
 * an edit operation plus what the user expects next (usually: the new thing is selected).
 */
import type { JsonValue } from './asl';
import { effectiveQueryLanguage, isObject } from './asl';
import { deleteState, disconnect, duplicateState, insertOnEdge, isJsonata, renameState, addState, uniqueName } from './ops';
import { getAt, parsePointer, stateId, toPointer } from './pointer';
import type { StudioStore } from './store';
import { templateById } from './templates';

/** `/States/A` → scope `` and name `A`; nested ids work the same way. */
export function splitStateId(id: string): { scopeId: string; name: string } {
  const segments = parsePointer(id);
  return { scopeId: toPointer(segments.slice(0, -2)), name: segments[segments.length - 1] };
}

function languageOf(definition: JsonValue, scopeId: string) {
  return isJsonata(definition, scopeId) ? 'JSONata' : 'JSONPath';
}

export function addFromTemplate(store: StudioStore, templateId: string, scopeId: string): string | undefined {
  const template = templateById(templateId);
  if (!template) return undefined;
  let id: string | undefined;
  store.edit((d) => {
    const name = uniqueName(d, scopeId, template.name);
    id = stateId(scopeId, name);
    return addState(d, scopeId, name, template.build(languageOf(d, scopeId)));
  });
  if (id) store.select({ kind: 'state', id });
  return id;
}

/** Inserts a template on a transition (`field` is the edge id, e.g. `/States/A/Next`). */
export function insertFromTemplate(store: StudioStore, templateId: string, field: string): string | undefined {
  const template = templateById(templateId);
  if (!template) return undefined;
  const segments = parsePointer(field);
  const nested = segments[segments.length - 3] === 'Choices' || segments[segments.length - 3] === 'Catch';
  const scopeId = toPointer(segments.slice(0, segments.length - (nested ? 4 : 2) - 1));
  let id: string | undefined;
  const ok = store.edit((d) => {
    const name = uniqueName(d, scopeId, template.name);
    id = stateId(scopeId, name);
    return insertOnEdge(d, field, name, template.build(languageOf(d, scopeId)));
  });
  if (ok && id) store.select({ kind: 'state', id });
  return ok ? id : undefined;
}

export function deleteSelection(store: StudioStore): void {
  const selection = store.getState().selection;
  if (!selection) return;
  if (selection.kind === 'edge') {
    store.edit((d) => disconnect(d, selection.id));
  } else {
    const { scopeId, name } = splitStateId(selection.id);
    store.edit((d) => deleteState(d, scopeId, name));
  }
  store.select(null);
}

export function duplicateSelection(store: StudioStore): void {
  const selection = store.getState().selection;
  if (selection?.kind !== 'state') return;
  const { scopeId, name } = splitStateId(selection.id);
  let copy: string | undefined;
  store.edit((d) => {
    const result = duplicateState(d, scopeId, name);
    copy = result.name;
    return result.definition;
  });
  if (copy) store.select({ kind: 'state', id: stateId(scopeId, copy) });
}

export function renameSelected(store: StudioStore, to: string): boolean {
  const selection = store.getState().selection;
  if (selection?.kind !== 'state') return false;
  const { scopeId, name } = splitStateId(selection.id);
  if (to === name) return true;
  const ok = store.edit((d) => renameState(d, scopeId, name, to));
  if (ok) store.select({ kind: 'state', id: stateId(scopeId, to) });
  return ok;
}

/** The state the selection points at, with its scope, name and query language. */
export function selectedState(store: StudioStore) {
  const selection = store.getState().selection;
  if (selection?.kind !== 'state') return undefined;
  const definition = store.document.definition;
  const state = getAt(definition, parsePointer(selection.id));
  if (!isObject(state)) return undefined;
  const { scopeId, name } = splitStateId(selection.id);
  const inherited = languageOf(definition, scopeId);
  return { id: selection.id, scopeId, name, state, language: effectiveQueryLanguage(state, inherited) };
}
