/**
 * The JSONPath workloads of issue 2. Each baseline does what the machine means with plain
 * objects (spread where ResultPath merges, a loop where the machine loops) and nothing more.
 */
import type { Json, JsonObject, StateDefinition } from '@stepwise/engine';
import type { Workload, WorkloadHandler } from './types.ts';

const AWS_HISTORY_LIMIT = 25_000;

/** A chain of Pass states, each building a small object with Parameters and merging it in with ResultPath. */
export function passChain(length: number): Workload {
  const states: Record<string, StateDefinition> = {};
  for (let i = 0; i < length; i++) {
    states[`Step${i}`] = {
      Type: 'Pass',
      Parameters: { step: i, 'prev.$': '$.last.step', 'name.$': '$.name' },
      ResultPath: '$.last',
      ...(i + 1 < length ? { Next: `Step${i + 1}` } : { End: true }),
    };
  }
  return {
    id: `pass-chain-${length}`,
    title: `${length} Pass states, Parameters + ResultPath`,
    queryLanguage: 'JSONPath',
    definition: { StartAt: 'Step0', States: states },
    input: () => ({ name: 'chain', last: { step: -1 } }),
    baseline(input) {
      let state = input as JsonObject;
      for (let i = 0; i < length; i++) {
        const last = state.last as JsonObject;
        state = { ...state, last: { step: i, prev: last.step, name: state.name } };
      }
      return state;
    },
    transitions: length,
    largeHistory: 2 * length + 2 > AWS_HISTORY_LIMIT,
  };
}

/** A Choice loop: test a counter, add to it and to a running total with States.MathAdd, go round again. */
export function choiceLoop(iterations: number): Workload {
  return {
    id: `choice-loop-${iterations}`,
    title: `Choice loop × ${iterations}, States.MathAdd`,
    queryLanguage: 'JSONPath',
    definition: {
      StartAt: 'Check',
      States: {
        Check: { Type: 'Choice', Choices: [{ Variable: '$.i', NumericLessThan: iterations, Next: 'Increment' }], Default: 'Done' },
        Increment: {
          Type: 'Pass',
          Parameters: { 'i.$': 'States.MathAdd($.i, 1)', 'total.$': 'States.MathAdd($.total, $.i)' },
          Next: 'Check',
        },
        Done: { Type: 'Succeed' },
      },
    },
    input: () => ({ i: 0, total: 0 }),
    baseline(input) {
      let { i, total } = input as { i: number; total: number };
      while (i < iterations) {
        total += i;
        i += 1;
      }
      return { i, total };
    },
    transitions: 2 * iterations + 2,
    largeHistory: true,
  };
}

/** An inline Map whose item processor is two states: compute with an intrinsic, then tag with Result/ResultPath. */
export function mapItems(count: number): Workload {
  return {
    id: `map-${count}`,
    title: `inline Map over ${count.toLocaleString('en-US')} items, 2-state processor`,
    queryLanguage: 'JSONPath',
    definition: {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Double',
            States: {
              Double: { Type: 'Pass', Parameters: { 'id.$': '$.id', 'doubled.$': 'States.MathAdd($.value, $.value)' }, Next: 'Tag' },
              Tag: { Type: 'Pass', Result: 'ok', ResultPath: '$.status', End: true },
            },
          },
          ResultPath: '$.results',
          End: true,
        },
      },
    },
    input: () => ({ items: Array.from({ length: count }, (_, id) => ({ id, value: id % 97 })) }),
    baseline(input) {
      const items = (input as { items: Array<{ id: number; value: number }> }).items;
      const results = new Array<Json>(items.length);
      for (let i = 0; i < items.length; i++) {
        const { id, value } = items[i];
        results[i] = { id, doubled: value + value, status: 'ok' };
      }
      return { ...(input as JsonObject), results };
    },
    transitions: 1 + 2 * count,
    largeHistory: true,
    // 10,000 items are already about 200 KiB of input and 400 KiB of output.
    largePayload: true,
  };
}

/** A Parallel state whose branches are each a chain of Pass states. */
export function parallelBranches(branches: number, depth: number): Workload {
  const branchDefinitions = Array.from({ length: branches }, (_, b) => {
    const states: Record<string, StateDefinition> = {};
    for (let s = 0; s < depth; s++) {
      states[`B${b}S${s}`] = {
        Type: 'Pass',
        Parameters: { branch: b, step: s, 'v.$': 'States.MathAdd($.v, 1)' },
        ...(s + 1 < depth ? { Next: `B${b}S${s + 1}` } : { End: true }),
      };
    }
    return { StartAt: `B${b}S0`, States: states };
  });
  return {
    id: `parallel-${branches}x${depth}`,
    title: `Parallel, ${branches} branches × ${depth} Pass states`,
    queryLanguage: 'JSONPath',
    definition: { StartAt: 'Fan', States: { Fan: { Type: 'Parallel', Branches: branchDefinitions, ResultPath: '$.branches', End: true } } },
    input: () => ({ v: 0 }),
    baseline(input) {
      const results: Json[] = [];
      for (let b = 0; b < branches; b++) {
        let value = input as JsonObject;
        for (let s = 0; s < depth; s++) value = { branch: b, step: s, v: (value.v as number) + 1 };
        results.push(value);
      }
      return { ...(input as JsonObject), branches: results };
    },
    transitions: 1 + branches * depth,
    largeHistory: false,
  };
}

/** The error the flaky task throws; its `name` is the ASL error name in both engines. */
class FlakyError extends Error {
  override name = 'Flaky.Unavailable';
}

/** A Task that fails twice and then succeeds, under Retry (1 s, ×2 back-off) with a Catch behind it. */
export function retryCatch(): Workload {
  const failures = 2;
  return {
    id: 'retry-catch',
    title: `Task fails ${failures}× then succeeds, Retry + Catch`,
    queryLanguage: 'JSONPath',
    definition: {
      StartAt: 'Flaky',
      States: {
        Flaky: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:flaky',
          Retry: [{ ErrorEquals: ['Flaky.Unavailable'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recovered' }],
          ResultPath: '$.result',
          Next: 'Done',
        },
        Recovered: { Type: 'Pass', Result: 'recovered', ResultPath: '$.status', Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    },
    input: () => ({ order: 42 }),
    tasks(): Record<string, WorkloadHandler> {
      let attempt = 0;
      return {
        Flaky: (input) => {
          attempt++;
          if (attempt <= failures) throw new FlakyError(`attempt ${attempt} failed`);
          return { attempt, order: (input as JsonObject).order };
        },
      };
    },
    async baseline(input, tasks) {
      let result: Json | undefined;
      for (let attempt = 0; attempt <= 3; attempt++) {
        try {
          result = await tasks.Flaky(input);
          break;
        } catch (error) {
          if ((error as Error).name !== 'Flaky.Unavailable' || attempt === 3) return { ...(input as JsonObject), status: 'recovered' };
        }
      }
      return { ...(input as JsonObject), result: result! };
    },
    transitions: 2,
    largeHistory: false,
    retryOverrides: { Flaky: 0 },
  };
}

/** A large input (about `bytes` of JSON) through a chain of Pass states that each set one small field. */
export function largePayload(bytes: number, length: number): Workload {
  const states: Record<string, StateDefinition> = {};
  for (let i = 0; i < length; i++) {
    states[`Step${i}`] = {
      Type: 'Pass',
      Result: { step: i },
      ResultPath: '$.last',
      ...(i + 1 < length ? { Next: `Step${i + 1}` } : { End: true }),
    };
  }
  return {
    id: `payload-${Math.round(bytes / 1024)}k`,
    title: `${Math.round(bytes / 1024)} KiB input through ${length} Pass states`,
    queryLanguage: 'JSONPath',
    definition: { StartAt: 'Step0', States: states },
    input: () => payloadOfSize(bytes),
    baseline(input) {
      let state = input as JsonObject;
      for (let i = 0; i < length; i++) state = { ...state, last: { step: i } };
      return state;
    },
    transitions: length,
    largeHistory: false,
  };
}

/** Records of customer-ish data, deterministic, until their JSON text reaches `bytes`. */
function payloadOfSize(bytes: number): JsonObject {
  const records: JsonObject[] = [];
  let size = '{"records":[]}'.length;
  for (let i = 0; size < bytes; i++) {
    const record: JsonObject = {
      id: `rec-${i.toString().padStart(6, '0')}`,
      name: `Customer ${i}`,
      email: `customer${i}@example.com`,
      balance: (i * 37) % 10_000,
      active: i % 3 !== 0,
      tags: ['alpha', 'beta', 'gamma'].slice(0, 1 + (i % 3)),
      address: { street: `${i} Main Street`, city: 'Springfield', zip: String(10_000 + i) },
    };
    const text = JSON.stringify(record).length + 1;
    if (size + text > bytes) break;
    records.push(record);
    size += text;
  }
  return { records };
}
