import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Engine, type ExecutionResult, type HistoryEvent } from '@stepwise/engine';
import { describe, expect, it } from 'vitest';
import { MemoryRunsStore } from '../../src/debugger/runs-store';
import { DebugSession, type Runner } from '../../src/debugger-ui/session';
import type { RunHandle } from '../../src/worker/runner-client';

const cases = fileURLToPath(new URL('../../../../test/conformance/cases/', import.meta.url));
const CATCH = JSON.parse(readFileSync(cases + 'error_handling_test_task_service_lambda_test_raise_exception_catch-6cf1a9f8.json', 'utf8')) as { definition: unknown; expected: { history: unknown[] } };
const PASS = { StartAt: 'P', States: { P: { Type: 'Pass', Result: { ok: true }, End: true } } };

/** Runs the engine in-process and plays its events to the session like the worker client does. */
function inProcessRunner(): Runner {
  return {
    start(request) {
      const events: HistoryEvent[] = [];
      const listeners = new Set<(batch: HistoryEvent[], all: HistoryEvent[]) => void>();
      const machine = new Engine({ clock: 'virtual' }).createMachine(request.definition as never);
      const execution = machine.start({ input: (request.input ?? {}) as never, name: request.name, onEvent: (e) => { events.push(e); for (const l of listeners) l([e], events); } });
      const handle: RunHandle = {
        runId: request.runId ?? 'run-1', events, done: execution.done as Promise<ExecutionResult>,
        onEvents: (l) => { listeners.add(l); return () => listeners.delete(l); },
        stop: () => execution.stop({}),
      };
      return handle;
    },
  };
}

describe('debug session', () => {
  it('keeps what is open when a file is bad, and says why', async () => {
    const session = new DebugSession(new MemoryRunsStore(), inProcessRunner);
    expect(await session.importText(JSON.stringify({ events: CATCH.expected.history, definition: CATCH.definition }), 'good.json')).toBe(true);
    const before = session.getState().current;
    expect(before?.definitionSource).toBe('file');
    expect(await session.importText('{"events": [{"id": 1, "type": "ExecutionStarted"', 'cut.json')).toBe(false);
    expect(session.getState().problem?.message).toMatch(/cut off/);
    expect(await session.importText('{"foo": 1}', 'other.json')).toBe(false);
    expect(session.getState().problem?.message).toMatch(/no "events" list/);
    expect(session.getState().current).toBe(before);
    expect(session.getState().runs).toHaveLength(1);
  });

  it('runs a machine, shows and keeps the run, exports it as an AWS history', async () => {
    const store = new MemoryRunsStore();
    const session = new DebugSession(store, inProcessRunner);
    session.start({ definition: PASS, input: { a: 1 }, clock: 'virtual', name: 'first' });
    await expect.poll(() => session.getState().runs.length).toBe(1);
    const [summary] = session.getState().runs;
    expect(summary).toMatchObject({ name: 'first', status: 'SUCCEEDED', origin: 'studio' });
    expect(session.getState().current?.model.executionAt(Infinity).status).toBe('SUCCEEDED');
    expect(session.getState().active).toBeUndefined();
    const exported = JSON.parse(session.exportCurrent()!.text) as { events: { type: string }[]; definition: string };
    expect(exported.events.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(JSON.parse(exported.definition)).toEqual(PASS);
    // Reopening from the store gives the same run.
    const other = new DebugSession(store, inProcessRunner);
    await other.refresh();
    expect(await other.open(summary.id)).toBe(true);
    expect(other.getState().current?.model.length).toBe(4);
  });

  it('refuses a second run while one goes on, and reports a run that cannot start', async () => {
    const failing: Runner = { start: () => ({ runId: 'x', events: [], done: Promise.reject(Object.assign(new Error('bad definition'), { details: ['STATES_MISSING at /'] })), onEvents: () => () => {}, stop: () => {} }) };
    const session = new DebugSession(new MemoryRunsStore(), () => failing);
    session.start({ definition: {}, clock: 'virtual' });
    await expect.poll(() => session.getState().problem?.title).toBe('The run could not start');
    expect(session.getState().problem?.details).toEqual(['STATES_MISSING at /']);
  });
});
