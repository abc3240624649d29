import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkIntrinsicArity, evaluateIntrinsic, IntrinsicSyntaxError, parseIntrinsic } from '../../src/dataflow/intrinsics.ts';
import { StatesError } from '../../src/errors.ts';
import type { Json } from '../../src/json.ts';
import { makeScope } from './helpers.ts';

const scope = makeScope({ context: { Execution: { Name: 'run-7' } }, variables: { greeting: 'hi', list: [3, 1, 3] } });
const call = (text: string, input: Json = {}) => evaluateIntrinsic(parseIntrinsic(text), input, scope);

function failure(text: string, input: Json = {}): StatesError {
  try {
    call(text, input);
  } catch (e) {
    expect(e).toBeInstanceOf(StatesError);
    return e as StatesError;
  }
  throw new Error(`expected ${text} to fail`);
}
const intrinsicFailure = (text: string, input: Json = {}) => {
  const e = failure(text, input);
  expect(e.error).toBe('States.IntrinsicFailure');
  expect(e.cause).toMatch(/^Invalid arguments in States\.\w+: /);
  return e.cause;
};

describe('parseIntrinsic', () => {
  it('parses literals, paths and nested calls', () => {
    const c = parseIntrinsic("States.Format('{} {}', $.a[0], States.MathAdd(1, -2.5))");
    expect(c.name).toBe('States.Format');
    expect(c.args.map((a) => a.kind)).toEqual(['string', 'path', 'call']);
  });
  it('keeps commas and parentheses inside path brackets', () => {
    const c = parseIntrinsic("States.Array($.a[?(@.b == 'x,y')], $$.Execution.Name, $greeting)");
    expect(c.args.map((a) => (a.kind === 'path' ? a.path : a.kind))).toEqual(["$.a[?(@.b == 'x,y')]", '$$.Execution.Name', '$greeting']);
  });
  it('resolves the escapes \\\' \\{ \\} \\\\ in string literals', () => {
    const c = parseIntrinsic("States.Array('it\\'s \\{\\} \\\\')");
    expect(c.args[0]).toMatchObject({ kind: 'string', value: "it's {} \\" });
  });
  for (const [text, position] of [
    ['States.Nope(1)', 0],
    ['States.Array(1', 14],
    ["States.Array('x)", 13],
    ['States.Array(1 2)', 15],
    ['States.Array(foo)', 13],
    ["States.Array('\\n')", 14],
    ['States.Array(1) x', 16],
    ['Format(1)', 0],
  ] as const) {
    it(`rejects ${text} with its position`, () => {
      try {
        parseIntrinsic(text);
        throw new Error('expected a syntax error');
      } catch (e) {
        expect(e).toBeInstanceOf(IntrinsicSyntaxError);
        expect((e as IntrinsicSyntaxError).position).toBe(position);
      }
    });
  }
  it('reports argument-count problems without running the call (for validators)', () => {
    expect(checkIntrinsicArity(parseIntrinsic("States.Format('{}', $.a)"))).toEqual([]);
    expect(checkIntrinsicArity(parseIntrinsic('States.Array(States.UUID(1), States.MathAdd(1))'))).toEqual([
      'States.UUID takes 0 arguments but is given 1',
      'States.MathAdd takes 2 arguments but is given 1',
    ]);
  });
  it('limits nesting to 10 levels', () => {
    const nest = (n: number): string => (n === 0 ? '1' : `States.Array(${nest(n - 1)})`);
    expect(() => parseIntrinsic(nest(10))).not.toThrow();
    expect(() => parseIntrinsic(nest(11))).toThrow(IntrinsicSyntaxError);
  });
});

describe('States.Format', () => {
  it('interpolates strings, numbers, booleans and null', () => {
    expect(call("States.Format('Hello, my name is {}.', $.name)", { name: 'Arnav' })).toBe('Hello, my name is Arnav.');
    expect(call("States.Format('{}|{}|{}|{}', 1.5, true, null, 'x')")).toBe('1.5|true|null|x');
  });
  it('renders objects and arrays the way AWS recorded ({k=v, …}, [a, b])', () => {
    expect(call("States.Format('{}', $)", { Arg1: 1, Arg2: [] })).toBe('{Arg1=1, Arg2=[]}');
    expect(call("States.Format('{}', $)", [1, 'a', { b: null }])).toBe('[1, a, {b=null}]');
  });
  it('renders numbers as Java does (plain integers, Double.toString otherwise)', () => {
    expect(call("States.Format('{} {} {} {}', 3, 2.5, 0.0001, 12345678.9)")).toBe('3 2.5 1.0E-4 1.23456789E7');
  });
  it('treats escaped braces as text', () => {
    expect(call("States.Format('\\{\\} {}', 'x')")).toBe('{} x');
  });
  it('reads context and variables', () => {
    expect(call("States.Format('{} {}', $$.Execution.Name, $greeting)")).toBe('run-7 hi');
  });
  it('fails when placeholders and values differ in number', () => {
    intrinsicFailure("States.Format('{} {}', 'a')");
    intrinsicFailure("States.Format('{}', 'a', 'b')");
    intrinsicFailure('States.Format(1)');
  });
});

describe('JSON functions', () => {
  it('StringToJson / JsonToString', () => {
    expect(call('States.StringToJson($.s)', { s: '{"a":[1,2]}' })).toEqual({ a: [1, 2] });
    expect(call("States.StringToJson('')")).toBeNull();
    expect(call("States.StringToJson('-0')")).toBe(0);
    expect(call('States.JsonToString($)', { a: [1, { b: 'c' }] })).toBe('{"a":[1,{"b":"c"}]}');
    intrinsicFailure("States.StringToJson('{nope')");
    intrinsicFailure('States.StringToJson(1)');
  });
  it('JsonMerge is shallow: the second object wins per top-level key', () => {
    const input = { a: { x: 1, k: { p: 1 } }, b: { y: 2, k: { q: 2 } } };
    expect(call('States.JsonMerge($.a, $.b, false)', input)).toEqual({ x: 1, y: 2, k: { q: 2 } });
    intrinsicFailure('States.JsonMerge($.a, $.b, true)', input);
    intrinsicFailure('States.JsonMerge($.a, 1, false)', input);
  });
});

describe('array functions', () => {
  it('Array builds from any values', () => {
    expect(call("States.Array('a', 1, $.o, null)", { o: { k: true } })).toEqual(['a', 1, { k: true }, null]);
    expect(call('States.Array()')).toEqual([]);
  });
  it('ArrayPartition', () => {
    expect(call('States.ArrayPartition($.a, 4)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    intrinsicFailure('States.ArrayPartition($.a, 0)', { a: [1] });
    intrinsicFailure('States.ArrayPartition($.a, 1.5)', { a: [1] });
  });
  it('ArrayContains compares structurally', () => {
    expect(call('States.ArrayContains($.a, $.v)', { a: [1, { x: [2] }], v: { x: [2] } })).toBe(true);
    expect(call('States.ArrayContains($.a, 3)', { a: [1, 2] })).toBe(false);
  });
  it('ArrayRange, up to 1000 items', () => {
    expect(call('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(call('States.ArrayRange(5, 1, -2)')).toEqual([5, 3, 1]);
    expect(call('States.ArrayRange(5, 1, 1)')).toEqual([]);
    expect((call('States.ArrayRange(1, 1000, 1)') as number[]).length).toBe(1000);
    intrinsicFailure('States.ArrayRange(0, 1000, 1)');
    intrinsicFailure('States.ArrayRange(1, 5, 0)');
    intrinsicFailure('States.ArrayRange(1.5, 5, 1)');
  });
  it('ArrayGetItem, ArrayLength, ArrayUnique', () => {
    expect(call('States.ArrayGetItem($.a, 1)', { a: ['x', 'y'] })).toBe('y');
    intrinsicFailure('States.ArrayGetItem($.a, 2)', { a: ['x', 'y'] });
    intrinsicFailure('States.ArrayGetItem($.a, -1)', { a: ['x', 'y'] });
    expect(call('States.ArrayLength($list)')).toBe(3);
    expect(call('States.ArrayUnique($.a)', { a: [1, 2, 2, { a: 1 }, { a: 1 }, '1'] })).toEqual([1, 2, { a: 1 }, '1']);
    intrinsicFailure("States.ArrayLength('x')");
  });
});

describe('encoding and hashing', () => {
  it('Base64Encode / Base64Decode round-trip UTF-8', () => {
    expect(call("States.Base64Encode('Data to encode')")).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(call("States.Base64Decode('RGF0YSB0byBkZWNvZGU=')")).toBe('Data to decode');
    const text = 'héllo wörld € 😀';
    expect(call('States.Base64Decode(States.Base64Encode($.t))', { t: text })).toBe(text);
    expect(call("States.Base64Encode('é')")).toBe(Buffer.from('é').toString('base64'));
    intrinsicFailure("States.Base64Decode('!!!')");
    intrinsicFailure('States.Base64Encode($.t)', { t: 'x'.repeat(10_001) });
  });
  it('Hash matches the reference digests for all five algorithms', () => {
    for (const [alg, node] of [['MD5', 'md5'], ['SHA-1', 'sha1'], ['SHA-256', 'sha256'], ['SHA-384', 'sha384'], ['SHA-512', 'sha512']]) {
      for (const data of ['', 'input data', 'ünïcödé ✓', 'x'.repeat(300)]) {
        expect(call('States.Hash($.d, $.a)', { d: data, a: alg })).toBe(createHash(node).update(data, 'utf8').digest('hex'));
      }
    }
    intrinsicFailure("States.Hash('x', 'SHA-3')");
    intrinsicFailure("States.Hash(1, 'MD5')");
  });
});

describe('math, strings and UUID', () => {
  it('MathAdd rounds operands half up, as AWS recorded', () => {
    expect(call('States.MathAdd(1.49, 1.5)')).toBe(3);
    expect(call('States.MathAdd(-0.5, 0)')).toBe(0);
    expect(Object.is(call('States.MathAdd(-0.5, 0)'), 0)).toBe(true);
    expect(call('States.MathAdd($.n, -3)', { n: 10 })).toBe(7);
    intrinsicFailure("States.MathAdd('1', 2)");
  });
  it('MathRandom is within [start, end) and repeatable with a seed', () => {
    for (let i = 0; i < 50; i++) {
      const v = call('States.MathRandom(5, 10)') as number;
      expect(v).toBeGreaterThanOrEqual(5);
      expect(v).toBeLessThan(10);
    }
    const seeded = call('States.MathRandom(0, 1000, 1234)');
    expect(call('States.MathRandom(0, 1000, 1234)')).toBe(seeded);
    intrinsicFailure('States.MathRandom(5, 5)');
    intrinsicFailure('States.MathRandom(1.5, 5)');
  });
  it('StringSplit splits on every delimiter character and drops empty pieces', () => {
    expect(call("States.StringSplit('1,2,3,4,5', ',')")).toEqual(['1', '2', '3', '4', '5']);
    expect(call("States.StringSplit('This.is+a,test=string', '.+,=')")).toEqual(['This', 'is', 'a', 'test', 'string']);
    expect(call("States.StringSplit(', , ,', ',')")).toEqual([' ', ' ']);
  });
  it('UUID is a version-4 UUID drawn from scope.random', () => {
    const uuid = call('States.UUID()') as string;
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const fixed = makeScope({ random: () => 0.5 });
    const a = evaluateIntrinsic(parseIntrinsic('States.UUID()'), {}, fixed);
    expect(evaluateIntrinsic(parseIntrinsic('States.UUID()'), {}, fixed)).toBe(a);
    intrinsicFailure('States.UUID(1)');
  });
  it('nests calls (guide example: ArrayGetItem of StringSplit)', () => {
    expect(call("States.ArrayGetItem(States.StringSplit($.arn, ':'), 3)", { arn: 'arn:aws:states:us-east-1' })).toBe('us-east-1');
  });
});

describe('path arguments that match nothing', () => {
  it('fail with States.Runtime naming the path', () => {
    const e = failure("States.Format('{}', $.missing)", { a: 1 });
    expect(e.error).toBe('States.Runtime');
    expect(e.cause).toBe("The JSONPath '$.missing' specified for the field '$.missing' could not be found in the input '{\"a\":1}'");
  });
  it('name the payload field when called from a template', () => {
    const e = (() => {
      try {
        evaluateIntrinsic(parseIntrinsic('States.Array($.missing)'), {}, scope, { field: 'x.$' });
      } catch (err) {
        return err as StatesError;
      }
      throw new Error('expected failure');
    })();
    expect(e.cause).toBe("The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{}'");
  });
});
