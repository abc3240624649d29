/**
 * Whatever text sits between `{%` and `%}`, compiling and evaluating it ends, and ends in one of
 * two ways only: a definition-time JsonataDefinitionError, or a run-time StatesError (all of them
 * States.QueryEvaluationError). No raw engine error, no TypeError, no hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/json.ts';
import { StatesError } from '../../src/errors.ts';
import { compileJsonataTemplate, JsonataDefinitionError, type JsonataBindings } from '../../src/dataflow/jsonata.ts';

const bindings: JsonataBindings = {
  states: { input: { a: [1, 2, 3], s: 'text', o: { k: 'v' }, n: null }, context: { Execution: { Id: 'x' } } },
  variables: { get: (name) => ({ v: [1, { w: 2 }], t: 'x' } as Record<string, Json>)[name] },
  random: () => 0.5,
};

const limits = { timeoutMs: 250, maxDepth: 100 };

async function outcome(text: string): Promise<'value' | 'definition' | 'evaluation'> {
  let template;
  try {
    template = compileJsonataTemplate(`{%${text}%}`, 'Output', { limits });
  } catch (error) {
    expect(error).toBeInstanceOf(JsonataDefinitionError);
    return 'definition';
  }
  try {
    const value = await template.evaluate(bindings);
    // Whatever comes back is plain JSON.
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
    return 'value';
  } catch (error) {
    expect(error).toBeInstanceOf(StatesError);
    expect((error as StatesError).error).toBe('States.QueryEvaluationError');
    return 'evaluation';
  }
}

/** Fragments that make parseable, and often runnable, expressions more likely than random text. */
const token = fc.constantFrom(
  '$states.input', '$states.input.a', '$states.input.o', '$states.context', '$states.result', '$v', '$t', '$x',
  '1', '0', '-1', '2.5', '"s"', "'q'", 'true', 'null', '[', ']', '(', ')', '{', '}', ',', ':', ';', '.', '+', '-', '*', '/',
  '%', '&', '=', '!=', '<', '>', '?', 'and', 'or', 'in', '..', '~>', ':=', '$f', 'function($x){$x}', 'function($n){$f($n)}',
  '$sum', '$count', '$map', '$string', '$number', '$partition', '$range', '$hash', '$random', '$uuid', '$parse', '$eval',
  '$now', '$keys', '$lookup', '$sort', '$reduce', '$append', '$exists', '$type', 'name', 'a', '$', '$$', '^(', '#$i', '@$e',
  '|', '**', '*.', '[0]', '[-1]', "'MD5'", "'SHA-256'",
);

describe('JSONata expressions of any text', () => {
  it('never throw anything but the two error kinds, on random text', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 40 }), async (text) => { await outcome(text); }), { numRuns: 300 });
  });

  it('never throw anything but the two error kinds, on token soup', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(token, { minLength: 1, maxLength: 12 }), async (tokens) => {
        seen.add(await outcome(tokens.join(' ')));
      }),
      { numRuns: 1500 },
    );
    // The generator reaches all three outcomes, so the property is not vacuous.
    expect(seen).toEqual(new Set(['value', 'definition', 'evaluation']));
  }, 120_000);

  it('end pathological expressions within their bounds', async () => {
    for (const text of [
      '($f := function($n){ $f($n + 1) }; $f(0))',
      '($f := function($n){ 1 + $f($n + 1) }; $f(0))',
      '($f := function($n){ $n > 0 ? $f($n - 1) : 0 }; $f(1e9))',
      '$count([1..3000000].$string())',
      '$range(0, 1e12, 1)',
      '$pad("x", 1e10)',
      '$partition([1], 1e300)',
      '$random(1e300)',
    ]) {
      const started = Date.now();
      await outcome(text);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  }, 120_000);
});
