/**
 * The replay model against every history AWS recorded in the conformance corpus: it imports,
 * the end position has AWS's final status and output, and at every position every state's
 * status obeys the rules a reader of the history would apply by hand.
 */
import { describe, expect, it } from 'vitest';
import { importHistory, type DebugEvent } from '../../src/debugger/history-import';
import { ReplayCursor, ReplayModel } from '../../src/debugger/replay';
import { checkReplayInvariants } from './invariants';
import { buildGraph } from '../../src/model/graph';
import { loadRecordedCase, loadRecordedCases } from './conformance-histories';

const cases = loadRecordedCases().filter((c) => c.expected.history !== null);

function parse(text: unknown): unknown {
  return typeof text === 'string' ? JSON.parse(text) : text;
}

describe('replay of the histories AWS recorded', () => {
  it('the corpus has histories to test', () => {
    expect(cases.length).toBeGreaterThan(300);
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s', (_file, recorded) => {
    const history = importHistory({ events: recorded.expected.history });
    const model = new ReplayModel(history, { definition: recorded.definition });
    expect(model.warnings).toEqual([]);
    const n = model.length;

    // The end: AWS's final status and result.
    const end = model.executionAt(n);
    expect(end.status).toBe(recorded.expected.status);
    if (recorded.expected.status === 'SUCCEEDED') expect(parse(end.output)).toEqual(recorded.expected.output);
    else {
      if (recorded.expected.error !== undefined) expect(end.error).toBe(recorded.expected.error);
      if (recorded.expected.cause !== undefined) expect(end.cause).toBe(recorded.expected.cause);
    }
    expect(model.executionAt(n - 1).status).toBe('RUNNING');

    // Every state the history names is a state of the definition, in the right scope.
    for (const visit of model.visits) expect(model.stateInfo(visit.stateId), `${visit.stateId} is a state of the definition`).toBeDefined();
    const cursor = checkReplayInvariants(model);
    // Every transition taken is an edge of the studio's graph of the definition.
    const definitionEdges = new Set(buildGraph(recorded.definition).edges.map((e) => e.id));
    for (const t of model.transitions) expect(definitionEdges.has(t.edgeId ?? ''), `${t.key} (${t.kind})`).toBe(true);

    // Without the definition the graph is rebuilt from the history, and the states end the same.
    const bare = new ReplayModel(history);
    expect(bare.warnings).toEqual([]);
    const byName = (m: ReplayModel, statuses: Map<string, string>) =>
      Object.fromEntries([...statuses].map(([id, s]) => [m.visits.find((v) => v.stateId === id)!.name, s]));
    expect(byName(bare, new ReplayCursor(bare, n).statuses())).toEqual(byName(model, cursor.statuses()));
    // …and the rebuilt definition draws a graph whose node and edge ids are the ones the replay reports.
    const graph = buildGraph(bare.inferDefinition());
    for (const id of bare.stateIds) expect(graph.nodeById.has(id), id).toBe(true);
    const edgeIds = new Set(graph.edges.map((e) => e.id));
    for (const t of bare.transitions) expect(edgeIds.has(t.edgeId ?? ''), `${t.key} (${t.kind})`).toBe(true);
  });
});

function replayOf(prefix: string) {
  const recorded = loadRecordedCase(prefix);
  const model = new ReplayModel(importHistory({ events: recorded.expected.history }), { definition: recorded.definition });
  return { recorded, model, cursor: new ReplayCursor(model) };
}

/** Position just after the event with this id. */
const after = (model: ReplayModel, id: number) => model.events.findIndex((e: DebugEvent) => e.id === id) + 1;

describe('hand-checked histories', () => {
  it('Retry: a Task failing three times is retried after the 1st and 2nd failure, failed after the 3rd', () => {
    const { model, cursor } = replayOf('credentials_test_credentials_base_test_cross_account_service_lambda_invoke_retry');
    const task = '/States/InvokeLambda';
    cursor.seek(after(model, 4)); // TaskStarted
    expect(cursor.statusOf(task)).toBe('running');
    cursor.seek(after(model, 5)); // 1st TaskFailed
    expect(cursor.statusOf(task)).toBe('retried');
    cursor.seek(after(model, 6)); // scheduled again
    expect(cursor.statusOf(task)).toBe('running');
    cursor.seek(after(model, 8)); // 2nd TaskFailed
    expect(cursor.statusOf(task)).toBe('retried');
    cursor.seek(after(model, 11)); // 3rd TaskFailed: MaxAttempts 2 exhausted
    expect(cursor.statusOf(task)).toBe('failed');
    const [visit] = model.visitsOf(task);
    expect(visit.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(visit.error).toBe('Exception');
    expect(model.executionAt(model.length).status).toBe('FAILED');
  });

  it('Catch: the failed Task is caught, the path takes the Catch edge, the catcher assigns a variable', () => {
    const { model, cursor } = replayOf('assign_test_assign_reference_variables_test_assign_in_catch_state');
    cursor.seek(after(model, 5)); // TaskFailed
    expect(cursor.statusOf('/States/Task')).toBe('caught');
    expect(cursor.statusOf('/States/fallback')).toBe('not-started');
    cursor.seek(after(model, 7)); // fallback entered
    expect(cursor.statusOf('/States/fallback')).toBe('running');
    expect([...cursor.takenTransitions().keys()]).toEqual(['#start', '/States/Task/Catch/0/Next']);
    expect(model.transitionsUntil(model.length).map((t) => t.kind)).toEqual(['start', 'catch', 'end']);
    const variables = model.variablesAt(model.length) as { result: { Error: string } };
    expect(variables.result.Error).toBe('Exception');
    expect(model.variablesAt(after(model, 5))).toEqual({});
  });

  it('Map: iterations replay on their own; the failing iteration shows the Fail state', () => {
    const { model, cursor } = replayOf('scenarios_test_base_scenarios_test_map_state_break_condition');
    const map = model.visits.find((v) => v.name === 'MapState')!;
    const iterations = model.iterationsOf(map.index);
    expect(iterations.map((i) => i.iteration)).toEqual([0, 1, 2, 3, 4]);
    const equals3 = '/States/MapState/ItemProcessor/States/Equals3';
    const pass = '/States/MapState/ItemProcessor/States/Pass';
    const brk = '/States/MapState/ItemProcessor/States/Break';
    // Iteration 1 ("Hello"): halfway through it, Equals3 is done and Pass runs.
    const it1 = iterations[1].thread;
    expect(model.threadStatuses(it1, after(model, 15))).toEqual(new Map([[equals3, 'succeeded'], [pass, 'running']]));
    expect(model.threadStatuses(it1, model.length)).toEqual(new Map([[equals3, 'succeeded'], [pass, 'succeeded']]));
    expect(model.threadStatuses(iterations[4].thread, model.length)).toEqual(new Map([[equals3, 'succeeded'], [brk, 'failed']]));
    // The processor graph aggregates: Pass ran in earlier iterations, Break failed in the last.
    cursor.seek(model.length);
    expect(cursor.statusOf(pass)).toBe('succeeded');
    expect(cursor.statusOf(brk)).toBe('failed');
    expect(cursor.statusOf('/States/MapState')).toBe('failed');
    expect(cursor.statusOf('/States/Final')).toBe('not-started');
    expect(model.threads[iterations[4].thread].outcome).toBe('failed');
    // Inputs of a visit come from its Entered event.
    expect(model.visits.find((v) => v.thread === it1 && v.name === 'Pass')!.input).toBe('"Hello"');
  });

  it('Parallel failure: the branch fails, the Parallel fails, the execution fails with its error', () => {
    const { model, cursor } = replayOf('scenarios_test_base_scenarios_test_parallel_state_fail');
    cursor.seek(after(model, 4));
    expect(cursor.statusOf('/States/ParallelState')).toBe('running');
    expect(cursor.statusOf('/States/ParallelState/Branches/0/States/Branch1')).toBe('failed');
    cursor.seek(model.length);
    expect(cursor.statusOf('/States/ParallelState')).toBe('failed');
    const parallel = model.visits.find((v) => v.name === 'ParallelState')!;
    expect(model.threads[parallel.branches!.get(0)!].outcome).toBe('failed');
    expect(model.executionAt(model.length)).toMatchObject({ status: 'FAILED', error: 'FailureType' });
  });

  it('Parallel caught: the Parallel is caught and the path goes through the Catch edge', () => {
    const { model, cursor } = replayOf('scenarios_test_base_scenarios_test_parallel_state_catch');
    cursor.seek(model.length);
    expect(cursor.statusOf('/States/ParallelState')).toBe('caught');
    expect(cursor.takenTransitions().has('/States/ParallelState/Catch/0/Next')).toBe(true);
    expect(cursor.statusOf('/States/Final')).toBe('not-started');
  });

  it('focus follows the last event; iteration events focus their Map', () => {
    const { model } = replayOf('scenarios_test_base_scenarios_test_map_state_break_condition');
    expect(model.focusAt(0)).toEqual({ thread: 0 });
    expect(model.focusAt(after(model, 2)).stateId).toBe('/States/StartState');
    expect(model.focusAt(after(model, 6)).stateId).toBe('/States/MapState');
    expect(model.focusAt(after(model, 33)).stateId).toBe('/States/MapState/ItemProcessor/States/Break');
    expect(model.nextFailure(0)).toBe(after(model, 34) - 1);
    expect(model.nextFailure(after(model, 34))).toBe(after(model, 35) - 1);
    expect(model.previousFailure(after(model, 34) - 1)).toBe(-1);
    expect(model.previousFailure(model.length)).toBe(model.length - 1);
  });

  it('without the definition, the graph is rebuilt from the history', () => {
    const recorded = loadRecordedCase('scenarios_test_base_scenarios_test_map_state_break_condition');
    const model = new ReplayModel(importHistory({ events: recorded.expected.history }));
    const cursor = new ReplayCursor(model, model.length);
    expect(cursor.statusOf('/States/MapState/ItemProcessor/States/Break')).toBe('failed');
    const inferred = model.inferDefinition() as { StartAt: string; States: Record<string, { Type: string; ItemProcessor?: { StartAt: string } }> };
    expect(inferred.StartAt).toBe('StartState');
    expect(inferred.States.MapState.Type).toBe('Map');
    expect(inferred.States.MapState.ItemProcessor!.StartAt).toBe('Equals3');
  });
});
