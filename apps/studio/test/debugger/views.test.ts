/** The views beside the graph: events table, Gantt rows, run comparison, coverage, data flow, the runs store. */
import { describe, expect, it } from 'vitest';
import { Engine, type Json } from '@stepwise/engine';
import { importHistory } from '../../src/debugger/history-import';
import { ReplayModel } from '../../src/debugger/replay';
import { buildEventsTable } from '../../src/debugger/events-table';
import { buildGantt } from '../../src/debugger/gantt';
import { compareRuns } from '../../src/debugger/compare';
import { computeCoverage } from '../../src/debugger/coverage';
import { dataFlowOf } from '../../src/debugger/dataflow-view';
import { LocalStorageRunsStore, MemoryRunsStore, summarizeHistory, type KeyValueStorage, type RunRecord } from '../../src/debugger/runs-store';
import { loadRecordedCase } from './conformance-histories';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:work';
const definition = {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' }], Default: 'Small' },
    Big: {
      Type: 'Task', Resource: LAMBDA, Parameters: { 'value.$': '$.n' }, ResultSelector: { 'doubled.$': '$.r' }, ResultPath: '$.out',
      Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 3 }], Next: 'Done',
    },
    Small: { Type: 'Pass', Result: 'small', ResultPath: '$.out', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

async function run(input: Json, failures = 0): Promise<ReplayModel> {
  const engine = new Engine({
    clock: 'virtual', seed: 7, virtualStartTime: Date.UTC(2026, 0, 1),
    tasks: { [LAMBDA]: (i, c) => { if (c.retryCount < failures) throw { error: 'Flaky', cause: 'try again' }; return { r: (i as { value: number }).value * 2 }; } },
  });
  const execution = engine.createMachine(definition as never).start({ input });
  await execution.done;
  return new ReplayModel(importHistory(execution.historyDocument()), { definition });
}

describe('events table', () => {
  it('folds a Task attempt into one row and a state visit into one row', async () => {
    const model = await run({ n: 20 }, 1);
    const { rows, rowOfEvent } = buildEventsTable(model);
    expect(rows.map((r) => `${r.kind}:${r.title}`)).toEqual([
      'execution:ExecutionStarted', 'state:Check', 'state:Big', 'state:Done', 'execution:ExecutionSucceeded',
    ]);
    const big = rows[2];
    expect(big.children.map((c) => `${c.kind}:${c.title}:${c.status ?? ''}`)).toEqual([
      'event:TaskStateEntered:', 'attempt:Attempt 1:failed', 'attempt:Attempt 2:succeeded', 'event:TaskStateExited:',
    ]);
    expect(big.children[1].events.map((e) => model.events[e].type)).toEqual(['LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionFailed']);
    expect(big.durationMs).toBe(2000);
    expect(rowOfEvent[big.events[3]]).toBe(2);
  });

  it('gives Map iterations rows of their own', () => {
    const recorded = loadRecordedCase('scenarios_test_base_scenarios_test_map_state_break_condition');
    const model = new ReplayModel(importHistory({ events: recorded.expected.history }), { definition: recorded.definition });
    const { rows } = buildEventsTable(model);
    const iterations = rows.filter((r) => r.kind === 'iteration');
    expect(iterations.map((r) => `${r.title}:${r.status}`)).toEqual(['Iteration 0:succeeded', 'Iteration 1:succeeded', 'Iteration 2:succeeded', 'Iteration 3:succeeded', 'Iteration 4:failed']);
    expect(rows.filter((r) => r.kind === 'state' && r.stateName === 'Pass').every((r) => r.depth === 1)).toBe(true);
    // Every event is in some row.
    expect(buildEventsTable(model).rowOfEvent.every((r) => r >= 0)).toBe(true);
  });
});

describe('Gantt', () => {
  it('draws attempts and the back-off between them in virtual time', async () => {
    const model = await run({ n: 20 }, 2);
    const chart = buildGantt(model);
    expect(chart.axis).toBe('time');
    const big = chart.bars.find((b) => b.name === 'Big')!;
    expect(big.retries).toBe(2);
    expect(big.segments.map((s) => `${s.kind}:${s.end - s.start}`)).toEqual(['attempt:0', 'backoff:2000', 'attempt:0', 'backoff:6000', 'attempt:0']);
    expect(big.end - big.start).toBe(8000);
    expect(big.status).toBe('succeeded');
  });

  it('falls back to event order when timestamps are unreadable', () => {
    const recorded = loadRecordedCase('scenarios_test_base_scenarios_test_map_state_break_condition');
    const chart = buildGantt(new ReplayModel(importHistory({ events: recorded.expected.history }), { definition: recorded.definition }));
    expect(chart.axis).toBe('events');
    expect(chart.bars.find((b) => b.name === 'Break')).toMatchObject({ lane: 'MapState[4]', status: 'failed', depth: 1 });
  });
});

describe('comparing runs', () => {
  it('marks the first state where two runs part', async () => {
    const small = await run({ n: 1 });
    const big = await run({ n: 20 });
    const result = compareRuns(small, big);
    expect(result.left.map((s) => s.name)).toEqual(['Check', 'Small', 'Done']);
    expect(result.right.map((s) => s.name)).toEqual(['Check', 'Big', 'Done']);
    expect(result.divergence).toMatchObject({ reason: 'output', ordinal: 0 });
    // Check passes its input through: the inputs differ, so its output already does.
    const sameInputShape = compareRuns(await run({ n: 1, m: 1 }), await run({ n: 1, m: 1 }));
    expect(sameInputShape.divergence).toBeUndefined();
    expect(sameInputShape.sameOutcome).toBe(true);
  });

  it('reports a different state taken', async () => {
    const a = await run({ n: 20 }, 0);
    const model = await run({ n: 20 }, 4);
    const result = compareRuns(a, model);
    expect(result.divergence).toMatchObject({ reason: 'status', left: 1, right: 1 });
    expect(result.divergence!.message).toMatch(/Big succeeded in the first run, failed in the second/);
  });
});

describe('coverage', () => {
  it('counts states and edges taken across runs and lists the ones never taken', async () => {
    const runs = [await run({ n: 1 }), await run({ n: 2 })];
    const partial = computeCoverage(runs, definition);
    expect(partial.states.get('/States/Small')).toEqual({ count: 2, runs: 2 });
    expect(partial.missedStates).toEqual(['/States/Big']);
    expect(partial.missedEdges.sort()).toEqual(['/States/Big/Next', '/States/Check/Choices/0/Next']);
    expect(partial.transitions.get('/States/Check/Default')).toMatchObject({ count: 2, runs: 2, kind: 'default' });
    const full = computeCoverage([...runs, await run({ n: 20 })], definition);
    expect(full.missedStates).toEqual([]);
    expect(full.missedEdges).toEqual([]);
    expect(full.edgeRatio).toBe(1);
  });
});

describe('data flow of a state', () => {
  it('recomputes InputPath → Parameters → ResultSelector → ResultPath → OutputPath and matches the record', async () => {
    const model = await run({ n: 20 });
    const view = dataFlowOf(model, model.visitsOf('/States/Big')[0]);
    expect(view.steps.map((s) => s.field)).toEqual(['Input', 'InputPath', 'Parameters', 'Result', 'ResultSelector', 'ResultPath', 'OutputPath']);
    expect(view.steps.find((s) => s.field === 'Parameters')).toMatchObject({ value: { value: 20 }, recorded: { value: 20 } });
    expect(view.steps.find((s) => s.field === 'ResultSelector')!.value).toEqual({ doubled: 40 });
    expect(view.steps.at(-1)!.value).toEqual({ n: 20, out: { doubled: 40 } });
    expect(view.matchesRecorded).toBe(true);
  });
});

describe('runs store', () => {
  const record = async (name: string, input: Json): Promise<RunRecord> => {
    const model = await run(input);
    const events = model.events.map((e) => ({ ...e }));
    return { id: name, name, origin: 'studio', ...summarizeHistory(events), events, definition };
  };

  it('summarises a history', async () => {
    const r = await record('a', { n: 20 });
    expect(r).toMatchObject({ status: 'SUCCEEDED', startTime: '2026-01-01T00:00:00.000Z', durationMs: 0 });
  });

  it.each([
    ['memory', () => new MemoryRunsStore()],
    ['localStorage', () => new LocalStorageRunsStore(fakeStorage())],
  ])('%s: keeps, lists, loads and deletes runs', async (_name, make) => {
    const store = make();
    await store.put(await record('a', { n: 1 }));
    await store.put({ ...(await record('b', { n: 20 })), startTime: '2026-02-01T00:00:00.000Z' });
    expect((await store.list()).map((r) => r.id)).toEqual(['b', 'a']);
    expect((await store.list())[0]).not.toHaveProperty('events');
    const b = await store.get('b');
    expect(b!.events.length).toBeGreaterThan(3);
    expect(b!.definition).toEqual(definition);
    await store.delete('b');
    expect((await store.list()).map((r) => r.id)).toEqual(['a']);
    await store.clear();
    expect(await store.list()).toEqual([]);
  });

  it('localStorage: a full quota is a clear error, and the list survives', async () => {
    const storage = fakeStorage(2000);
    const store = new LocalStorageRunsStore(storage);
    await expect(store.put(await record('big', { n: 20 }))).rejects.toThrow(/does not fit in the browser's storage/);
    expect(await store.list()).toEqual([]);
  });
});

function fakeStorage(quota = Infinity): KeyValueStorage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (v.length > quota) throw new Error('QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
  };
}
