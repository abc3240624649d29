import { describe, expect, it } from 'vitest';
import { details, run } from './helpers.ts';

describe('Parallel state', () => {
  it('runs branches on the same input and returns their outputs in branch order', async () => {
    const { result, types } = await run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            End: true,
            ResultSelector: { 'first.$': '$[0]', 'second.$': '$[1]' },
            Branches: [
              { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 10, Next: 'A' }, A: { Type: 'Pass', Parameters: { 'a.$': '$.x' }, End: true } } },
              { StartAt: 'B', States: { B: { Type: 'Pass', Parameters: { 'b.$': '$.x' }, End: true } } },
            ],
          },
        },
      },
      { x: 1 },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { first: { a: 1 }, second: { b: 1 } } });
    expect(types.filter((t) => t.startsWith('Parallel'))).toEqual(['ParallelStateEntered', 'ParallelStateStarted', 'ParallelStateSucceeded', 'ParallelStateExited']);
  });

  it('a failing branch stops the others and its error is the state error', async () => {
    const { result, types } = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'Long', States: { Long: { Type: 'Wait', Seconds: 3600, Next: 'Never' }, Never: { Type: 'Pass', End: true } } },
            { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'BranchBroke', Cause: 'on purpose' } } },
          ],
        },
      },
    });
    expect(result).toEqual({ status: 'FAILED', error: 'BranchBroke', cause: 'on purpose' });
    expect(types).not.toContain('WaitStateExited');
    expect(types.at(-2)).toBe('ParallelStateFailed');
  });

  it('branches read outer variables, and their own assignments stay inside', async () => {
    const { result } = await run({
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { greeting: 'hi' }, Next: 'P' },
        P: {
          Type: 'Parallel',
          Next: 'After',
          Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Assign: { inner: 1 }, Parameters: { 'g.$': '$greeting' }, End: true } } }],
        },
        After: { Type: 'Pass', Parameters: { 'branches.$': '$', 'g.$': '$greeting' }, End: true },
      },
    });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { branches: [{ g: 'hi' }], g: 'hi' } });
  });
});

describe('Map state (inline)', () => {
  const squareEach = {
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'factor.$': '$.factor' },
        MaxConcurrency: 2,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Mul',
          States: { Mul: { Type: 'Pass', Parameters: { 'i.$': '$.index', 'v.$': 'States.MathAdd($.value, $.factor)' }, End: true } },
        },
        ResultPath: '$.results',
        End: true,
      },
    },
  };

  it('runs the processor per item with ItemSelector and $$.Map.Item, results in item order', async () => {
    const { result, history } = await run(squareEach, { items: [10, 20, 30], factor: 1 });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: { items: [10, 20, 30], factor: 1, results: [{ i: 0, v: 11 }, { i: 1, v: 21 }, { i: 2, v: 31 }] },
    });
    expect(details(history.find((e) => e.type === 'MapStateStarted')!)).toEqual({ length: 3 });
    expect(history.filter((e) => e.type === 'MapIterationSucceeded').map((e) => details(e).index).sort()).toEqual([0, 1, 2]);
  });

  it('keeps results in input order even when later items finish first', async () => {
    const { result } = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$', End: true } } },
            End: true,
          },
        },
      },
      [30, 10, 20],
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: [30, 10, 20] });
  });

  it('accepts the legacy Iterator and Parameters fields', async () => {
    const { result } = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            Parameters: { 'n.$': '$$.Map.Item.Value' },
            Iterator: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      [1, 2],
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ n: 1 }, { n: 2 }] });
  });

  it('fails with the failing iteration’s error when no failure is tolerated', async () => {
    const { result, types } = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemProcessor: {
              StartAt: 'C',
              States: {
                C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'Bad' }], Default: 'Ok' },
                Bad: { Type: 'Fail', Error: 'BadItem' },
                Ok: { Type: 'Pass', End: true },
              },
            },
            MaxConcurrency: 1,
            End: true,
          },
        },
      },
      [1, 2, 3],
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'BadItem' });
    expect(types).toContain('MapIterationFailed');
    expect(types.at(-2)).toBe('MapStateFailed');
  });

  it('tolerates failures up to ToleratedFailureCount, then fails with States.ExceedToleratedFailureThreshold', async () => {
    const machine = (count: number) => ({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ToleratedFailureCount: count,
          ItemProcessor: {
            StartAt: 'C',
            States: {
              C: { Type: 'Choice', Choices: [{ Variable: '$', NumericGreaterThan: 1, Next: 'Bad' }], Default: 'Ok' },
              Bad: { Type: 'Fail', Error: 'BadItem' },
              Ok: { Type: 'Pass', End: true },
            },
          },
          End: true,
        },
      },
    });
    expect((await run(machine(2), [1, 2, 3])).result.status).toBe('SUCCEEDED');
    expect((await run(machine(1), [1, 2, 3])).result).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });

  it('runs 10,000 items', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => i);
    const { result } = await run(
      { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } },
      items,
      { engine: { limits: { maxHistoryEvents: Infinity } } },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: items });
  });

  it('records a long history whole: every event of every iteration in order, with its state, payload and link', async () => {
    // 1,500 items one at a time are 6,005 events: the history's storage spans several chunks.
    const count = 1500;
    const items = Array.from({ length: count }, (_, i) => ({ n: i }));
    const { result, history } = await run(
      { StartAt: 'M', States: { M: { Type: 'Map', MaxConcurrency: 1, ItemProcessor: { StartAt: 'Tag', States: { Tag: { Type: 'Pass', Result: 'seen', ResultPath: '$.tag', End: true } } }, End: true } } },
      items,
      { engine: { limits: { maxHistoryEvents: Infinity } } },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
    for (const event of history) expect(event.previousEventId).toBeLessThan(event.id);
    const perItem = history.filter((e) => e.type.startsWith('MapIteration') || e.type.startsWith('PassState'));
    expect(perItem).toHaveLength(4 * count);
    for (let i = 0; i < count; i++) {
      const [started, entered, exited, succeeded] = perItem.slice(4 * i, 4 * i + 4);
      expect([started.type, entered.type, exited.type, succeeded.type]).toEqual(['MapIterationStarted', 'PassStateEntered', 'PassStateExited', 'MapIterationSucceeded']);
      expect(details(started)).toEqual({ index: i, name: 'M' });
      expect(details(entered)).toMatchObject({ name: 'Tag', input: JSON.stringify({ n: i }) });
      expect(details(exited)).toMatchObject({ name: 'Tag', output: JSON.stringify({ n: i, tag: 'seen' }) });
      expect(entered.previousEventId).toBe(started.id);
      expect(exited.previousEventId).toBe(entered.id);
    }
  });
});

describe('Map state over an object (Distributed mode)', () => {
  const distributed = (fields: object, processor: object = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }) => ({
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ...fields,
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, ...processor },
        End: true,
      },
    },
  });

  it('runs one iteration per key-value pair, in key order, with $$.Map.Item.Key (JSONPath ItemsPath)', async () => {
    const { result, history } = await run(
      distributed({ ItemsPath: '$.prices', ItemSelector: { 'key.$': '$$.Map.Item.Key', 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' } }),
      { prices: { apple: 1, pear: { kg: 2 } } },
    );
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { key: 'apple', value: 1, index: 0 },
        { key: 'pear', value: { kg: 2 }, index: 1 },
      ],
    });
    expect(details(history.find((e) => e.type === 'MapStateStarted')!)).toEqual({ length: 2 });
  });

  it('JSONata Items may produce an object; $states.context.Map.Item.Key names each member', async () => {
    const { result } = await run(
      {
        QueryLanguage: 'JSONata',
        ...distributed({
          Items: '{% $states.input.stock %}',
          ItemSelector: { sku: '{% $states.context.Map.Item.Key %}', count: '{% $states.context.Map.Item.Value * 10 %}' },
        }),
      },
      { stock: { a1: 1, b2: 2, c3: 3 } },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ sku: 'a1', count: 10 }, { sku: 'b2', count: 20 }, { sku: 'c3', count: 30 }] });
  });

  it('AWS does not document the pair an iteration receives without ItemSelector: Stepwise passes { Key, Value }', async () => {
    const { result } = await run(distributed({}), { x: [1], y: null });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ Key: 'x', Value: [1] }, { Key: 'y', Value: null }] });
  });

  it('an array item has no $$.Map.Item.Key', async () => {
    const { result } = await run(distributed({ ItemSelector: { 'item.$': '$$.Map.Item' } }), ['a']);
    expect(result).toEqual({ status: 'SUCCEEDED', output: [{ item: { Index: 0, Value: 'a' } }] });
  });

  it('an Items expression producing neither array nor object is States.QueryEvaluationError naming the field', async () => {
    const { result, types } = await run({ QueryLanguage: 'JSONata', ...distributed({ Items: "{% 'text' %}" }) });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    if (result.status === 'FAILED') expect(result.cause).toContain("specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'string'");
    expect(types).toContain('EvaluationFailed');
  });

  it('Inline mode still rejects an object, as the corpus records AWS doing', async () => {
    const { result } = await run(
      { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } },
      { a: 1 },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: expect.stringContaining('Map state input must be an array but was: {"a":1}') });
  });
});
