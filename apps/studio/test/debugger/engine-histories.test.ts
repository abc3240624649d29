/**
 * Stepwise's own histories: every case of the conformance corpus run on the engine (virtual
 * clock, the corpus's mocked task results), then replayed. The replay must agree with the
 * engine's result and keep every invariant at every position — the debugger reads what the
 * studio's runs produce as well as what AWS recorded.
 */
import { describe, expect, it } from 'vitest';
import { Engine, sequentialResponder, type Json, type MockedResponse } from '@stepwise/engine';
import { importHistory } from '../../src/debugger/history-import';
import { ReplayModel } from '../../src/debugger/replay';
import { compareRuns } from '../../src/debugger/compare';
import { checkReplayInvariants } from './invariants';
import { loadRecordedCases } from './conformance-histories';

const cases = loadRecordedCases();

describe('replay of the engine’s histories for every corpus case', () => {
  it.each(cases.map((c) => [c.file, c] as const))('%s', async (_file, recorded) => {
    const { input, mocks } = recorded as unknown as { input: Json; mocks?: Record<string, MockedResponse[]> };
    const engine = new Engine({ clock: 'virtual', seed: 1, validate: false });
    const execution = engine.createMachine(recorded.definition as never).start({ input, responder: sequentialResponder(mocks ?? {}) });
    const result = await execution.done;
    const model = new ReplayModel(importHistory(execution.historyDocument()), { definition: recorded.definition });
    expect(model.warnings).toEqual([]);
    const end = model.executionAt(model.length);
    expect(end.status).toBe(result.status);
    if (result.status === 'SUCCEEDED') expect(JSON.parse(end.output!)).toEqual(result.output);
    else expect(end.error).toBe(result.error);
    checkReplayInvariants(model);
  });
});

describe('comparing the engine’s run with the run AWS recorded', () => {
  const recordedCases = cases.filter((c) => c.expected.history !== null && !(c as { normalized?: unknown }).normalized);
  it.each(recordedCases.map((c) => [c.file, c] as const))('%s: same path, statuses and outputs', async (_file, recorded) => {
    const { input, mocks } = recorded as unknown as { input: Json; mocks?: Record<string, MockedResponse[]> };
    const engine = new Engine({ clock: 'virtual', seed: 1, validate: false });
    const execution = engine.createMachine(recorded.definition as never).start({ input, responder: sequentialResponder(mocks ?? {}) });
    await execution.done;
    const aws = new ReplayModel(importHistory({ events: recorded.expected.history }), { definition: recorded.definition });
    const stepwise = new ReplayModel(importHistory(execution.historyDocument()), { definition: recorded.definition });
    const comparison = compareRuns(aws, stepwise);
    expect(comparison.divergence?.message).toBeUndefined();
    expect(comparison.sameOutcome).toBe(true);
  });
});
