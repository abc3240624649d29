import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../src/model/asl';
import { addFromTemplate, deleteSelection, duplicateSelection, insertFromTemplate, renameSelected, splitStateId } from '../src/model/actions';
import { renameState } from '../src/model/ops';
import { StudioStore } from '../src/model/store';

const machine = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } } };
const makeStore = () => {
  let now = 0;
  const store = new StudioStore(machine, 'm.asl.json', () => (now += 5000));
  return store;
};
const states = (store: StudioStore) => (store.document.definition as JsonObject).States as Record<string, JsonObject>;

describe('text ⇄ graph', () => {
  it('a valid text edit becomes the definition, keeping the text as typed', () => {
    const store = makeStore();
    const text = '{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}';
    store.setText(text);
    expect(store.document.definition).toEqual({ StartAt: 'X', States: { X: { Type: 'Succeed' } } });
    expect(store.text).toBe(text);
  });

  it('invalid text is a draft: the graph keeps the last valid definition and a diagnostic shows', () => {
    const store = makeStore();
    const before = store.document.definition;
    store.setText('{ "StartAt": ');
    expect(store.document.definition).toBe(before);
    expect(store.getState().draft).toBe('{ "StartAt": ');
    expect(store.getState().diagnostics[0].severity).toBe('ERROR');
    store.undo();
    expect(store.getState().draft).toBeUndefined();
    expect(store.getState().diagnostics).toEqual([]);
  });

  it('a graph edit rewrites the text in the indentation the user chose', () => {
    const store = makeStore();
    store.setText(JSON.stringify(machine, null, 4));
    store.edit((d) => renameState(d, '', 'B', 'Done'));
    expect(store.text).toContain('\n    "StartAt"');
    expect(store.text).toContain('"Next": "Done"');
  });
});

describe('undo/redo', () => {
  it('walks every edit back and forth', () => {
    const store = makeStore();
    store.edit((d) => renameState(d, '', 'A', 'First'));
    store.edit((d) => renameState(d, '', 'B', 'Last'));
    expect(Object.keys(states(store))).toEqual(['First', 'Last']);
    store.undo();
    expect(Object.keys(states(store))).toEqual(['First', 'B']);
    store.undo();
    expect(Object.keys(states(store))).toEqual(['A', 'B']);
    store.redo();
    store.redo();
    expect(Object.keys(states(store))).toEqual(['First', 'Last']);
  });

  it('typing in one field within a second is one step', () => {
    let now = 0;
    const store = new StudioStore(machine, 'm', () => (now += 100));
    for (const comment of ['h', 'he', 'hey']) store.edit((d) => ({ ...(d as JsonObject), Comment: comment }), 'field:Comment');
    expect((store.document.definition as JsonObject).Comment).toBe('hey');
    store.undo();
    expect((store.document.definition as JsonObject).Comment).toBeUndefined();
  });

  it('a failing edit leaves the document alone and says why', () => {
    const store = makeStore();
    const before = store.getState().history;
    expect(store.edit((d) => renameState(d, '', 'A', 'B'))).toBe(false);
    expect(store.getState().history).toBe(before);
    expect(store.getState().notice?.message).toMatch(/already exists/);
  });
});

describe('actions', () => {
  it('palette add selects the new state; delete removes it and clears the selection', () => {
    const store = makeStore();
    const id = addFromTemplate(store, 'wait', '')!;
    expect(id).toBe('/States/Wait');
    expect(store.getState().selection).toEqual({ kind: 'state', id });
    deleteSelection(store);
    expect(Object.keys(states(store))).toEqual(['A', 'B']);
    expect(store.getState().selection).toBeNull();
  });

  it('dropping on an edge inserts the state on that transition', () => {
    const store = makeStore();
    insertFromTemplate(store, 'lambda', '/States/A/Next');
    expect(states(store).A.Next).toBe('Invoke function');
    expect(states(store)['Invoke function'].Next).toBe('B');
  });

  it('duplicate and rename act on the selection', () => {
    const store = makeStore();
    store.select({ kind: 'state', id: '/States/A' });
    duplicateSelection(store);
    expect(store.getState().selection).toEqual({ kind: 'state', id: '/States/A copy' });
    expect(renameSelected(store, 'Copy of A')).toBe(true);
    expect(Object.keys(states(store))).toEqual(['A', 'Copy of A', 'B']);
    expect(splitStateId('/States/P/Branches/0/States/a~1b')).toEqual({ scopeId: '/States/P/Branches/0', name: 'a/b' });
  });

  it('deleting a selected transition disconnects it', () => {
    const store = makeStore();
    store.select({ kind: 'edge', id: '/States/A/Next' });
    deleteSelection(store);
    expect(states(store).A).toEqual({ Type: 'Pass', End: true });
  });
});

it('undoing the addition of the selected state clears the selection', () => {
  const store = makeStore();
  addFromTemplate(store, 'pass', '');
  expect(store.getState().selection).toEqual({ kind: 'state', id: '/States/Pass' });
  store.undo();
  expect(store.getState().selection).toBeNull();
  store.redo();
  expect(Object.keys(states(store))).toEqual(['A', 'B', 'Pass']);
});
