import { describe, expect, it } from 'vitest';
import { compilePayloadTemplate, compileValueExpression, PayloadTemplateError } from '../../src/dataflow/payload.ts';
import { PathSyntaxError } from '../../src/dataflow/path-syntax.ts';
import { IntrinsicSyntaxError } from '../../src/dataflow/intrinsics.ts';
import { StatesError } from '../../src/errors.ts';
import type { Json } from '../../src/json.ts';
import { makeScope } from './helpers.ts';

const scope = makeScope({ context: { Execution: { Id: 'e-1' }, Task: { Token: 'tok' } }, variables: { limit: 5 } });

describe('payload templates (developer guide "Manipulate parameters")', () => {
  it('mixes static values and .$ paths, nested objects included', () => {
    const input = {
      comment: 'Example for Parameters.',
      product: { details: { color: 'blue', size: 'small', material: 'cotton' }, availability: 'in stock', sku: '2317', cost: '$23' },
    };
    const template = {
      comment: 'Selecting what I care about.',
      MyDetails: { 'size.$': '$.product.details.size', 'exists.$': '$.product.availability', StaticValue: 'foo' },
    };
    expect(compilePayloadTemplate(template, 'Parameters')(input, scope)).toEqual({
      comment: 'Selecting what I care about.',
      MyDetails: { size: 'small', exists: 'in stock', StaticValue: 'foo' },
    });
  });
  it('reads the context object, variables and intrinsic functions', () => {
    const t = compilePayloadTemplate(
      { 'token.$': '$$.Task.Token', 'lim.$': '$limit', 'msg.$': "States.Format('{} of {}', $.n, $limit)" },
      'Parameters',
    );
    expect(t({ n: 2 }, scope)).toEqual({ token: 'tok', lim: 5, msg: '2 of 5' });
  });
  it('evaluates .$ keys inside arrays of objects', () => {
    const t = compilePayloadTemplate({ list: [{ 'v.$': '$.a' }, 'static', [{ 'w.$': '$.b' }]] }, 'Parameters');
    expect(t({ a: 1, b: 2 }, scope)).toEqual({ list: [{ v: 1 }, 'static', [{ w: 2 }]] });
  });
  it('returns constant parts without copying them', () => {
    const constant = { deep: { x: [1, 2] } };
    const t = compilePayloadTemplate({ c: constant, 'v.$': '$' }, 'Parameters');
    const out = t(7, scope) as Record<string, Json>;
    expect(out.c).toBe(constant);
    const whole = { a: 1 };
    expect(compilePayloadTemplate(whole, 'Parameters')(null, scope)).toBe(whole);
  });
  it('keeps keys that merely contain .$ elsewhere, and a lone "$" value is static', () => {
    expect(compilePayloadTemplate({ 'a.$b': '$', c: '$.x' }, 'Parameters')({ x: 1 }, scope)).toEqual({ 'a.$b': '$', c: '$.x' });
  });
  it('AWS cause when a path matches nothing (recorded: Parameters value.$)', () => {
    const t = compilePayloadTemplate({ 'value.$': '$.no_such_jsonpath' }, 'Parameters');
    try {
      t({ 'int-literal': 0 }, scope);
      throw new Error('expected failure');
    } catch (e) {
      expect(e).toBeInstanceOf(StatesError);
      expect((e as StatesError).error).toBe('States.Runtime');
      expect((e as StatesError).cause).toBe(
        "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'",
      );
    }
  });
  it('rejects bad templates at compile time', () => {
    expect(() => compilePayloadTemplate({ 'a.$': 3 }, 'Parameters')).toThrow(PayloadTemplateError);
    expect(() => compilePayloadTemplate({ 'a.$': 'nope' }, 'Parameters')).toThrow(PathSyntaxError);
    expect(() => compilePayloadTemplate({ 'a.$': 'States.Nope()' }, 'Parameters')).toThrow(IntrinsicSyntaxError);
  });
});

describe('compileValueExpression (Fail ErrorPath / CausePath)', () => {
  it('names the field in the cause (recorded: ErrorPath $.ErrorX)', () => {
    const read = compileValueExpression('$.ErrorX', 'ErrorPath');
    expect(() => read({ Error: 'x' }, scope)).toThrow(
      "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{\"Error\":\"x\"}'",
    );
    expect(compileValueExpression("States.Format('E{}', $.n)", 'ErrorPath')({ n: 1 }, scope)).toBe('E1');
  });
});

describe('payload templates with a member named __proto__ (JSON allows it)', () => {
  it('give the built object an own __proto__ member, with its prototype untouched', () => {
    const template = JSON.parse('{"__proto__.$": "$.a", "b": 1, "c.$": "$.a"}') as Json;
    const built = compilePayloadTemplate(template, 'Parameters')({ a: { x: 1 } }, scope) as Record<string, Json>;
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype);
    expect(Object.hasOwn(built, '__proto__')).toBe(true);
    expect(JSON.stringify(built)).toBe('{"__proto__":{"x":1},"b":1,"c":{"x":1}}');
  });
});
