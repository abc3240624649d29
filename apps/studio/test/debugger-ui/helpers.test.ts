import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importHistory } from '../../src/debugger/history-import';
import { ReplayCursor, ReplayModel } from '../../src/debugger/replay';
import { buildEventsTable } from '../../src/debugger/events-table';
import { drillStatuses, drillTaken, threadLabel, visitForState, visitsOfState } from '../../src/debugger-ui/drill';
import { formatDuration, headLines, prettyJson } from '../../src/debugger-ui/format';
import { buildRun, missingStates } from '../../src/debugger-ui/load-run';
import { formToMockConfig, formToResponses, mockConfigToForm, REPEAT_LAST, taskStatesOf } from '../../src/debugger-ui/mocks';
import { machineNameFromFileName as machineNameOfFile } from '@stepwise/engine';
import { flattenRows, rowWindow, scrollToShow } from '../../src/debugger-ui/rows';
import { buildStartRequest, DEFAULT_SETTINGS } from '../../src/debugger-ui/run-settings';
import { sameMachine } from '../../src/debugger-ui/coverage-runs';
import { toOverlay } from '../../src/debugger-ui/DebugCanvas';

const cases = fileURLToPath(new URL('../../../../test/conformance/cases/', import.meta.url));
const recorded = (file: string) => JSON.parse(readFileSync(cases + file, 'utf8')) as { definition: unknown; expected: { history: unknown[] } };
const MAP = recorded('assign_test_assign_base_test_base_cases_BASE_SCOPE_MAP-613a3b43.json');
const CATCH = recorded('error_handling_test_task_service_lambda_test_raise_exception_catch-6cf1a9f8.json');

const machine = {
  StartAt: 'A',
  States: {
    A: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:a', Next: 'M' },
    M: { Type: 'Map', ItemProcessor: { StartAt: 'B', States: { B: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } } }, End: true },
  },
};

describe('mocks form', () => {
  it('lists every Task state, nested ones included', () => {
    expect(taskStatesOf(machine)).toEqual([
      { name: 'A', resource: 'arn:aws:lambda:us-east-1:1:function:a' },
      { name: 'B', resource: 'arn:aws:states:::sqs:sendMessage' },
    ]);
  });

  it('turns rows into sequential responses whose last one repeats', () => {
    const r = formToResponses({ A: [{ kind: 'throw', error: 'Boom', cause: 'why' }, { kind: 'return', value: '{"ok":1}' }], B: [] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.responses)).toEqual(['A']);
    expect(r.responses.A[0]).toEqual({ Throw: { Error: 'Boom', Cause: 'why' } });
    expect(r.responses.A[1]).toEqual({ Return: { ok: 1 } });
    expect(r.responses.A).toHaveLength(REPEAT_LAST);
    expect(r.responses.A[500]).toBe(r.responses.A[1]);
  });

  it('names the state and response of bad JSON or a nameless error', () => {
    const bad = formToResponses({ A: [{ kind: 'return', value: '{"ok":' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^A, response 1: the return value is not valid JSON/);
    const nameless = formToResponses({ A: [{ kind: 'throw', error: ' ', cause: '' }] });
    if (!nameless.ok) expect(nameless.error).toContain('needs a name');
  });

  it('round-trips through a MockConfigFile, ranges expanded', () => {
    const form = { A: [{ kind: 'return' as const, value: '{\n  "x": 1\n}' }, { kind: 'throw' as const, error: 'E', cause: '' }] };
    const config = formToMockConfig(form, 'M1', 'Happy');
    expect(config.StateMachines?.M1.TestCases?.Happy).toEqual({ A: 'AResponse' });
    const back = mockConfigToForm(config, 'M1');
    expect(back).toEqual({ ok: true, form, machineName: 'M1', testCase: 'Happy' });
    const ranged = mockConfigToForm({ StateMachines: { X: { TestCases: { T: { A: 'R' } } } }, MockedResponses: { R: { '0': { Return: 1 }, '1-2': { Throw: { Error: 'E' } } } } });
    expect(ranged.ok && ranged.form.A.map((r) => r.kind)).toEqual(['return', 'throw', 'throw']);
  });

  it('says what is wrong with a mock configuration', () => {
    expect(mockConfigToForm([])).toMatchObject({ ok: false });
    expect(mockConfigToForm({ StateMachines: { X: { TestCases: { T: { A: 'Nope' } } } } })).toEqual({ ok: false, error: 'Test case "T" names the response "Nope", which "MockedResponses" does not define.' });
  });
});

describe('run settings', () => {
  it('builds the worker request, or says why not', () => {
    const ok = buildStartRequest(machine, { ...DEFAULT_SETTINGS, input: '{"n":1}', mocks: { A: [{ kind: 'return', value: '{}' }] }, name: ' r1 ' });
    expect(ok.ok && ok.request).toMatchObject({ input: { n: 1 }, clock: 'virtual', name: 'r1', mocks: { type: 'responses' } });
    const handlers = buildStartRequest(machine, { ...DEFAULT_SETTINGS, mode: 'handlers', handlers: { a: 'input => input', b: '  ' } });
    expect(handlers.ok && handlers.request.handlers).toEqual({ a: 'input => input' });
    expect(buildStartRequest(machine, { ...DEFAULT_SETTINGS, input: '{' })).toMatchObject({ ok: false, error: expect.stringMatching(/^The input is not valid JSON/) });
  });
});

describe('rows and windows', () => {
  it('windows fixed-height rows with overscan', () => {
    expect(rowWindow(0, 280, 28, 1000, 2)).toEqual({ start: 0, end: 12, offset: 0, total: 28_000 });
    expect(rowWindow(2800, 280, 28, 1000, 2)).toEqual({ start: 98, end: 112, offset: 98 * 28, total: 28_000 });
    expect(rowWindow(0, 280, 28, 3, 2).end).toBe(3);
  });

  it('scrolls only when the row is out of view', () => {
    expect(scrollToShow(5, 0, 280, 28)).toBeUndefined();
    expect(scrollToShow(20, 0, 280, 28)).toBe(21 * 28 - 280);
    expect(scrollToShow(1, 280, 280, 28)).toBe(28);
  });

  it('flattens expanded rows and maps top rows to flat indices', () => {
    const model = new ReplayModel(importHistory({ events: CATCH.expected.history }), { definition: CATCH.definition });
    const table = buildEventsTable(model);
    const collapsed = flattenRows(table.rows, new Set());
    expect(collapsed.flat).toHaveLength(table.rows.length);
    const open = flattenRows(table.rows, new Set([1]));
    expect(open.flat.length).toBe(table.rows.length + table.rows[1].children.length);
    expect(open.flatIndexOfTop[2]).toBe(2 + table.rows[1].children.length);
  });
});

describe('format', () => {
  it('formats durations and payloads', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(NaN)).toBe('—');
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(1500)).toBe('1.50 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('not json')).toBe('not json');
    expect(prettyJson('x'.repeat(30), 10)).toMatch(/^x{10}\n… \(20 more characters\)$/);
    expect(headLines('a\nb\nc\nd', 2)).toEqual({ head: 'a\nb', hidden: 2 });
    expect(headLines('a\nb', 5)).toEqual({ head: 'a\nb', hidden: 0 });
  });
});

describe('definitions for imported histories', () => {
  const history = importHistory({ events: CATCH.expected.history });

  it('uses the open machine only when it names every state the history visits', () => {
    expect(missingStates(history, CATCH.definition)).toEqual([]);
    expect(missingStates(history, machine)).toEqual(['Start', 'EndWithStateTaskFailedHandler']);
    const meta = { id: 'x', name: 'x', origin: 'imported' as const, raw: [] };
    expect(buildRun(history, meta, undefined, 'file', CATCH.definition).definitionSource).toBe('open-machine');
    const rebuilt = buildRun(history, meta, undefined, 'file', machine);
    expect(rebuilt.definitionSource).toBe('rebuilt');
    expect(Object.keys((rebuilt.definition as { States: object }).States)).toEqual(['Start', 'EndWithStateTaskFailedHandler']);
    // The rebuilt graph still gets transitions as edges.
    expect(rebuilt.model.transitions.some((t) => t.edgeId?.endsWith('/Catch/0/Next'))).toBe(true);
  });

  it('compares machines regardless of key order', () => {
    expect(sameMachine({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameMachine({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameMachine(undefined, undefined)).toBe(false);
  });
});

describe('Map drill-down', () => {
  const model = new ReplayModel(importHistory({ events: MAP.expected.history }), { definition: MAP.definition });
  const inner = '/States/State1/ItemProcessor/States/Inner';
  const threadOf = (i: number) => model.iterationsOf(model.visitsOf('/States/State1')[0].index).find((x) => x.iteration === i)!.thread;

  it('shows one iteration\'s statuses and transitions on the Map\'s inner states', () => {
    const cursor = new ReplayCursor(model, 11); // iteration 1 has entered Inner (event 11), not left it
    expect(cursor.statusOf(inner)).toBe('running');
    expect(drillStatuses(model, cursor.statuses(), threadOf(0), 11).get(inner)).toBe('succeeded');
    expect(drillStatuses(model, cursor.statuses(), threadOf(2), 11).has(inner)).toBe(false);
    expect(drillStatuses(model, cursor.statuses(), threadOf(2), 11).get('/States/State0')).toBe('succeeded');
    const taken = drillTaken(model, new Set(cursor.takenTransitions().keys()), threadOf(2), 11);
    expect([...taken].some((k) => k.startsWith('/States/State1/ItemProcessor'))).toBe(false);
    expect(threadLabel(model, threadOf(1))).toBe('State1 › iteration 1');
  });

  it('picks the visit of a state in the drilled thread, else the latest started', () => {
    expect(visitsOfState(model, inner)).toHaveLength(3);
    expect(model.visits[visitForState(model, inner, 12)!].thread).toBe(threadOf(1));
    expect(model.visits[visitForState(model, inner, 12, threadOf(2))!].thread).toBe(threadOf(2));
    expect(visitForState(model, '/States/Nope', 12)).toBeUndefined();
  });

  it('maps replay statuses onto the designer\'s overlay words', () => {
    expect([...toOverlay(new Map([['a', 'retried'], ['b', 'not-started'], ['c', 'caught']]))]).toEqual([['a', 'retrying'], ['c', 'caught']]);
  });
});

describe('run settings storage', () => {
  it('keeps the form per machine, without the execution name, and survives damaged storage', async () => {
    const { loadSettings, saveSettings } = await import('../../src/debugger-ui/run-settings');
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    saveSettings(storage, 'm.asl.json', { ...DEFAULT_SETTINGS, input: '{"a":1}', name: 'once' });
    expect(loadSettings(storage, 'm.asl.json')).toEqual({ ...DEFAULT_SETTINGS, input: '{"a":1}', name: '' });
    expect(loadSettings(storage, 'other.asl.json')).toBe(DEFAULT_SETTINGS);
    data.set('stepwise.debug.settings.bad', '{');
    expect(loadSettings(storage, 'bad')).toBe(DEFAULT_SETTINGS);
    saveSettings({ setItem: () => { throw new Error('full'); } }, 'x', DEFAULT_SETTINGS);
  });
});

describe('machineNameFromFileName (the studio names the MockConfigFile.json export with it)', () => {
  it('names a file as `stepwise run` does, so an exported MockConfigFile.json works there as it is', () => {
    expect(machineNameOfFile('order-processing.asl.json')).toBe('order-processing');
    expect(machineNameOfFile('flow.yaml')).toBe('flow');
    // AWS refuses white space and these characters in a state machine name (CreateStateMachine).
    expect(machineNameOfFile('my flow #2 (v3).asl.yaml')).toBe('my_flow__2_(v3)');
    expect(machineNameOfFile('')).toBe('StateMachine');
    expect(machineNameOfFile('x'.repeat(100) + '.json')).toHaveLength(80);
  });
});
