/**
 * Differential test of the synchronous JSONata subset against jsonata-js: random expressions from
 * a grammar covering the subset (and some constructs just outside it), random bindings (arrays
 * sometimes on the way), random depth limits. Whenever the fast path answers something other than
 * NOT_HANDLED, jsonata-js must succeed with the same value (or both answer undefined); the fast
 * path never throws and never mutates its bindings.
 *
 * `JSONATA_FAST_STATS=1` prints how many cases the fast path handled; `JSONATA_FAST_RUNS=n` runs more.
 */
import fc from 'fast-check';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileFastJsonata, NOT_HANDLED } from '../../src/dataflow/jsonata-fast.ts';
import { toJsonResult } from '../../src/dataflow/jsonata-values.ts';
import { expectSameJson } from './jsonata-fast-json.ts';

type Bindings = Record<string, unknown>;

const RUNS = Number(process.env.JSONATA_FAST_RUNS ?? 2500);
const REAL_WORLD_RUNS = Math.max(500, Math.round(RUNS / 5));

// ------------------------------------------------------------------------------ bindings

const KEYS = ['p', 'q', 'r'] as const;

const number = fc.oneof(
  fc.integer({ min: -10, max: 10 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.constantFrom(0, -0, 0.1, 0.2, 1 / 3, 1e21, 1.5e-7, 123456789.12345678, 2 ** 53 + 2, 1e308, -1e308, 5e-324),
);

const string = fc.oneof(
  fc.constantFrom('', 'a', 'b', 'done', 'é', '😀', '\ud83d', '[', '0', 'true', 'p'),
  fc.string({ maxLength: 3 }),
  fc.string({ unit: 'binary', maxLength: 3 }),
);

const scalar = fc.oneof(number, string, fc.boolean(), fc.constant(null));

const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    scalar,
    scalar,
    fc.dictionary(fc.constantFrom(...KEYS), tie('json'), { maxKeys: 3 }),
    fc.array(tie('json'), { maxLength: 3 }),
  ),
}));

/** Objects keyed like the paths below, so that paths mostly find something. */
const objectish = fc.dictionary(fc.constantFrom(...KEYS), json, { maxKeys: 3 });
const bound = fc.oneof(objectish, objectish, json);

const bindingsArb: fc.Arbitrary<Bindings> = fc
  .record(
    { x: bound, y: bound, z: bound, w: bound, input: bound, result: bound },
    { requiredKeys: ['x', 'y', 'z', 'input'] },
  )
  .map(({ input, result, ...variables }) => ({
    ...variables,
    states: { input, context: { Execution: { Id: 'arn:exec' } }, ...(result === undefined ? {} : { result }) },
  }));

// ----------------------------------------------------------------------------- expressions

const numberText = number.map((n) => (Object.is(n, -0) ? '-0' : String(n)));
const stringText = string.map((s) => JSON.stringify(s));
const literal = fc.oneof(numberText, stringText, fc.constantFrom('true', 'false', 'null'));

const variable = fc.constantFrom('$x', '$y', '$z', '$w', '$states', '$states.input', '$states.result', '$states.context');
const path = fc
  .tuple(variable, fc.array(fc.constantFrom(...KEYS, 'missing'), { minLength: 0, maxLength: 3 }))
  .map(([start, steps]) => [start, ...steps].join('.'));

/** Just outside the subset: each must compile to undefined (or stay correct if it did not). */
const outside = fc.constantFrom(
  '$count($x)',
  '$string($y)',
  '$x.p[0]',
  '$x[]',
  '$x.p[]',
  '$x.*',
  '$x.p{"k": 1}',
  '($v := 1; $v)',
  '$x in [1, 2]',
  '$exists($x.p)',
  '$',
  '[1..3]',
  '$x.p#$i',
  '$states.input.(p)',
  '$lookup($x, "p")',
  '$x ~> $keys()',
);

const BINARY = ['+', '-', '*', '/', '%', '=', '!=', '<', '<=', '>', '>=', 'and', 'or', '&'] as const;
const OBJECT_KEYS = ['a', 'b', '1', '', '__proto__', '_jsonata_lambda'] as const;

const { expression } = fc.letrec<{ expression: string }>((tie) => {
  const sub = tie('expression');
  const wrap = (text: string, parenthesise: boolean): string => (parenthesise ? `(${text})` : text);
  return {
    expression: fc.oneof(
      { depthSize: 'small', maxDepth: 5 },
      { arbitrary: literal, weight: 3 },
      { arbitrary: path, weight: 5 },
      { arbitrary: outside, weight: 1 },
      {
        arbitrary: fc.tuple(sub, fc.constantFrom(...BINARY), sub, fc.boolean()).map(([l, op, r, p]) => wrap(`${l} ${op} ${r}`, p)),
        weight: 6,
      },
      { arbitrary: fc.tuple(sub, fc.boolean()).map(([e, p]) => wrap(`- ${e}`, p)), weight: 1 },
      {
        arbitrary: fc.tuple(sub, sub, fc.option(sub), fc.boolean()).map(([c, t, e, p]) => wrap(e === null ? `${c} ? ${t}` : `${c} ? ${t} : ${e}`, p)),
        weight: 2,
      },
      { arbitrary: fc.array(sub, { maxLength: 3 }).map((items) => `(${items.join('; ')})`), weight: 1 },
      { arbitrary: fc.array(sub, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`), weight: 2 },
      {
        arbitrary: fc
          .array(fc.tuple(fc.constantFrom(...OBJECT_KEYS), sub), { maxLength: 3 })
          .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')}}`),
        weight: 2,
      },
    ),
  };
});

/** The shapes real state machines are made of: the fast path's reason to exist. */
const realWorld = fc.oneof(
  fc.tuple(path, fc.constantFrom('<', '<=', '>', '>=', '=', '!='), fc.oneof(numberText, stringText)).map(([p, op, v]) => `${p} ${op} ${v}`),
  fc.tuple(path, fc.constantFrom('+', '-', '*', '/'), numberText).map(([p, op, v]) => `${p} ${op} ${v}`),
  path,
  fc.tuple(path, path).map(([a, b]) => `{ "total": ${a} * 2, "name": ${b} }`),
  fc.tuple(path, path).map(([a, b]) => `${a} and ${b}`),
  fc.tuple(path, literal, literal).map(([c, a, b]) => `${c} ? ${a} : ${b}`),
  fc.tuple(path, path).map(([a, b]) => `"Hello, " & ${a} & ${b}`),
);

// ------------------------------------------------------------------------------- the check

interface Stats {
  cases: number;
  unparsed: number;
  uncompiled: number;
  notHandled: number;
  handled: number;
  handledUndefined: number;
}

const newStats = (): Stats => ({ cases: 0, unparsed: 0, uncompiled: 0, notHandled: 0, handled: 0, handledUndefined: 0 });

async function check(text: string, values: Bindings, stack: number, stats: Stats): Promise<void> {
  stats.cases++;
  let ast: jsonata.ExprNode;
  try {
    ast = jsonata(text).ast();
  } catch {
    stats.unparsed++;
    return;
  }
  const fast = compileFastJsonata(ast, { maxDepth: stack });
  if (fast === undefined) {
    stats.uncompiled++;
    return;
  }
  // The fast path sees a frozen copy: were it to write to its bindings, it would throw here.
  const result = fast(deepFreeze(structuredClone(values)));
  if (result === NOT_HANDLED) {
    stats.notHandled++;
    return;
  }
  stats.handled++;
  if (result === undefined) stats.handledUndefined++;
  let raw: unknown;
  try {
    raw = await jsonata(text, { stack, timeout: 5000 }).evaluate(undefined, structuredClone(values));
  } catch (error) {
    throw new Error(`fast path answered ${JSON.stringify(toJsonResult(result))} where jsonata failed with ${(error as { code?: string }).code}: ${text}`);
  }
  expectSameJson(result, raw, text);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

function report(name: string, stats: Stats): void {
  if (!process.env.JSONATA_FAST_STATS) return;
  const pct = (n: number): string => `${((100 * n) / stats.cases).toFixed(1)}%`;
  // eslint-disable-next-line no-console
  console.log(
    `${name}: ${stats.cases} cases; handled ${stats.handled} (${pct(stats.handled)}, of which undefined ${stats.handledUndefined}); ` +
      `NOT_HANDLED ${stats.notHandled} (${pct(stats.notHandled)}); not compiled ${stats.uncompiled} (${pct(stats.uncompiled)}); unparsed ${stats.unparsed} (${pct(stats.unparsed)})`,
  );
}

describe('jsonata-fast against jsonata-js', () => {
  it(`agrees on random expressions of the grammar (${RUNS} cases)`, async () => {
    const stats = newStats();
    await fc.assert(
      fc.asyncProperty(expression, bindingsArb, fc.constantFrom(100, 100, 100, 12, 6), async (text, values, stack) => {
        await check(text, values, stack, stats);
      }),
      { numRuns: RUNS },
    );
    report('grammar', stats);
    expect(stats.cases).toBeGreaterThanOrEqual(RUNS);
    // Not vacuous: a good share is handled, both as values and as undefined, and some is refused.
    expect(stats.handled).toBeGreaterThan(stats.cases * 0.25);
    expect(stats.handledUndefined).toBeGreaterThan(0);
    expect(stats.handled - stats.handledUndefined).toBeGreaterThan(stats.cases * 0.15);
    expect(stats.notHandled).toBeGreaterThan(0);
    expect(stats.uncompiled).toBeGreaterThan(0);
  }, 60_000);

  it(`agrees on the shapes real state machines use (${REAL_WORLD_RUNS} cases)`, async () => {
    const stats = newStats();
    await fc.assert(
      fc.asyncProperty(realWorld, bindingsArb, async (text, values) => {
        await check(text, values, 100, stats);
      }),
      { numRuns: REAL_WORLD_RUNS },
    );
    report('real-world', stats);
    expect(stats.uncompiled).toBe(0);
    expect(stats.handled).toBeGreaterThan(stats.cases * 0.5);
  }, 60_000);
});
