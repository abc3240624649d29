import { describe, expect, it } from 'vitest';
import { compileReferencePath, setAtReferencePath } from '../../src/dataflow/reference-path.ts';
import { PathSyntaxError } from '../../src/dataflow/path-syntax.ts';
import { StatesError } from '../../src/errors.ts';
import type { Json } from '../../src/json.ts';

describe('ResultPath (developer guide "Specifying state output using ResultPath")', () => {
  it("'$' replaces the input with the result", () => {
    expect(setAtReferencePath({ a: 1 }, '$', 'result')).toBe('result');
  });
  it('adds the result next to the input', () => {
    const input = { comment: 'hi', details: { x: 1 } };
    expect(setAtReferencePath(input, '$.taskresult', { ok: true })).toEqual({ comment: 'hi', details: { x: 1 }, taskresult: { ok: true } });
  });
  it('replaces an existing member in place, keeping key order', () => {
    const out = setAtReferencePath({ a: 1, b: 2, c: 3 }, '$.b', 'x') as Record<string, Json>;
    expect(Object.keys(out)).toEqual(['a', 'b', 'c']);
    expect(out.b).toBe('x');
  });
  it('creates missing intermediate objects', () => {
    expect(setAtReferencePath({}, '$.a.b.c', 1)).toEqual({ a: { b: { c: 1 } } });
  });
  it('writes into array elements', () => {
    expect(setAtReferencePath({ a: [{ x: 1 }, { x: 2 }] }, '$.a[1].x', 9)).toEqual({ a: [{ x: 1 }, { x: 9 }] });
  });
  it('never mutates the input and shares untouched subtrees', () => {
    const untouched = { big: [1, 2, 3] };
    const input = { keep: untouched, target: { old: true } };
    const frozen = JSON.stringify(input);
    const out = setAtReferencePath(input, '$.target.new', 1) as Record<string, Json>;
    expect(JSON.stringify(input)).toBe(frozen);
    expect(out.keep).toBe(untouched);
    expect(out).not.toBe(input);
  });
  it('fails with States.ResultPathMatchFailure when the input cannot hold the result', () => {
    for (const [input, path, cause] of [
      ['hello', '$.x', 'Unable to apply step "x" to input "hello"'],
      [{ a: 5 }, '$.a.b', 'Unable to apply step "b" to input 5'],
      [{ a: [1] }, '$.a.b', 'Unable to apply step "b" to input [1]'],
      [{ a: [1] }, '$.a[3]', 'Unable to apply step "[3]" to input [1]'],
    ] as const) {
      try {
        setAtReferencePath(input as Json, path, 1);
        throw new Error('expected a failure');
      } catch (e) {
        expect(e).toBeInstanceOf(StatesError);
        expect((e as StatesError).error).toBe('States.ResultPathMatchFailure');
        expect((e as StatesError).cause).toBe(cause);
      }
    }
  });
  it('accepts only definite $-rooted reference paths', () => {
    expect(compileReferencePath("$.a['b c'][0]").steps).toEqual(['a', 'b c', 0]);
    for (const bad of ['$.a[*]', '$..a', '$.a[0:1]', '$$.Execution', '$var.x', '$.a[?(@.x)]', '$.a[-1]', 'x']) {
      expect(() => compileReferencePath(bad), bad).toThrow(PathSyntaxError);
    }
  });
});
