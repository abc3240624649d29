/**
 * What crosses between an execution and task code travels as JSON, as it does between Step
 * Functions and a Lambda function: a handler changing its input in place, or its result after
 * returning it, must not reach anything the execution holds — other states, other branches, the
 * recorded history, the machine's constants, a later run.
 */
import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../src/index.ts';
import { details, engine, run } from './helpers.ts';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:f';

describe('a task handler gets a copy of its input', () => {
  it('so a branch whose handler changes its input leaves the other branch’s input and the recorded history as they were', async () => {
    const seen: Json[] = [];
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Change', States: { Change: { Type: 'Task', Resource: FN, End: true } } },
            { StartAt: 'Look', States: { Look: { Type: 'Task', Resource: FN, End: true } } },
          ],
          End: true,
        },
      },
    };
    const { result, history } = await run(definition, { order: { id: 1, lines: [1, 2] } }, {
      tasks: {
        Change: async (input) => {
          const order = (input as JsonObject).order as JsonObject;
          order.id = 999;
          (order.lines as Json[]).push(3);
          return 'changed';
        },
        Look: async (input) => {
          // Give the other branch's handler its turn first.
          await new Promise((resolve) => setTimeout(resolve, 5));
          seen.push(JSON.parse(JSON.stringify(input)) as Json);
          return input;
        },
      },
    });
    expect(seen).toEqual([{ order: { id: 1, lines: [1, 2] } }]);
    expect(result).toEqual({ status: 'SUCCEEDED', output: ['changed', { order: { id: 1, lines: [1, 2] } }] });
    const started = history.find((e) => e.type === 'ExecutionStarted')!;
    expect(JSON.parse(details(started).input as string)).toEqual({ order: { id: 1, lines: [1, 2] } });
  });

  it('so a handler changing a Pass state’s Result (its input) does not change the next run', async () => {
    const machine = engine().createMachine({
      StartAt: 'Defaults',
      States: {
        Defaults: { Type: 'Pass', Result: { retries: 3, tags: ['a'] }, Next: 'Tweak' },
        Tweak: { Type: 'Task', Resource: FN, End: true },
      },
    });
    const tasks = {
      Tweak: (input: Json) => {
        const settings = input as JsonObject;
        (settings.tags as Json[]).push('tweaked');
        return settings;
      },
    };
    const first = await machine.run({}, { tasks });
    const second = await machine.run({}, { tasks });
    expect(first).toEqual({ status: 'SUCCEEDED', output: { retries: 3, tags: ['a', 'tweaked'] } });
    expect(second).toEqual(first);
  });

  it('a copy as JSON would give it: undefined members left out, undefined items null, a "__proto__" member kept as a member', async () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "list": [1, 2]}') as JsonObject;
    (input as Record<string, unknown>).gone = undefined;
    let seen: unknown;
    const { result } = await run({ StartAt: 'T', States: { T: { Type: 'Task', Resource: FN, End: true } } }, input, {
      tasks: { T: (copy) => ((seen = copy), JSON.stringify(copy)) },
    });
    expect(Object.getPrototypeOf(seen)).toBe(Object.prototype);
    expect(Object.keys(seen as object)).toEqual(['__proto__', 'list']);
    expect(result).toEqual({ status: 'SUCCEEDED', output: '{"__proto__":{"polluted":true},"list":[1,2]}' });
  });

  it('and a copy of $$ when it reads the context', async () => {
    const { result } = await run({ StartAt: 'T', States: { T: { Type: 'Task', Resource: FN, ResultPath: '$.seen', End: true } } }, { keep: 'me' }, {
      tasks: {
        T: (_input, context) => {
          const input = (context.context.Execution as JsonObject).Input as JsonObject;
          input.keep = 'changed';
          return input.keep;
        },
      },
    });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { keep: 'me', seen: 'changed' } });
  });
});

describe('what a task handler returns is taken as the JSON it serialises to', () => {
  it('Dates become their ISO text, undefined members and functions go, NaN and Infinity become null', async () => {
    const { result } = await run({ StartAt: 'T', States: { T: { Type: 'Task', Resource: FN, End: true } } }, {}, {
      tasks: {
        T: () => ({ when: new Date(Date.UTC(2024, 0, 2)), gone: undefined, call: () => 1, nan: NaN, inf: [Infinity] }) as unknown as Json,
      },
    });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { when: '2024-01-02T00:00:00.000Z', nan: null, inf: [null] } });
  });

  it('undefined (no result) is null', async () => {
    const { result } = await run({ StartAt: 'T', States: { T: { Type: 'Task', Resource: FN, End: true } } }, {}, {
      tasks: { T: () => undefined as unknown as Json },
    });
    expect(result).toEqual({ status: 'SUCCEEDED', output: null });
  });

  it('so changing the returned object afterwards changes neither the output nor the history', async () => {
    const shared: JsonObject = { count: 1 };
    const execution = engine()
      .createMachine({ StartAt: 'T', States: { T: { Type: 'Task', Resource: FN, Next: 'Later' }, Later: { Type: 'Wait', Seconds: 5, End: true } } })
      .start({
        input: {},
        tasks: {
          T: () => {
            setTimeout(() => (shared.count = 2), 0);
            return shared;
          },
        },
      });
    const result = await execution.done;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(shared.count).toBe(2);
    expect(result).toEqual({ status: 'SUCCEEDED', output: { count: 1 } });
    const succeeded = execution.history().find((e) => e.type === 'LambdaFunctionSucceeded')!;
    expect(details(succeeded).output).toBe('{"count":1}');
  });

  it('a result that cannot be serialised (a cycle, a BigInt) fails the task with a TypeError naming the state, which Catch can handle', async () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const definition = {
      StartAt: 'Cyclic',
      States: {
        Cyclic: { Type: 'Task', Resource: FN, Catch: [{ ErrorEquals: ['TypeError'], ResultPath: '$.cyclic', Next: 'Big' }], End: true },
        Big: { Type: 'Task', Resource: FN, End: true },
      },
    };
    const { result, history } = await run(definition, {}, {
      tasks: { Cyclic: () => cyclic as unknown as Json, Big: async () => ({ n: 10n }) as unknown as Json },
    });
    expect(result).toMatchObject({ status: 'FAILED', error: 'TypeError' });
    expect(result.status === 'FAILED' && result.cause).toMatch(/^The result of the task handler for state 'Big' cannot be serialised as JSON: .*BigInt/);
    const caught = history.find((e) => e.type === 'TaskStateExited' && details(e).name === 'Cyclic')!;
    const cause = (JSON.parse(details(caught).output as string) as { cyclic: { Cause: string } }).cyclic.Cause;
    expect(cause).toMatch(/^The result of the task handler for state 'Cyclic' cannot be serialised as JSON: Converting circular structure/);
    // The history stays readable as JSON.
    expect(() => JSON.stringify(history)).not.toThrow();
  });

  it('a result nested deeper than the engine takes fails the task the same way', async () => {
    let deep: Json = 'leaf';
    for (let i = 0; i < 1500; i++) deep = [deep];
    const { result } = await run({ StartAt: 'T', States: { T: { Type: 'Task', Resource: FN, End: true } } }, {}, { tasks: { T: () => deep } });
    expect(result).toMatchObject({ status: 'FAILED', error: 'TypeError' });
    expect(result.status === 'FAILED' && result.cause).toMatch(/^The result of the task handler for state 'T' is not JSON the engine can take: at \$\[0\].*nested deeper than 1000 levels/);
  });

  it('a mocked Return is a fresh value on every call', async () => {
    const mocks = {
      StateMachines: { Mocked: { TestCases: { ok: { Get: 'Settings' } } } },
      MockedResponses: { Settings: { '0': { Return: { flags: ['x'] } } } },
    };
    const machine = engine({ mockConfig: mocks }).createMachine({
      StartAt: 'Get',
      States: { Get: { Type: 'Task', Resource: FN, End: true } },
    }, { name: 'Mocked' });
    const first = await machine.run({}, { testCase: 'ok' });
    if (first.status !== 'SUCCEEDED') throw new Error(JSON.stringify(first));
    ((first.output as JsonObject).flags as Json[]).push('changed by the caller');
    expect(await machine.run({}, { testCase: 'ok' })).toEqual({ status: 'SUCCEEDED', output: { flags: ['x'] } });
  });
});

describe('the machine keeps a frozen definition of its own', () => {
  it('changing the definition object after createMachine changes nothing', async () => {
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass' as const, Result: { v: 1 }, End: true } } };
    const machine = engine().createMachine(definition);
    definition.States.P.Result.v = 2;
    expect(await machine.run({})).toEqual({ status: 'SUCCEEDED', output: { v: 1 } });
  });

  it('so an output that is one of its constants cannot be changed by the caller (it throws), and the next run is unaffected', async () => {
    const machine = engine().createMachine({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { v: 1 }, End: true } } });
    const first = await machine.run({});
    if (first.status !== 'SUCCEEDED') throw new Error(JSON.stringify(first));
    expect(() => {
      (first.output as JsonObject).v = 2;
    }).toThrow(TypeError);
    expect(await machine.run({})).toEqual({ status: 'SUCCEEDED', output: { v: 1 } });
  });
});

describe('sendTaskSuccess', () => {
  it('rejects output text that is not JSON with an error that says so, and the task keeps waiting', async () => {
    const stepwise = engine();
    let token = '';
    const execution = stepwise
      .createMachine({ StartAt: 'Wait', States: { Wait: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'token.$': '$$.Task.Token' }, End: true } } })
      .start({ input: {}, tasks: { Wait: (input) => ((token = (input as JsonObject).token as string), {}) } });
    while (!token) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(() => stepwise.sendTaskSuccess(token, '{not json')).toThrow(/sendTaskSuccess is not JSON text/);
    // JSON text nested past what the engine walks: refused here, not a stack overflow in the run.
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    expect(() => stepwise.sendTaskSuccess(token, deep)).toThrow(/sendTaskSuccess is not JSON the engine can take: at \$\[0\].*nested deeper than 1000 levels/);
    stepwise.sendTaskSuccess(token, { at: new Date(Date.UTC(2024, 0, 1)) } as unknown as Json);
    expect(await execution.done).toEqual({ status: 'SUCCEEDED', output: { at: '2024-01-01T00:00:00.000Z' } });
  });
});
