import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../src/model/asl';
import { buildGraph } from '../src/model/graph';
import {
  addState, connect, deleteState, disconnect, duplicateState, insertOnEdge, listScopes, moveState, renameState, setField, uniqueName,
} from '../src/model/ops';
import { EXAMPLES } from '../src/model/examples';

const machine = (): JsonObject => ({
  Comment: 'test',
  StartAt: 'A',
  States: {
    A: { Type: 'Pass', Next: 'B' },
    B: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'C' }], Default: 'D' },
    C: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'D' }], Next: 'D' },
    D: { Type: 'Succeed' },
  },
});
const parallel = (): JsonObject => ({
  StartAt: 'P',
  States: {
    P: { Type: 'Parallel', Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', End: true } } }], Next: 'Z' },
    Z: { Type: 'Succeed' },
  },
});
const states = (d: unknown) => (d as JsonObject).States as Record<string, JsonObject>;

describe('addState', () => {
  it('adds at the end of States and becomes StartAt of an empty scope', () => {
    const d = addState({ StartAt: '', States: {} }, '', 'New', { Type: 'Pass', End: true });
    expect(d).toEqual({ StartAt: 'New', States: { New: { Type: 'Pass', End: true } } });
  });
  it('refuses a taken name', () => {
    expect(() => addState(machine(), '', 'A', { Type: 'Pass', End: true })).toThrow(/exists/);
  });
  it('adds inside a Parallel branch', () => {
    const d = addState(parallel(), '/States/P/Branches/0', 'Y', { Type: 'Pass', End: true });
    expect(Object.keys(states((states(d).P.Branches as JsonObject[])[0]))).toEqual(['X', 'Y']);
  });
});

describe('insertOnEdge', () => {
  it('splices a state into a Next edge', () => {
    const d = insertOnEdge(machine(), '/States/A/Next', 'Between', { Type: 'Wait', Seconds: 1, End: true });
    expect(states(d).A.Next).toBe('Between');
    expect(states(d).Between).toEqual({ Type: 'Wait', Seconds: 1, Next: 'B' });
  });
  it('splices a state into a Choice rule edge', () => {
    const d = insertOnEdge(machine(), '/States/B/Choices/0/Next', 'Log', { Type: 'Pass', End: true });
    expect((states(d).B.Choices as JsonObject[])[0].Next).toBe('Log');
    expect(states(d).Log.Next).toBe('C');
  });
  it('splices inside a nested scope', () => {
    const base = addState(parallel(), '/States/P/Branches/0', 'Y', { Type: 'Pass', End: true });
    const linked = connect(base, '/States/P/Branches/0', 'X', 'Y', 'next');
    const d = insertOnEdge(linked, '/States/P/Branches/0/States/X/Next', 'M', { Type: 'Pass', End: true });
    const branch = (states(d).P.Branches as JsonObject[])[0];
    expect(states(branch).X.Next).toBe('M');
    expect(states(branch).M).toEqual({ Type: 'Pass', Next: 'Y' });
  });
});

describe('connect', () => {
  it('next replaces End in place', () => {
    const d = connect({ StartAt: 'A', States: { A: { Type: 'Pass', End: true, Comment: 'c' }, B: { Type: 'Succeed' } } }, '', 'A', 'B', 'next');
    expect(JSON.stringify(states(d).A)).toBe('{"Type":"Pass","Next":"B","Comment":"c"}');
  });
  it('choice adds a rule, default sets Default, catch adds a catcher', () => {
    let d = connect(machine(), '', 'B', 'A', 'choice');
    expect((states(d).B.Choices as JsonObject[]).map((r) => r.Next)).toEqual(['C', 'A']);
    d = connect(d, '', 'B', 'C', 'default');
    expect(states(d).B.Default).toBe('C');
    d = connect(d, '', 'A', 'D', 'catch');
    expect(states(d).A.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'D' }]);
  });
  it('a rule added in a JSONata machine uses Condition', () => {
    const d = connect({ QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [] }, E: { Type: 'Succeed' } } }, '', 'C', 'E', 'choice');
    expect(states(d).C.Choices).toEqual([{ Condition: '{% true %}', Next: 'E' }]);
  });
  it('refuses unknown targets', () => {
    expect(() => connect(machine(), '', 'A', 'Nope', 'next')).toThrow();
  });
});

describe('disconnect', () => {
  it('a Next edge becomes End', () => {
    expect(states(disconnect(machine(), '/States/A/Next')).A).toEqual({ Type: 'Pass', End: true });
  });
  it('a rule or catcher edge removes the rule or catcher', () => {
    expect(states(disconnect(machine(), '/States/B/Choices/0/Next')).B.Choices).toEqual([]);
    expect(states(disconnect(machine(), '/States/C/Catch/0/Next')).C.Catch).toEqual([]);
  });
  it('a Default edge removes Default', () => {
    expect('Default' in states(disconnect(machine(), '/States/B/Default')).B).toBe(false);
  });
});

describe('deleteState', () => {
  it('reconnects predecessors to the successor', () => {
    const d = deleteState(machine(), '', 'C');
    expect((states(d).B.Choices as JsonObject[])[0].Next).toBe('D');
    expect(Object.keys(states(d))).toEqual(['A', 'B', 'D']);
  });
  it('without a successor, Next becomes End and rules pointing at it go', () => {
    const d = deleteState(machine(), '', 'D');
    expect(states(d).C).toEqual({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true });
    expect('Default' in states(d).B).toBe(false);
  });
  it('moves StartAt to the successor', () => {
    expect((deleteState(machine(), '', 'A') as JsonObject).StartAt).toBe('B');
  });
  it('leaves no edge pointing nowhere', () => {
    const d = deleteState(EXAMPLES[0].definition, '', 'Order rejected');
    const g = buildGraph(d);
    const text = JSON.stringify(d);
    expect(text.includes('"Order rejected"')).toBe(false);
    expect(g.edges.every((e) => g.nodeById.has(e.target))).toBe(true);
  });
});

describe('renameState', () => {
  it('keeps the position and follows every reference', () => {
    const d = renameState(machine(), '', 'D', 'Done');
    expect(Object.keys(states(d))).toEqual(['A', 'B', 'C', 'Done']);
    expect(states(d).B.Default).toBe('Done');
    expect((states(d).C.Catch as JsonObject[])[0].Next).toBe('Done');
    expect(states(d).C.Next).toBe('Done');
  });
  it('follows StartAt', () => {
    expect((renameState(machine(), '', 'A', 'First') as JsonObject).StartAt).toBe('First');
  });
  it('refuses a taken or empty name', () => {
    expect(() => renameState(machine(), '', 'A', 'B')).toThrow();
    expect(() => renameState(machine(), '', 'A', ' ')).toThrow();
  });
  it('renames inside a branch without touching the outer scope', () => {
    const d = renameState(parallel(), '/States/P/Branches/0', 'X', 'Z');
    const branch = (states(d).P.Branches as JsonObject[])[0];
    expect(branch.StartAt).toBe('Z');
    expect(states(d).Z).toEqual({ Type: 'Succeed' });
  });
});

describe('duplicateState', () => {
  it('copies next to the original under a fresh name', () => {
    const { definition, name } = duplicateState(machine(), '', 'A');
    expect(name).toBe('A copy');
    expect(Object.keys(states(definition))).toEqual(['A', 'A copy', 'B', 'C', 'D']);
    expect(states(definition)['A copy']).toEqual(states(definition).A);
    expect(duplicateState(definition, '', 'A').name).toBe('A copy 2');
  });
});

describe('moveState', () => {
  it('moves a state into a branch, cutting cross-scope links', () => {
    const { definition, name } = moveState(parallel(), '', 'Z', '/States/P/Branches/0');
    expect(name).toBe('Z');
    expect(Object.keys(states(definition))).toEqual(['P']);
    expect(states(definition).P.End).toBe(true);
    const branch = (states(definition).P.Branches as JsonObject[])[0];
    expect(Object.keys(states(branch))).toEqual(['X', 'Z']);
  });
  it('moves a state out of a branch and renames on collision', () => {
    const base = addState(parallel(), '/States/P/Branches/0', 'Z', { Type: 'Pass', End: true });
    const { definition, name } = moveState(base, '/States/P/Branches/0', 'Z', '');
    expect(name).toBe('Z 2');
    expect(states(definition)['Z 2']).toEqual({ Type: 'Pass', End: true });
  });
  it('refuses to move a container into itself', () => {
    expect(() => moveState(parallel(), '', 'P', '/States/P/Branches/0')).toThrow();
  });
});

describe('helpers', () => {
  it('uniqueName, setField and listScopes', () => {
    expect(uniqueName(machine(), '', 'A')).toBe('A 2');
    expect(states(setField(machine(), '/States/A/Comment', 'hi')).A.Comment).toBe('hi');
    expect(listScopes(parallel()).map((s) => s.id)).toEqual(['', '/States/P/Branches/0']);
  });
  it('edits keep untouched states identical (structural sharing)', () => {
    const before = machine();
    const after = renameState(before, '', 'A', 'A1');
    expect(states(after).D).toBe(states(before).D);
  });
});
