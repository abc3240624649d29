import { describe, expect, it } from 'vitest';
import { Engine, InvalidDefinitionError, MockConfigError, type HistoryEvent, type Json } from '../../src/index.ts';
import { details, engine, run, secondsBetween } from './helpers.ts';

const INVOKE = 'arn:aws:states:::lambda:invoke';

describe('Task behaviour', () => {
  it('finds a handler by state name first, then by resource ARN', async () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: INVOKE, Next: 'B' },
        B: { Type: 'Task', Resource: INVOKE, End: true },
      },
    };
    const { result } = await run(definition, { n: 1 }, { tasks: { A: (input) => ({ byName: input }), [INVOKE]: (input) => ({ byArn: input }) } });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { byArn: { byName: { n: 1 } } } });
  });

  it('takes a handler’s plain value, its synchronous throw, or another library’s thenable', async () => {
    const machine = {
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:a', ResultPath: '$.a', Next: 'B' },
        B: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:b', ResultPath: '$.b', Next: 'C' },
        C: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:c',
          Catch: [{ ErrorEquals: ['Oops'], ResultPath: '$.c', Next: 'D' }],
          End: true,
        },
        D: { Type: 'Wait', Seconds: 60, End: true },
      },
    };
    const thenable = { then: (resolve: (value: Json) => void) => setTimeout(() => resolve('later'), 1) };
    const { result, history } = await run(machine, {}, {
      tasks: {
        A: () => 'now',
        B: () => thenable as unknown as Promise<Json>,
        C: () => {
          throw Object.assign(new Error('no'), { name: 'Oops' });
        },
      },
    });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { a: 'now', b: 'later', c: { Error: 'Oops', Cause: 'no' } } });
    // The virtual clock was released after the throwing handler: the Wait took no wall time but 60 s of history time.
    const wait = history.filter((e) => e.type.startsWith('WaitState'));
    expect(secondsBetween(wait[0], wait[1])).toBe(60);
  });

  it('records service integrations as Task… events with resourceType and resource, as AWS does', async () => {
    const { history } = await run(
      { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: INVOKE, Parameters: { FunctionName: 'f', 'Payload.$': '$' }, End: true } } },
      { a: 1 },
      { tasks: { Call: () => ({ Payload: 'done', StatusCode: 200 }) } },
    );
    const scheduled = history.find((e) => e.type === 'TaskScheduled')!;
    expect(details(scheduled)).toEqual({ resourceType: 'lambda', resource: 'invoke', region: 'us-east-1', parameters: '{"FunctionName":"f","Payload":{"a":1}}' });
    expect(history.map((e) => e.type)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
    expect(details(history[4])).toEqual({ resourceType: 'lambda', resource: 'invoke', output: '{"Payload":"done","StatusCode":200}', outputDetails: { truncated: false } });
  });

  it('fails with a clear States.Runtime error when a task has no behaviour', async () => {
    const { result } = await run({ StartAt: 'Lonely', States: { Lonely: { Type: 'Task', Resource: INVOKE, End: true } } });
    expect(result.status).toBe('FAILED');
    expect(result).toMatchObject({ error: 'States.Runtime' });
    expect((result as { cause: string }).cause).toContain("No task handler or mocked response for state 'Lonely'");
  });

  it('takes responses from a Step Functions Local mock configuration, by invocation number', async () => {
    const mockConfig = {
      StateMachines: { Orders: { TestCases: { RetryPath: { Charge: 'ChargeFailsOnce' } } } },
      MockedResponses: {
        ChargeFailsOnce: {
          '0': { Throw: { Error: 'Payment.Declined', Cause: 'card declined' } },
          '1-2': { Return: { charged: true } },
        },
      },
    };
    const machine = new Engine({ clock: 'virtual', mockConfig }).createMachine(
      { StartAt: 'Charge', States: { Charge: { Type: 'Task', Resource: INVOKE, Retry: [{ ErrorEquals: ['Payment.Declined'] }], End: true } } },
      { name: 'Orders' },
    );
    expect(await machine.run({}, { testCase: 'RetryPath' })).toEqual({ status: 'SUCCEEDED', output: { charged: true } });
    expect(() => machine.start({ testCase: 'Nope' })).toThrow(MockConfigError);
  });

  it('waits for a task token (callback pattern) and resumes on sendTaskSuccess', async () => {
    const engineWithCallbacks = engine();
    const machine = engineWithCallbacks.createMachine({
      StartAt: 'Approve',
      States: {
        Approve: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } },
          End: true,
        },
      },
    });
    let token = '';
    const execution = machine.start({
      tasks: {
        Approve: (input) => {
          token = (input as { MessageBody: { token: string } }).MessageBody.token;
          setTimeout(() => engineWithCallbacks.sendTaskSuccess(token, { approved: true }), 5);
          return { MessageId: 'm-1' };
        },
      },
    });
    expect(await execution.done).toEqual({ status: 'SUCCEEDED', output: { approved: true } });
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(execution.history().map((e) => e.type)).toContain('TaskSubmitted');
  });

  // AWS's error-handling page: States.HeartbeatTimeout "is only available inside the Catch and
  // Retry fields"; the error a heartbeat expiry reports is States.Timeout, which a Catch or Retry
  // on States.Timeout still matches (aws-cdk #16084: States.Timeout covered heartbeat timeouts
  // before States.HeartbeatTimeout was added).
  const heartbeatTask = (extra: Record<string, unknown> = {}) => ({
    StartAt: 'Wait',
    States: {
      Wait: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', HeartbeatSeconds: 60, ...extra, End: true },
      ...('Catch' in extra ? { Caught: { Type: 'Succeed' } } : {}),
    },
  });
  const silent = { tasks: { Wait: () => ({}) } };

  it('a heartbeat expiry fails the task with States.Timeout, recorded in TaskTimedOut', async () => {
    const { result, history } = await run(heartbeatTask(), {}, silent);
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(details(history.find((e) => e.type === 'TaskTimedOut')!)).toMatchObject({ error: 'States.Timeout' });
  });

  it.each([['States.HeartbeatTimeout'], ['States.Timeout'], ['States.ALL']])('a Catch on %s catches a heartbeat expiry', async (name) => {
    const { result } = await run(heartbeatTask({ Catch: [{ ErrorEquals: [name], Next: 'Caught' }] }), {}, silent);
    expect(result.status).toBe('SUCCEEDED');
  });

  it('a Catch on States.HeartbeatTimeout or States.TaskFailed does not catch a TimeoutSeconds expiry, nor States.TaskFailed a heartbeat expiry', async () => {
    const timeout = heartbeatTask({ TimeoutSeconds: 30, Catch: [{ ErrorEquals: ['States.HeartbeatTimeout', 'States.TaskFailed'], Next: 'Caught' }] });
    delete (timeout.States.Wait as { HeartbeatSeconds?: number }).HeartbeatSeconds;
    expect((await run(timeout, {}, silent)).result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    const heartbeat = heartbeatTask({ Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }] });
    expect((await run(heartbeat, {}, silent)).result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('a Retry on States.HeartbeatTimeout retries a heartbeat expiry', async () => {
    const { history } = await run(heartbeatTask({ Retry: [{ ErrorEquals: ['States.HeartbeatTimeout'], MaxAttempts: 1 }] }), {}, silent);
    expect(history.filter((e) => e.type === 'TaskTimedOut')).toHaveLength(2);
  });

  // A timeout is a positive whole number of seconds (TimeoutSecondsPath/HeartbeatSecondsPath fail
  // with States.Runtime otherwise). For a JSONata expression the error is Stepwise's choice,
  // States.QueryEvaluationError, as for a non-integer; the task is not scheduled with it.
  it.each([
    ['TimeoutSeconds', 0],
    ['TimeoutSeconds', -3],
    ['HeartbeatSeconds', 0],
  ])('a JSONata %s of %d fails the state with States.QueryEvaluationError before the task is scheduled', async (field, value) => {
    const { result, types } = await run(
      { QueryLanguage: 'JSONata', StartAt: 'T', States: { T: { Type: 'Task', Resource: INVOKE, [field]: '{% $states.input.t %}', End: true } } },
      { t: value },
      { tasks: { T: () => ({}) } },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    expect(types).not.toContain('TaskScheduled');
  });
});

/** A loop whose exit is never taken: valid ASL (a terminal state exists), endless at run time. */
const endlessLoop = {
  StartAt: 'Loop',
  States: {
    Loop: { Type: 'Pass', Next: 'Again' },
    Again: { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }], Default: 'Loop' },
    Done: { Type: 'Succeed' },
  },
};

describe('Executions', () => {
  it('rejects an invalid definition with diagnostics instead of running it', () => {
    expect(() => engine().createMachine({ StartAt: 'Missing', States: {} } as never)).toThrow(InvalidDefinitionError);
    try {
      engine().createMachine('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}');
    } catch (error) {
      const { diagnostics } = error as InvalidDefinitionError;
      expect(diagnostics.some((d) => d.code === 'MISSING_TRANSITION_TARGET' && d.location === '/States/A/Next' && d.line === 1)).toBe(true);
    }
  });

  it('stops an execution: ABORTED, with ExecutionAborted last', async () => {
    const machine = engine({ clock: 'real' }).createMachine({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });
    const execution = machine.start();
    setTimeout(() => execution.stop({ error: 'Manual', cause: 'operator stopped it' }), 10);
    expect(await execution.done).toEqual({ status: 'ABORTED', error: 'Manual', cause: 'operator stopped it' });
    expect(execution.history().at(-1)!.type).toBe('ExecutionAborted');
  });

  it('ends a runaway loop with a clear error at the transition cap', async () => {
    const { result } = await run(
      endlessLoop,
      {},
      { engine: { limits: { maxStateTransitions: 500, maxHistoryEvents: Infinity } } },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect((result as { cause: string }).cause).toContain('500 state transitions');
  });

  // Recorded on AWS (floci-io/floci #2734, get-execution-history of an endless Choice loop): the
  // failure is event 25,000 itself, after the machine's 24,999th, and its cause names no state.
  it('fails when the history reaches 25,000 events, the failure being the 25,000th, as on AWS', async () => {
    const { result, history } = await run(endlessLoop);
    const cause = 'The execution reached the maximum number of history events (25000).';
    expect(result).toEqual({ status: 'FAILED', error: 'States.Runtime', cause });
    expect(history).toHaveLength(25_000);
    expect(history.at(-1)).toMatchObject({ type: 'ExecutionFailed', id: 25_000, previousEventId: 24_999 });
  });

  it('streams events to subscribers as they are recorded', async () => {
    const seen: HistoryEvent[] = [];
    const machine = engine().createMachine({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    const execution = machine.start({ input: { x: 1 } });
    execution.subscribe((event) => seen.push(event));
    await execution.done;
    expect(seen.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(execution.historyDocument().events).toHaveLength(4);
  });

  it('stops telling a subscriber once it unsubscribes, and keeps telling the others', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const machine = engine().createMachine({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } });
    const execution = machine.start({ input: {}, onEvent: (event) => second.push(event.type) });
    const unsubscribe = execution.subscribe((event) => {
      first.push(event.type);
      if (event.type === 'PassStateEntered') unsubscribe();
    });
    await execution.done;
    expect(first).toEqual(['ExecutionStarted', 'PassStateEntered']);
    expect(second).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('gives each event the time it was recorded at, before and after a Wait', async () => {
    const machine = engine().createMachine({
      StartAt: 'Before',
      States: { Before: { Type: 'Pass', Next: 'Hold' }, Hold: { Type: 'Wait', Seconds: 90, Next: 'After' }, After: { Type: 'Pass', End: true } },
    });
    const execution = machine.start({ input: {} });
    await execution.done;
    const events = execution.history();
    const started = Date.parse(events[0].timestamp);
    const times = events.map((e) => [e.type, Date.parse(e.timestamp) - started]);
    expect(times).toEqual([
      ['ExecutionStarted', 0],
      ['PassStateEntered', 0],
      ['PassStateExited', 0],
      ['WaitStateEntered', 0],
      ['WaitStateExited', 90_000],
      ['PassStateEntered', 90_000],
      ['PassStateExited', 90_000],
      ['ExecutionSucceeded', 90_000],
    ]);
  });

  it('gives $$ the execution, state machine and state', async () => {
    const { result } = await run(
      { StartAt: 'Ctx', States: { Ctx: { Type: 'Pass', Parameters: { 'ctx.$': '$$' }, End: true } } },
      { in: 1 },
      { name: 'exec-1' },
    );
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: {
        ctx: {
          Execution: {
            Id: 'arn:aws:states:us-east-1:123456789012:execution:Test:exec-1',
            Input: { in: 1 },
            StartTime: '2024-01-01T00:00:00.000Z',
            Name: 'exec-1',
            RoleArn: 'arn:aws:iam::123456789012:role/StepwiseExecutionRole',
            RedriveCount: 0,
          },
          StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:Test', Name: 'Test' },
          State: { Name: 'Ctx', EnteredTime: '2024-01-01T00:00:00.000Z' },
        },
      },
    });
  });

  it('gives $$.State a RetryCount only in states that can retry (Task, Parallel, Map), keys in the order AWS records them (corpus: assign BASE_PATHS, scenarios extended_input)', async () => {
    const { result, history } = await run(
      {
        StartAt: 'Look',
        States: {
          Look: { Type: 'Pass', Parameters: { 'state.$': '$$.State' }, Next: 'Call' },
          Call: { Type: 'Task', Resource: INVOKE, Parameters: { 'state.$': '$$.State' }, ResultPath: '$.called', End: true },
        },
      },
      {},
      { tasks: { Call: (input) => input } },
    );
    expect(result.status).toBe('SUCCEEDED');
    const exited = history.find((e) => e.type === 'PassStateExited')!;
    expect(details(exited).output).toBe('{"state":{"Name":"Look","EnteredTime":"2024-01-01T00:00:00.000Z"}}');
    const scheduled = history.find((e) => e.type === 'TaskScheduled')!;
    expect(details(scheduled).parameters).toContain('"state":{"Name":"Call","EnteredTime":"2024-01-01T00:00:00.000Z","RetryCount":0}');
    const pass = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'n.$': '$$.State.RetryCount' }, End: true } } });
    expect(pass.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('is deterministic for a seed: States.UUID and generated names repeat', async () => {
    const definition = { StartAt: 'U', States: { U: { Type: 'Pass', Parameters: { 'id.$': 'States.UUID()', 'r.$': 'States.MathRandom(1, 1000)' }, End: true } } };
    const a = await run(definition);
    const b = await run(definition);
    expect(a.result).toEqual(b.result);
    expect(a.execution.name).toBe(b.execution.name);
  });
});

describe('Variable limits', () => {
  it('refuses a variable over 256 KiB with States.DataLimitExceeded', async () => {
    const { result } = await run(
      { StartAt: 'Big', States: { Big: { Type: 'Pass', Assign: { 'blob.$': '$.blob' }, End: true } } },
      { blob: 'x'.repeat(256 * 1024) },
      { engine: { limits: { maxPayloadBytes: 10 * 1024 * 1024 } } },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('refuses variables that together pass 10 MiB', async () => {
    const chunk = 'y'.repeat(200 * 1024);
    const assign = Object.fromEntries(Array.from({ length: 52 }, (_, i) => [`v${i}`, chunk]));
    const { result } = await run({ StartAt: 'Many', States: { Many: { Type: 'Pass', Assign: assign, End: true } } });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect((result as { cause: string }).cause).toContain('10 MiB');
  });
});
