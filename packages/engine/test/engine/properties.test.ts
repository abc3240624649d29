/**
 * Property tests: whatever the input, and however a valid definition is mutated, the engine
 * answers with a terminal status or a diagnostic — it never throws out of its API, and never hangs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidDefinitionError, InvalidExecutionInputError, type Json } from '../../src/index.ts';
import { engine } from './helpers.ts';

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

const sample = {
  StartAt: 'Shape',
  States: {
    Shape: { Type: 'Pass', Parameters: { 'id.$': '$.id', 'items.$': '$.items', 'label.$': "States.Format('#{}', $.id)" }, ResultPath: '$.shaped', Next: 'Route' },
    Route: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.shaped.id', IsNumeric: true, Next: 'Each' },
        { Variable: '$.flag', BooleanEquals: true, Next: 'Pause' },
      ],
      Default: 'Stop',
    },
    Pause: { Type: 'Wait', SecondsPath: '$.delay', Next: 'Each' },
    Each: {
      Type: 'Map',
      ItemsPath: '$.shaped.items',
      MaxConcurrency: 2,
      ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }], End: true } } },
      ResultPath: '$.results',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Stop' }],
      End: true,
    },
    Stop: { Type: 'Fail', ErrorPath: '$.error.Error', Cause: 'stopped' },
  },
};

const handler = (input: Json) => {
  if (typeof input === 'number' && input % 3 === 0) throw { error: 'Three', cause: 'divisible' };
  return input;
};

async function outcome(definition: unknown, input: Json) {
  let machine;
  try {
    machine = engine().createMachine(definition as never);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDefinitionError);
    return 'rejected';
  }
  const execution = machine.start({ input, tasks: { Work: handler } });
  const result = await Promise.race([execution.done, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5_000))]);
  if (result === 'hung') execution.stop();
  return result === 'hung' ? 'hung' : result.status;
}

describe('engine properties', () => {
  it('any JSON input ends in a terminal status', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (input) => {
        expect(TERMINAL.has(await outcome(sample, input as Json))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('inputs of the right shape with random values end in a terminal status', async () => {
    const shaped = fc.record({ id: fc.jsonValue(), items: fc.array(fc.jsonValue(), { maxLength: 8 }), flag: fc.boolean(), delay: fc.jsonValue() });
    await fc.assert(
      fc.asyncProperty(shaped, async (input) => {
        expect(TERMINAL.has(await outcome(sample, input as Json))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('any JavaScript value as input is refused with InvalidExecutionInputError or runs to a terminal status, and so is any value a handler returns', async () => {
    const anything = fc.anything({ withDate: true, withBigInt: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true, withObjectString: true });
    const echo = { StartAt: 'Echo', States: { Echo: { Type: 'Task' as const, Resource: 'arn:aws:lambda:us-east-1:123456789012:function:echo', End: true } } };
    await fc.assert(
      fc.asyncProperty(anything, anything, async (input, returned) => {
        let result: string;
        try {
          const execution = engine().createMachine(echo).start({ input: input as Json, tasks: { Echo: () => returned as Json } });
          result = (await execution.done).status;
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidExecutionInputError);
          result = 'refused';
        }
        expect(result === 'refused' || TERMINAL.has(result)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a randomly mutated definition is rejected with diagnostics or runs to a terminal status', async () => {
    const paths = collectPaths(sample);
    const mutation = fc.record({ at: fc.constantFrom(...paths), value: fc.oneof(fc.jsonValue(), fc.constantFrom('$.nope', '$$.Map', 'States.Array(', '', null, -1, 1e9)) });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.jsonValue(), async (mutations, input) => {
        const definition = structuredClone(sample) as Record<string, unknown>;
        for (const { at, value } of mutations) setAt(definition, at, value);
        const result = await outcome(definition, input as Json);
        expect(result === 'rejected' || TERMINAL.has(result)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

function collectPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const paths: string[][] = [prefix];
  for (const [key, child] of Object.entries(value)) paths.push(...collectPaths(child, [...prefix, key]));
  return paths.filter((p) => p.length > 0);
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') return;
    node = next as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}
