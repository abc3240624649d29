/**
 * The replay model against every history AWS recorded in the conformance corpus: it imports,
 * the end position has AWS's final status and output, and at every position every state's
 * status obeys the rules a reader of the history would apply by hand.
 */
import { describe, expect, it } from 'vitest';
import { importHistory, type DebugEvent } from '../../src/debugger/history-import';
import { ReplayCursor, ReplayModel, type StateStatus, type Visit } from '../../src/debugger/replay';
import { enteredStateType, isAttemptStart, isExited, isStateFailure } from '../../src/debugger/event-types';
import { loadRecordedCase, loadRecordedCases } from './conformance-histories';

const cases = loadRecordedCases().filter((c) => c.expected.history !== null);

/** What a visit's status must be after `position` events, read straight off the visit's events. */
function expectedVisitStatus(model: ReplayModel, visit: Visit, position: number): StateStatus[] {
  const events = model.events;
  const seen = visit.events.filter((e) => e < position);
  if (seen.length === 0) return ['not-started'];
  if (visit.type === 'Fail') return ['failed'];
  const types = seen.map((e) => events[e].type);
  const allTypes = visit.events.map((e) => events[e].type);
  const failureRetriedLater = (k: number) => allTypes.slice(k + 1).some((t) => isAttemptStart(t) || t === 'MapStateStarted' || t === 'ParallelStateStarted');
  const lastFailure = allTypes.reduce((found, t, k) => (isStateFailure(t) ? k : found), -1);
  const caught = lastFailure >= 0 && !failureRetriedLater(lastFailure) && visit.exited >= 0;
  if (types.some(isExited)) return [caught ? 'caught' : 'succeeded'];
  if (types.some((t) => /StateAborted$/.test(t))) return ['aborted'];
  const k = types.length - 1;
  if (isStateFailure(types[k])) return [failureRetriedLater(k) ? 'retried' : caught ? 'caught' : 'failed'];
  // Still inside the visit: running, unless its iteration/branch/execution already ended.
  const closing = visit.changes[visit.changes.length - 1];
  if ((closing.status === 'aborted' || closing.status === 'failed') && closing.at < position && closing.at > seen[seen.length - 1]) {
    return ['aborted', 'failed'];
  }
  return ['running'];
}

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

    // Attribution: every state event sits in a visit of the state it names, inside that state's scope.
    for (const visit of model.visits) {
      expect(model.stateInfo(visit.stateId), `${visit.stateId} is a state of the definition`).toBeDefined();
      for (const e of visit.events) {
        const d = model.events[e].details;
        if (enteredStateType(model.events[e].type) || isExited(model.events[e].type)) expect(d.name).toBe(visit.name);
      }
    }
    // No state is left running or waiting for a retry once the execution has ended.
    const cursor = new ReplayCursor(model);
    cursor.seek(n);
    for (const [id, status] of cursor.statuses()) expect(['running', 'retried'], id).not.toContain(status);

    // Every position: each visit's status follows from its events; the cursor agrees with the per-thread view.
    for (let position = 0; position <= n; position++) {
      for (const visit of model.visits) {
        const actual = model.visitStatusAt(visit, position);
        expect(expectedVisitStatus(model, visit, position), `${visit.stateId} (visit ${visit.index}) at ${position}`).toContain(actual);
      }
      cursor.seek(position);
      expect(cursor.statuses()).toEqual(aggregateByThreads(model, position));
    }
    // Backwards scrubbing lands on the same states as forwards.
    const forward = new ReplayCursor(model, Math.floor(n / 2)).statuses();
    cursor.seek(n);
    cursor.seek(Math.floor(n / 2));
    expect(cursor.statuses()).toEqual(forward);
    cursor.seek(0);
    expect(cursor.statuses().size).toBe(0);
    expect(cursor.takenTransitions().size).toBe(0);
  });
});

/** The graph's status of each state, recomputed from scratch: the worst of its threads' latest visits. */
function aggregateByThreads(model: ReplayModel, position: number): Map<string, StateStatus> {
  const order: StateStatus[] = ['running', 'retried', 'failed', 'caught', 'aborted', 'succeeded'];
  const byState = new Map<string, StateStatus[]>();
  for (const thread of model.threads) {
    for (const [id, status] of model.threadStatuses(thread.index, position)) {
      byState.set(id, [...(byState.get(id) ?? []), status]);
    }
  }
  const result = new Map<string, StateStatus>();
  for (const id of model.stateIds) {
    const statuses = byState.get(id);
    if (statuses) result.set(id, order.find((s) => statuses.includes(s))!);
  }
  return result;
}

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
