/**
 * The synchronous JSONata subset against jsonata-js itself: every value the fast path answers must
 * be the one jsonata answers, constructs outside the subset must not compile, and values that make
 * the outcome uncertain must answer NOT_HANDLED.
 */
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileFastJsonata, NOT_HANDLED, type FastJsonata } from '../../src/dataflow/jsonata-fast.ts';
import { toJsonResult } from '../../src/dataflow/jsonata-values.ts';
import { expectSameJson } from './jsonata-fast-json.ts';

type Bindings = Record<string, unknown>;

const bindings: Bindings = {
  states: {
    input: {
      i: 3,
      zero: 0,
      neg: -2.5,
      name: 'Ada',
      empty: '',
      flag: true,
      off: false,
      nothing: null,
      order: { total: 42.5, items: [{ sku: 'a', qty: 2 }, { sku: 'b', qty: 1 }], tags: [], one: ['x'] },
      nested: { a: { b: { c: 'deep' } } },
      emptyObject: {},
      'a b': 'spaced',
      __proto__key: 1,
    },
    context: { Execution: { Id: 'arn:exec' }, State: { Name: 'S' } },
  },
  count: 9,
  x: 2,
  f: 0.1,
  s: 'done',
  t: true,
  u: false,
  n: null,
  arr: [1, 2, 3],
  single: [7],
  none: [],
  obj: { k: 'v' },
  big: 1e308,
};

async function viaJsonata(text: string, values: Bindings, stack = 100): Promise<{ raw: unknown } | { code: string }> {
  try {
    return { raw: await jsonata(text, { stack, timeout: 5000 }).evaluate(undefined, structuredClone(values)) };
  } catch (error) {
    return { code: String((error as { code?: unknown }).code) };
  }
}

function compile(text: string, maxDepth?: number): FastJsonata | undefined {
  return compileFastJsonata(jsonata(text).ast(), maxDepth === undefined ? {} : { maxDepth });
}

/** The fast path handles `text` and answers exactly what jsonata-js answers. */
async function expectSame(text: string, values: Bindings = bindings): Promise<unknown> {
  const fast = compile(text);
  expect(fast, `${text} should compile`).toBeTypeOf('function');
  const result = fast!(values);
  expect(result, `${text} should be handled`).not.toBe(NOT_HANDLED);
  const reference = await viaJsonata(text, values);
  if (!('raw' in reference)) throw new Error(`${text}: jsonata failed with ${reference.code}`);
  expectSameJson(result, reference.raw, text);
  return result;
}

function expectNotHandled(text: string, values: Bindings = bindings): void {
  const fast = compile(text);
  expect(fast, `${text} should compile`).toBeTypeOf('function');
  expect(fast!(values), text).toBe(NOT_HANDLED);
}

function expectUnsupported(text: string): void {
  expect(compile(text), text).toBeUndefined();
}

describe('literals and variables', () => {
  it.each(['42', '-5', '0', '1.5e3', '"text"', "'single'", '""', '"\\u00e9\\ud83d\\ude00"', 'true', 'false', 'null'])('%s', async (text) => {
    await expectSame(text);
  });

  it.each(['$x', '$s', '$t', '$n', '$arr', '$single', '$none', '$obj', '$states'])('%s', async (text) => {
    await expectSame(text);
  });

  it('leaves a variable bound to undefined to jsonata, which reads it as undefined (the engine binds none)', async () => {
    expectNotHandled('$gone', { ...bindings, gone: undefined });
    expect(await viaJsonata('$gone', { ...bindings, gone: undefined })).toEqual({ raw: undefined });
  });

  it('does not take what every object inherits (toString, constructor, __proto__) for a bound variable', async () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      expectNotHandled(`$${name}`);
      expectNotHandled(`$${name}.a`);
    }
    // Bound as own keys, they are variables like any other.
    const own = JSON.parse('{"toString": 1, "constructor": {"a": 2}, "__proto__": {"a": 3}}') as Bindings;
    for (const [text, value] of [['$toString', 1], ['$constructor.a', 2], ['$__proto__.a', 3]] as const) {
      expect(await expectSame(text, { ...bindings, ...own })).toBe(value); // spreading defines an own __proto__ key
    }
  });

  it('leaves a name absent from the bindings to jsonata (built-in functions live there)', async () => {
    expectNotHandled('$absent');
    expectNotHandled('$string');
    expectNotHandled('$absent.a');
    expect(await viaJsonata('$string', bindings)).toMatchObject({ raw: expect.objectContaining({ _jsonata_function: true }) });
  });

  it('leaves non-JSON and sequence-flagged values to jsonata', () => {
    expectNotHandled('$fn', { fn: () => 1 });
    expectNotHandled('$seq', { seq: Object.assign([1], { sequence: true }) });
    expectNotHandled('$o.seq', { o: { seq: Object.assign([1, 2], { sequence: true }) } });
  });
});

describe('paths', () => {
  it.each([
    '$states.input.i',
    '$states.input.order.total',
    '$states.input.nested.a.b.c',
    '$states.input.`a b`',
    '$states.input."name"',
    '$states.context.Execution.Id',
    '$states.input.missing',
    '$states.input.missing.deeper',
    '$states.input.name.length', // a step on a string: nothing
    '$states.input.nothing.a', // a step on null: nothing
    '$states.input.i.a',
    '$states.input.order.items', // an array at the last step is the result, unflattened
    '$states.input.order.tags', // even empty
    '$states.input.order.one', // even with one item
    '$states.result.Payload', // a field $states does not have
    '$obj.k',
    '$obj.toString', // own properties only
    '$obj.constructor',
    '$obj.__proto__',
    '$x.a',
    '$n.a',
  ])('%s', async (text) => {
    await expectSame(text);
  });

  it('reads a __proto__ key JSON.parse made an own property', async () => {
    await expectSame('$j.__proto__.a', { j: JSON.parse('{"__proto__": {"a": 1}}') });
  });

  it('leaves mapping over an array to jsonata', async () => {
    expectNotHandled('$states.input.order.items.sku');
    expectNotHandled('$arr.a');
    expectNotHandled('$single.a');
    expectNotHandled('$none.a');
    expectNotHandled('$states.input.order.tags.a');
    // …which jsonata does answer, in ways a lookup would not: an empty array mid-path is nothing.
    const mapped = await viaJsonata('$states.input.order.items.sku', bindings);
    expect('raw' in mapped && toJsonResult(mapped.raw)).toEqual({ kind: 'value', value: ['a', 'b'] });
    expect(await viaJsonata('$none.a', bindings)).toEqual({ raw: undefined });
  });

  it('leaves objects jsonata takes for functions to jsonata', () => {
    expectNotHandled('$f.a', { f: { _jsonata_lambda: true, a: 1 } });
    expectNotHandled('$f.a', { f: { _jsonata_function: true, a: 1 } });
  });

  it.each([
    '$states.input.order.items[0]',
    '$states.input.order.items[qty > 1]',
    '$states.input.order.items[]',
    '$arr[]',
    '$arr[0]',
    '$states.input.*',
    '$states.input.**',
    '$states.input.order.items.%',
    '$states.input.order.items#$i',
    '$states.input.order.items@$o',
    '$states.input.order{"k": 1}',
    '$states.input.order.items^(qty)',
    '$states.input.$',
    '$states.input.$x',
    '$states.input.("name")',
    '($states).input',
    '{"a": 1}.a',
    '[1, 2].a',
    'name',
    '$',
    '$$',
    '$$.a',
  ])('does not compile %s', (text) => {
    expectUnsupported(text);
  });
});

describe('arithmetic', () => {
  it.each([
    '$count + 1',
    '$count - 10',
    '$x * 2.5',
    '$count / 4',
    '$count % 4',
    '-$count % 4',
    '$states.input.neg % 2',
    '$f + 0.2',
    '$states.input.i * $states.input.neg',
    '-$x',
    '-$states.input.zero', // -0, as jsonata
    '$states.input.zero * -1',
    '-(1 + 2)',
    '- -$x',
    '1 + 2 * 3 - 4 / 5',
    '$missing + 1',
    '1 - $missing',
    '-$missing',
    '$states.input.missing * $states.input.missing',
  ].map((text) => text.replaceAll('$missing', '$states.input.missing')))('%s', async (text) => {
    await expectSame(text);
  });

  it.each(['$s + 1', '1 + $s', '$t * 2', '$n - 1', '$obj + 1', '$arr + 1', '$single + 1', '-$s', '-$arr', '-$n'])(
    'leaves a non-number operand to jsonata: %s',
    async (text) => {
      expectNotHandled(text);
      expect(await viaJsonata(text, bindings)).toHaveProperty('code');
    },
  );

  it('evaluates both operands: an undefined side does not hide a failing one', async () => {
    expectNotHandled('$states.input.missing + $s');
    expect(await viaJsonata('$states.input.missing + $s', bindings)).toEqual({ code: 'T2002' });
  });

  it('leaves non-finite results to jsonata', async () => {
    expectNotHandled('1 / 0');
    expectNotHandled('$states.input.zero / 0');
    expectNotHandled('$big * 10');
    expectNotHandled('-$big * 10');
    expectNotHandled('$x % 0');
    // jsonata returns these raw, and fails on them one operator later.
    expect(await viaJsonata('$big * 10 + 1', bindings)).toEqual({ code: 'D1001' });
    expectNotHandled('$inf + 1', { inf: Infinity });
    expectNotHandled('-$inf', { inf: -Infinity });
  });

  it('does not compile non-finite literals (the parser refuses them; an AST could hold one)', () => {
    expect(() => jsonata('1e999')).toThrow();
    expect(compileFastJsonata({ type: 'number', value: Infinity, position: 5 })).toBeUndefined();
    expect(compileFastJsonata({ type: 'number', value: NaN, position: 5 })).toBeUndefined();
  });
});

describe('equality', () => {
  it.each([
    '$s = "done"',
    '$s != "done"',
    '$x = 2',
    '$x = "2"',
    '$t = true',
    '$n = null',
    '$n = false',
    '$states.input.zero = -0',
    '$states.input.missing = 1',
    '$states.input.missing != 1', // false as well
    '$states.input.missing = $states.input.missing',
    '$obj = {"k": "v"}',
    '$obj = {"k": "w"}',
    '$obj != {"k": "v"}',
    '$arr = [1, 2, 3]',
    '$arr = [1, 2]',
    '$arr = [3, 2, 1]',
    '$single = 7', // an array is not its one item
    '$obj = $states.input.emptyObject',
    '{} = {}',
    '[] = []',
    '$states.input.order = $states.input.order',
  ])('%s', async (text) => {
    await expectSame(text);
  });

  it('compares the way jsonata does even where that is odd', async () => {
    // isDeepEqual compares own property names: an array's include `length`.
    expect(await expectSame('$o = $a', { o: { 0: 1, length: 1 }, a: [1] })).toBe(true);
  });
});

describe('comparison', () => {
  it.each([
    '$states.input.i < 10',
    '$states.input.i <= 3',
    '$states.input.i > 3',
    '$states.input.i >= 3.5',
    '$s < "e"',
    '$s > "Done"',
    '"" < "a"',
    '"é" > "z"',
    '"\\ud83d\\ude00" > "\\uffff"', // UTF-16 code units, as JavaScript
    '$states.input.missing < 1',
    '"a" > $states.input.missing',
    '$states.input.missing <= $states.input.missing',
  ])('%s', async (text) => {
    await expectSame(text);
  });

  it.each(['$x < "3"', '$t < 1', '$n > 1', '$obj < 1', '$arr < 1', '$states.input.missing < true', 'null >= $states.input.missing'])(
    'leaves mixed or non-comparable operands to jsonata: %s',
    async (text) => {
      expectNotHandled(text);
      expect(await viaJsonata(text, bindings)).toHaveProperty('code');
    },
  );
});

describe('and / or', () => {
  it.each([
    '$t and $u',
    '$t or $u',
    '$u or $u',
    '$t and $t',
    '$states.input.missing and $t',
    '$t and $states.input.missing',
    '$states.input.missing or $states.input.missing',
    // Effective boolean values.
    '$s and 1',
    '$states.input.empty or 0',
    '$n or $states.input.zero',
    '$obj and $states.input.emptyObject',
    '$arr and $single',
    '$none or [0]',
    '[0, 1] and [[0], ""]',
    '[[]] or [false]',
    '$states.input.i < 10 and $s = "done"',
  ])('%s', async (text) => {
    await expectSame(text);
  });

  it('short-circuits as jsonata does: the right side is not evaluated', async () => {
    await expectSame('$u and $s + 1');
    await expectSame('$t or $s + 1');
    await expectSame('$states.input.missing and -$s');
    expectNotHandled('$t and $s + 1');
    expect(await viaJsonata('$t and $s + 1', bindings)).toEqual({ code: 'T2001' });
  });

  it('leaves function-like values and infinities to jsonata', () => {
    expectNotHandled('$f and true', { f: { _jsonata_lambda: true } });
    expectNotHandled('$inf or true', { inf: Infinity });
  });
});

describe('string concatenation', () => {
  it.each([
    '$s & "!"',
    '"Hello, " & $states.input.name & "."',
    '$states.input.missing & "x"',
    '"x" & $states.input.missing',
    '$states.input.missing & $states.input.missing',
    '$x & ""',
    '$f + 0.2 & ""', // 15 significant digits: 0.3
    '1/3 & ""',
    '$states.input.neg & "|" & $states.input.zero & "|" & -$states.input.zero',
    '1e21 & ""',
    '123456789012345678 & ""',
    '0.000001234 & "" & 1.5e-7',
    '$t & $u & $n',
    '$obj & ""',
    '$arr & $states.input.order',
    '[0.1 + 0.2, {"a": 1/3}] & ""',
  ])('%s', async (text) => {
    await expectSame(text);
  });

  it('leaves values $string would fail on or write specially to jsonata', () => {
    expectNotHandled('$inf & ""', { inf: Infinity });
    expectNotHandled('$o & ""', { o: { a: [Infinity] } });
    expectNotHandled('$f & ""', { f: { _jsonata_function: true } });
    expectNotHandled('$o & ""', { o: { f: { _jsonata_lambda: true } } });
  });
});

describe('conditions', () => {
  it.each([
    '$t ? 1 : 2',
    '$u ? 1 : 2',
    '$t ? "yes"',
    '$u ? "yes"', // undefined
    '$states.input.missing ? 1 : 2',
    '$states.input.i < 10 ? $count + 1 : "stop"',
    '$s ? 1 : 2',
    '$states.input.empty ? 1 : 2',
    '$obj ? 1 : 2',
    '$states.input.emptyObject ? 1 : 2',
    '$none ? 1 : 2',
    '$single ? 1 : 2',
    '$x = 2 ? $x = 2 ? "a" : "b" : "c"',
  ])('%s', async (text) => {
    await expectSame(text);
  });

  it('evaluates only the branch taken', async () => {
    await expectSame('$t ? 1 : $s + 1');
    await expectSame('$u ? $s + 1 : 2');
    expectNotHandled('$t ? $s + 1 : 2');
  });
});

describe('blocks', () => {
  it.each(['($x)', '(($x + 1) * 2)', '($x; $s)', '()', '(1; 2; $states.input.name)'])('%s', async (text) => {
    await expectSame(text);
  });

  it('evaluates every expression of a block', () => {
    expectNotHandled('($s + 1; 2)');
  });

  it('does not compile bindings', () => {
    expectUnsupported('($y := 1; $y)');
  });
});

describe('array constructors', () => {
  it.each([
    '[]',
    '[1, 2]',
    '[$x, $s, $n, $t]',
    '[$arr]', // spliced
    '[$arr, 4]',
    '[[$arr]]', // an array constructor item stays one item
    '[[1, 2], [3]]',
    '[$none, 1]',
    '[$single]',
    '[($arr)]', // a block is not an array constructor: spliced
    '["[", $arr]',
    '[$states.input.missing, 1]',
    '[$states.input.missing]',
    '[$obj, {"k": [1]}]',
    '[$states.input.order.items]',
    '[$t ? $arr : 0]',
  ])('%s', async (text) => {
    await expectSame(text);
  });

  it('does not compile ranges', () => {
    expectUnsupported('[1..3]');
  });
});

describe('object constructors', () => {
  it.each([
    '{}',
    '{ "total": $x * 2, "name": $states.input.name }',
    '{"a": $states.input.missing, "b": 1}',
    '{"a": $arr, "b": $single, "c": $none}',
    '{"nested": {"deeper": [$obj]}}',
    '{"b": 1, "1": 2, "a": 3}', // integer-like keys first, as in any JavaScript object
    '{"__proto__": 1}',
    '{"": $s}',
    '{"x": $states.input.order}',
  ])('%s', async (text) => {
    await expectSame(text);
  });

  describe('answers JSON as the engine takes it', () => {
    const hasNegativeZero = (value: unknown): boolean => Object.is(value, -0) || (typeof value === 'object' && value !== null && Object.values(value).some(hasNegativeZero));
    const answer = (text: string): any => compile(text)!(bindings);
    const input = (bindings.states as { input: { order: { items: unknown[] } } }).input;

    it('builds plain objects (jsonata\'s have a null prototype), keeping a __proto__ key an own key', () => {
      const value = answer('{"__proto__": {"a": 1}, "b": [{"c": 2}]}');
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(value.b[0])).toBe(Object.prototype);
      expect(Object.keys(value)).toEqual(['__proto__', 'b']);
      expect(value).toEqual(JSON.parse('{"__proto__": {"a": 1}, "b": [{"c": 2}]}'));
      expect(toJsonResult(value)).toEqual({ kind: 'value', value: JSON.parse('{"__proto__": {"a": 1}, "b": [{"c": 2}]}') });
    });

    it('computes -0 as 0, as JSON writes it, where jsonata answers -0', async () => {
      for (const text of ['-0', '-$states.input.zero', '$states.input.zero * -1', '{"a": -$states.input.zero, "b": [0 * -1]}']) {
        const reference = await viaJsonata(text, bindings);
        expect('raw' in reference && hasNegativeZero(reference.raw), text).toBe(true);
      }
      expect(Object.is(answer('-0'), 0) && Object.is(answer('-$states.input.zero'), 0)).toBe(true);
      expect(Object.is(answer('$states.input.zero * -1'), 0)).toBe(true);
      const built = answer('{"a": -$states.input.zero, "b": [0 * -1]}');
      expect(Object.is(built.a, 0) && Object.is(built.b[0], 0)).toBe(true);
    });

    it('hands back bound values as they are (values are shared inside an execution), not copies', () => {
      expect(answer('$states.input.order')).toBe(input.order);
      expect(answer('{"x": $states.input.order}').x).toBe(input.order);
      expect(answer('$states.input.order.items')).toBe(input.order.items);
    });
  });

  it.each([
    '{"a": 1, "a": 2}', // D1009
    '{"_jsonata_lambda": 1}', // D1013
    '{$s: 1}',
    '{"a" & "b": 1}',
    '{("a"): 1}',
  ])('does not compile %s', (text) => {
    expectUnsupported(text);
  });
});

describe('outside the subset', () => {
  it.each([
    '$count($arr)',
    '$string($x)',
    '$x ~> $string()',
    'function($v) { $v }',
    '$x in $arr',
    '/ab/',
    '$states.input ~> |order|{"total": 0}|',
    '$x.$string()',
    '$exists($x)',
  ])('does not compile %s', (text) => {
    expectUnsupported(text);
  });
});

describe('depth limit', () => {
  // jsonata fails with D1011 once more evaluations are under way than `stack`; its constructors
  // evaluate their members concurrently, so suspended siblings count too.
  const wideObject = (n: number): string => `{${Array.from({ length: n }, (_, i) => `"k${i}": $obj.k`).join(', ')}}`;
  const wideArray = (n: number): string => `[${Array.from({ length: n }, () => '$states.input.i + 1').join(', ')}]`;
  const deepBlocks = (n: number, inner: string): string => '('.repeat(n) + inner + ')'.repeat(n);

  it('does not compile what jsonata could fail on for depth', async () => {
    const texts = [10, 40, 49, 50, 60, 99, 150].flatMap((n) => [wideObject(n), wideArray(n)]);
    texts.push(...[97, 98, 99, 100, 101].flatMap((n) => [deepBlocks(n, '1'), deepBlocks(n, '$obj.k'), deepBlocks(n, '-$x')]));
    let compiled = 0;
    for (const text of texts) {
      const fast = compile(text);
      const reference = await viaJsonata(text, bindings);
      if (fast === undefined) continue;
      compiled++;
      expect('raw' in reference, text).toBe(true);
      expect(fast(bindings)).toEqual('raw' in reference ? reference.raw : undefined);
    }
    expect(compiled).toBeGreaterThan(10);
    // At the edges: the bound is exact for nesting, conservative for concurrent siblings.
    expect(compile(deepBlocks(99, '1'))).toBeTypeOf('function');
    expect(await viaJsonata(deepBlocks(100, '1'), bindings)).toEqual({ code: 'D1011' });
    expect(compile(deepBlocks(100, '1'))).toBeUndefined();
    expect(compile(deepBlocks(98, '$obj.k'))).toBeTypeOf('function');
    expect(await viaJsonata(deepBlocks(99, '$obj.k'), bindings)).toEqual({ code: 'D1011' });
    expect(compile(deepBlocks(99, '$obj.k'))).toBeUndefined();
    expect(compile(wideObject(49))).toBeTypeOf('function');
    expect(compile(wideObject(50))).toBeUndefined();
    expect(await viaJsonata(wideArray(60), bindings)).toEqual({ code: 'D1011' });
    expect(compile(wideArray(33))).toBeTypeOf('function');
    expect(compile(wideArray(34))).toBeUndefined();
  });

  it('follows the maxDepth given', async () => {
    expect(compile('- -$x', 3)).toBeTypeOf('function');
    expect(compile('- - -$x', 3)).toBeUndefined();
    expect(compile('-(-$x)', 3)).toBeUndefined(); // the parentheses are a block: one level more
    expect(compile(wideObject(80), 0)).toBeTypeOf('function'); // no limit
    expect(await viaJsonata('- - -$x', bindings, 3)).toEqual({ code: 'D1011' });
    expect(await viaJsonata('-(-$x)', bindings, 3)).toEqual({ code: 'D1011' });
    expect(await viaJsonata('- -$x', bindings, 3)).toEqual({ raw: 2 });
  });
});

describe('robustness', () => {
  it('never throws and never mutates its bindings', () => {
    const frozen = deepFreeze(structuredClone(bindings));
    for (const text of ['$states.input.order.items', '[$arr, [$arr]]', '{"a": $obj}', '$arr = $arr', '$obj & $arr']) {
      expect(() => compile(text)!(frozen)).not.toThrow();
    }
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(compile('$p.a')!({ p: revoked.proxy })).toBe(NOT_HANDLED);
  });

  it('does not mutate the AST it is given', () => {
    const expression = jsonata('{"a": $states.input.i < 10 ? [$x, -$x] : $s & "!"}');
    const before = JSON.stringify(expression.ast());
    compileFastJsonata(expression.ast())!(bindings);
    expect(JSON.stringify(expression.ast())).toBe(before);
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
