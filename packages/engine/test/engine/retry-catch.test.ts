import { describe, expect, it } from 'vitest';
import { details, run, secondsBetween } from './helpers.ts';
import type { TaskHandler } from '../../src/index.ts';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:work';

function failing(times: number, error = 'Flaky'): { handler: TaskHandler; calls: () => number } {
  let calls = 0;
  return {
    handler: () => {
      calls++;
      if (calls <= times) throw { error, cause: `attempt ${calls}` };
      return { ok: calls };
    },
    calls: () => calls,
  };
}

function taskMachine(retry: object[], extra: { Catch?: object[] } & Record<string, unknown> = {}) {
  const states: Record<string, object> = { T: { Type: 'Task', Resource: LAMBDA, Retry: retry, End: true, ...extra } };
  if (extra.Catch) states.Caught = { Type: 'Pass', End: true };
  return { StartAt: 'T', States: states };
}

describe('Retry', () => {
  // Developer guide, "Retry behavior": IntervalSeconds × BackoffRate^n between attempts.
  it('waits IntervalSeconds × BackoffRate^attempt between attempts (virtual time)', async () => {
    const task = failing(3);
    const { result, history } = await run(taskMachine([{ ErrorEquals: ['Flaky'], IntervalSeconds: 3, BackoffRate: 2, MaxAttempts: 3 }]), {}, { tasks: { T: task.handler } });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { ok: 4 } });
    const failed = history.filter((e) => e.type === 'LambdaFunctionFailed');
    const scheduled = history.filter((e) => e.type === 'LambdaFunctionScheduled');
    expect(scheduled).toHaveLength(4);
    expect(failed.map((f, i) => secondsBetween(f, scheduled[i + 1]))).toEqual([3, 6, 12]);
  });

  it('caps the delay with MaxDelaySeconds', async () => {
    const task = failing(3);
    const { history } = await run(
      taskMachine([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, BackoffRate: 10, MaxAttempts: 3, MaxDelaySeconds: 50 }]),
      {},
      { tasks: { T: task.handler } },
    );
    const failed = history.filter((e) => e.type === 'LambdaFunctionFailed');
    const scheduled = history.filter((e) => e.type === 'LambdaFunctionScheduled');
    expect(failed.map((f, i) => secondsBetween(f, scheduled[i + 1]))).toEqual([10, 50, 50]);
  });

  it('JitterStrategy FULL draws each delay from [0, delay), repeatably for a seed', async () => {
    const delays = async () => {
      const task = failing(3);
      const { history } = await run(
        taskMachine([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 8, BackoffRate: 2, MaxAttempts: 3, JitterStrategy: 'FULL' }]),
        {},
        { tasks: { T: task.handler } },
      );
      const failed = history.filter((e) => e.type === 'LambdaFunctionFailed');
      const scheduled = history.filter((e) => e.type === 'LambdaFunctionScheduled');
      return failed.map((f, i) => secondsBetween(f, scheduled[i + 1]));
    };
    const first = await delays();
    expect(first).toEqual(await delays());
    [8, 16, 32].forEach((max, i) => {
      expect(first[i]).toBeGreaterThanOrEqual(0);
      expect(first[i]).toBeLessThan(max);
    });
  });

  it('MaxAttempts 0 never retries', async () => {
    const task = failing(1);
    const { result } = await run(taskMachine([{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }]), {}, { tasks: { T: task.handler } });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Flaky', cause: 'attempt 1' });
    expect(task.calls()).toBe(1);
  });

  it('only the first matching retrier applies, even when it is exhausted', async () => {
    const task = failing(5);
    const { result } = await run(
      taskMachine([
        { ErrorEquals: ['Flaky'], MaxAttempts: 1, IntervalSeconds: 1 },
        { ErrorEquals: ['States.ALL'], MaxAttempts: 10, IntervalSeconds: 1 },
      ]),
      {},
      { tasks: { T: task.handler } },
    );
    expect(result.status).toBe('FAILED');
    expect(task.calls()).toBe(2);
  });

  it('counts $$.State.RetryCount up on each attempt', async () => {
    const seen: unknown[] = [];
    const task = failing(2);
    await run(
      taskMachine([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1 }], { Parameters: { 'retry.$': '$$.State.RetryCount' } }),
      {},
      { tasks: { T: (input, context) => (seen.push(input), task.handler(input, context)) } },
    );
    expect(seen).toEqual([{ retry: 0 }, { retry: 1 }, { retry: 2 }]);
  });
});

describe('Catch', () => {
  it('routes to the catcher with {Error, Cause} at its ResultPath', async () => {
    const { result, types } = await run(
      taskMachine([], { Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Caught' }] }),
      { order: 1 },
      { tasks: { T: failing(9, 'Boom').handler } },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { order: 1, error: { Error: 'Boom', Cause: 'attempt 1' } } });
    expect(types).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionFailed',
      'TaskStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded',
    ]);
  });

  it('retries first, then catches', async () => {
    const task = failing(9);
    const { result } = await run(
      taskMachine([{ ErrorEquals: ['Flaky'], MaxAttempts: 2, IntervalSeconds: 1 }], { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] }),
      {},
      { tasks: { T: task.handler } },
    );
    expect(task.calls()).toBe(3);
    expect(result).toEqual({ status: 'SUCCEEDED', output: { Error: 'Flaky', Cause: 'attempt 3' } });
  });

  it.each([[['States.Runtime']], [['States.ALL']]])('never catches States.Runtime (ErrorEquals %j)', async (errorEquals) => {
    const { result } = await run(
      {
        StartAt: 'T',
        States: {
          T: { Type: 'Task', Resource: LAMBDA, InputPath: '$.missing', End: true, Catch: [{ ErrorEquals: errorEquals, Next: 'Caught' }] },
          Caught: { Type: 'Pass', End: true },
        },
      },
      {},
      { tasks: { T: () => 1 } },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('States.TaskFailed does not match States.Timeout', async () => {
    const { result } = await run(
      taskMachine([], { TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }] }),
      {},
      { tasks: { T: async (_input, context) => (await context.sleep(10_000), 'late') } },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('times a task out after TimeoutSeconds and records LambdaFunctionTimedOut', async () => {
    const { result, history } = await run(
      taskMachine([], { TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Caught' }] }),
      {},
      { tasks: { T: async (_input, context) => (await context.sleep(10_000), 'late') } },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { Error: 'States.Timeout' } });
    const timedOut = history.find((e) => e.type === 'LambdaFunctionTimedOut')!;
    expect(details(timedOut)).toMatchObject({ error: 'States.Timeout' });
    expect(secondsBetween(history.find((e) => e.type === 'LambdaFunctionStarted')!, timedOut)).toBe(5);
  });

  it('a task that never answers, modelled as context.sleep(Infinity), times out in virtual time (a promise that never settles would hold the clock)', async () => {
    const { result, history } = await run(taskMachine([], { TimeoutSeconds: 30 }), {}, { tasks: { T: (_input, context) => context.sleep(Infinity).then(() => 'never') } });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(secondsBetween(history[0], history.find((e) => e.type === 'LambdaFunctionTimedOut')!)).toBe(30);
  });
});

// As measured on AWS by floci-io/floci (its JSONata integration tests, "measured with a real
// execution"): a catcher's own Output and Assign are named under the clause's index in Catch,
// and their failure carries the state's "An error occurred while executing the state" prefix.
describe('a JSONata catcher whose Output fails', () => {
  it("fails the state with States.QueryEvaluationError naming 'Catch[1]/Output/v', with the state prefix and an EvaluationFailed event", async () => {
    const { result, types } = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Boom',
        States: {
          Boom: {
            Type: 'Task',
            Resource: LAMBDA,
            Catch: [
              { ErrorEquals: ['States.Timeout'], Next: 'Caught' },
              { ErrorEquals: ['States.ALL'], Output: { v: '{% $states.input.missing %}' }, Next: 'Caught' },
            ],
            End: true,
          },
          Caught: { Type: 'Pass', End: true },
        },
      },
      {},
      { tasks: { Boom: () => { throw { error: 'Oops', cause: 'c' }; } } },
    );
    expect(result).toEqual({
      status: 'FAILED',
      error: 'States.QueryEvaluationError',
      cause:
        "An error occurred while executing the state 'Boom' (entered at the event id #2). The JSONata expression '$states.input.missing' specified for the field 'Catch[1]/Output/v' returned nothing (undefined).",
    });
    expect(types).toContain('EvaluationFailed');
  });
});
