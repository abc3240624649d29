/**
 * What a task handler returns is taken exactly as a JSON round trip would give it (the fast copy
 * of plain values and the JSON-text path for the rest must agree), or fails with a TypeError.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { copyForTask, fromTask } from '../../src/tasks/task-values.ts';
import type { Json } from '../../src/json.ts';

/** Values a JavaScript handler might return: JSON, plus undefined, NaN, -0, Dates, functions, nested anywhere. */
const returned = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(-0),
    fc.date({ noInvalidDate: true }),
    fc.constant(() => 1),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('fromTask', () => {
  it('gives what JSON.parse(JSON.stringify(value)) gives (null for nothing at all), for any value a handler may return', () => {
    fc.assert(
      fc.property(returned, (value) => {
        const text = JSON.stringify(value);
        const expected = text === undefined ? null : (JSON.parse(text) as Json);
        expect(fromTask(value, 'test')).toStrictEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('and a copy for a handler is the same JSON, not the same objects', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const copy = copyForTask(value as Json);
        expect(copy).toStrictEqual(JSON.parse(JSON.stringify(value)));
        if (typeof value === 'object' && value !== null) expect(copy).not.toBe(value);
      }),
      { numRuns: 500 },
    );
  });
});
