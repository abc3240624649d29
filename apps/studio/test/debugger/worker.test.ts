/**
 * The worker's protocol, run in Node: the host function is what the Worker runs, driven here
 * with a `post` callback; the client is driven through a fake Worker wired to a host.
 */
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '@stepwise/engine';
import { compileHandler, createRunnerHost } from '../../src/worker/runner-host';
import { RunnerClient, RunStartError, type WorkerLike } from '../../src/worker/runner-client';
import type { RunnerMessage, RunnerRequest, StartRequest } from '../../src/worker/protocol';
import { importHistory } from '../../src/debugger/history-import';
import { ReplayCursor, ReplayModel } from '../../src/debugger/replay';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:greet';
const definition = {
  StartAt: 'Greet',
  States: {
    Greet: {
      Type: 'Task', Resource: LAMBDA, ResultPath: '$.greeting',
      Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 3, MaxAttempts: 1 }],
      Next: 'Pause',
    },
    Pause: { Type: 'Wait', Seconds: 3600, End: true },
  },
};

function runInHost(request: Omit<StartRequest, 'kind' | 'runId'>, options = {}): Promise<RunnerMessage[]> {
  return new Promise((resolve) => {
    const messages: RunnerMessage[] = [];
    const host = createRunnerHost((m) => {
      messages.push(m);
      if (m.kind === 'done' || m.kind === 'error') resolve(messages);
    }, options);
    host.handle({ ...request, kind: 'start', runId: 'r1' });
  });
}

const eventsOf = (messages: RunnerMessage[]) => messages.flatMap((m) => (m.kind === 'events' ? m.events : []));

describe('runner host (the worker side)', () => {
  it('runs with a JavaScript handler per resource, streams every event in batches, then done', async () => {
    const messages = await runInHost(
      { definition, input: { who: 'Ada' }, clock: 'virtual', handlers: { [LAMBDA]: 'async (input, context) => { if (context.retryCount === 0) throw { error: "Flaky", cause: "once" }; return "Hello " + input.who; }' } },
      { maxBatch: 4 },
    );
    expect(messages[0]).toMatchObject({ kind: 'started', runId: 'r1' });
    const done = messages[messages.length - 1];
    expect(done).toMatchObject({ kind: 'done', result: { status: 'SUCCEEDED', output: { who: 'Ada', greeting: 'Hello Ada' } } });
    const events = eventsOf(messages);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(done.kind === 'done' && done.eventCount).toBe(events.length);
    expect(messages.filter((m) => m.kind === 'events').every((m) => m.kind === 'events' && m.events.length <= 4)).toBe(true);
    // The streamed events replay: the Task was retried once after a 3 s back-off (virtual time).
    const model = new ReplayModel(importHistory({ events }), { definition });
    const greet = model.visitsOf('/States/Greet')[0];
    expect(greet.attempts.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
    expect(greet.attempts[1].waitBeforeMs).toBe(3000);
    expect(new ReplayCursor(model, model.length).statusOf('/States/Pause')).toBe('succeeded');
  });

  it('a handler may be a function body using input and context', async () => {
    const messages = await runInHost({ definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } }, input: 2, clock: 'virtual', handlers: { [LAMBDA]: 'return input * 21;' } });
    expect(messages.at(-1)).toMatchObject({ kind: 'done', result: { status: 'SUCCEEDED', output: 42 } });
  });

  it('per-state mocked responses: the n-th call gets the n-th response', async () => {
    const messages = await runInHost({
      definition, clock: 'virtual',
      mocks: { type: 'responses', responses: { Greet: [{ Throw: { Error: 'Flaky', Cause: 'x' } }, { Return: 'hi' }] } },
    });
    expect(messages.at(-1)).toMatchObject({ kind: 'done', result: { status: 'SUCCEEDED', output: { greeting: 'hi' } } });
  });

  it('a Step Functions Local MockConfigFile with a test case', async () => {
    const config = {
      StateMachines: { Greeter: { TestCases: { Fails: { Greet: 'AlwaysFails' } } } },
      MockedResponses: { AlwaysFails: { '0-1': { Throw: { Error: 'Flaky', Cause: 'down' } } } },
    };
    const messages = await runInHost({ definition, clock: 'virtual', mocks: { type: 'mock-config', config, testCase: 'Fails', machineName: 'Greeter' } });
    expect(messages.at(-1)).toMatchObject({ kind: 'done', result: { status: 'FAILED', error: 'Flaky', cause: 'down' } });
  });

  it('reports what stops a run from starting', async () => {
    const bad = await runInHost({ definition: { StartAt: 'Nowhere', States: {} }, clock: 'virtual' });
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ kind: 'error', message: expect.stringMatching(/not valid/) });
    expect(bad[0].kind === 'error' && bad[0].details!.length).toBeGreaterThan(0);
    const syntax = await runInHost({ definition, clock: 'virtual', handlers: { [LAMBDA]: '(input) => {' } });
    expect(syntax[0]).toMatchObject({ kind: 'error', message: expect.stringContaining(`The handler for ${LAMBDA} does not compile`) });
    const mock = await runInHost({ definition, clock: 'virtual', mocks: { type: 'mock-config', config: { StateMachines: {} }, testCase: 'x', machineName: 'M' } });
    expect(mock[0]).toMatchObject({ kind: 'error', message: expect.stringMatching(/^Mock configuration: .*no state machine 'M'/) });
    const name = await runInHost({ definition, clock: 'virtual', name: 'my run' });
    expect(name[0]).toMatchObject({ kind: 'error', message: expect.stringMatching(/^The execution name "my run" is not valid: it contains U\+0020/) });
    const machineName = await runInHost({ definition, clock: 'virtual', mocks: { type: 'mock-config', config: { StateMachines: { 'my machine': { TestCases: { x: {} } } } }, testCase: 'x', machineName: 'my machine' } });
    expect(machineName).toHaveLength(1);
    expect(machineName[0]).toMatchObject({ kind: 'error', message: expect.stringMatching(/^The state machine name "my machine" is not valid: it contains U\+0020/) });
  });

  it('stop aborts a running execution (real clock, in a Wait)', async () => {
    const messages: RunnerMessage[] = [];
    let finished!: () => void;
    const over = new Promise<void>((r) => (finished = r));
    const host = createRunnerHost((m) => {
      messages.push(m);
      if (m.kind === 'events' && m.events.some((e) => e.type === 'WaitStateEntered')) host.handle({ kind: 'stop', runId: 'r1', error: 'User', cause: 'stopped in the studio' });
      if (m.kind === 'done') finished();
    }, { flushMs: 1 });
    host.handle({ kind: 'start', runId: 'r1', definition, clock: 'real', handlers: { [LAMBDA]: '() => "hi"' } });
    await over;
    expect(messages.at(-1)).toMatchObject({ kind: 'done', result: { status: 'ABORTED', error: 'User' } });
    expect(host.active).toBe(0);
    const events = eventsOf(messages);
    const model = new ReplayModel(importHistory({ events }), { definition });
    expect(new ReplayCursor(model, model.length).statusOf('/States/Pause')).toBe('aborted');
  });

  it('handler source: a function, an expression, or a body', async () => {
    const context = {} as never;
    expect(await compileHandler('r', '(input) => input + 1')(1, context)).toBe(2);
    expect(await compileHandler('r', 'input * 2')(4, context)).toBe(8);
    expect(await compileHandler('r', 'const x = input; return [x, x];')(3, context)).toEqual([3, 3]);
    expect(await compileHandler('r', 'console.log(input)')(3, context)).toBe(null);
    expect(() => compileHandler('r', 'return (')).toThrow(/does not compile/);
  });
});

/** A Worker stand-in: messages go through structuredClone, as they would between threads. */
function fakeWorker(): WorkerLike & { terminated: boolean } {
  const listeners: ((event: { data: RunnerMessage }) => void)[] = [];
  const host = createRunnerHost((m) => queueMicrotask(() => listeners.forEach((l) => l({ data: structuredClone(m) }))), { flushMs: 1 });
  const worker = {
    terminated: false,
    postMessage: (m: RunnerRequest) => {
      if (!worker.terminated) queueMicrotask(() => host.handle(structuredClone(m)));
    },
    addEventListener: (_type: 'message', l: (event: { data: RunnerMessage }) => void) => listeners.push(l),
    terminate: () => {
      worker.terminated = true;
    },
  };
  return worker;
}

describe('runner client (the page side)', () => {
  it('returns a promise of the result and a stream of events', async () => {
    const client = new RunnerClient(fakeWorker);
    const run = client.start({ definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, input: { a: 1 }, clock: 'virtual' });
    const batches: HistoryEvent[][] = [];
    run.onEvents((batch) => batches.push(batch));
    await expect(run.done).resolves.toEqual({ status: 'SUCCEEDED', output: { a: 1 } });
    expect(run.events.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(batches.flat()).toEqual(run.events);
  });

  it('rejects with the reason when a run cannot start', async () => {
    const client = new RunnerClient(fakeWorker);
    const run = client.start({ definition: { StartAt: 'X', States: {} }, clock: 'virtual' });
    await expect(run.done).rejects.toBeInstanceOf(RunStartError);
  });

  it('terminates a worker whose run does not stop, and starts a new one for the next run', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const client = new RunnerClient(() => {
      const w = fakeWorker();
      workers.push(w);
      // This worker never answers "stop", like one stuck in a handler's endless loop.
      const post = w.postMessage;
      w.postMessage = (m) => (m.kind === 'stop' ? undefined : post(m));
      return w;
    }, 20);
    const run = client.start({ definition, clock: 'real', handlers: { [LAMBDA]: '() => "hi"' } });
    await new Promise((r) => setTimeout(r, 30));
    run.stop();
    await expect(run.done).resolves.toMatchObject({ status: 'ABORTED', error: 'Stepwise.WorkerTerminated' });
    expect(workers[0].terminated).toBe(true);
    const next = client.start({ definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, clock: 'virtual' });
    await expect(next.done).resolves.toMatchObject({ status: 'SUCCEEDED' });
    expect(workers).toHaveLength(2);
  });
});
