import { describe, expect, it } from 'vitest';
import { VariableStore } from '../../src/variables.ts';

describe('VariableStore', () => {
  it('a child reads its parent, writes only to itself, and shadows it', () => {
    const outer = new VariableStore();
    outer.assign({ a: 1, b: 'x' });
    const inner = outer.child();
    inner.assign({ a: 2 });
    expect([inner.get('a'), inner.get('b'), outer.get('a')]).toEqual([2, 'x', 1]);
  });

  it('counts the bytes of every visible variable once, nearest scope first, leaving out those about to be reassigned', () => {
    const outer = new VariableStore();
    outer.assign({ a: 'abcd', b: [1, 2, 3] }); // "abcd" = 6 bytes, [1,2,3] = 7 bytes
    const inner = outer.child();
    inner.assign({ a: 1 }); // shadows the outer a: 1 byte
    expect(outer.byteTotal({})).toBe(13);
    expect(inner.byteTotal({})).toBe(8);
    expect(inner.byteTotal({ b: 0 })).toBe(1);
    // A reassigned value is measured again.
    outer.assign({ b: 'a much longer text' });
    expect(outer.byteTotal({})).toBe(6 + 20);
  });

  it('takes variables named like members every object inherits (toString, constructor) as any other', () => {
    const scope = new VariableStore();
    scope.assign(JSON.parse('{"toString": "abc", "constructor": 1, "__proto__": [true]}'));
    expect([scope.get('toString'), scope.get('constructor'), scope.get('__proto__')]).toEqual(['abc', 1, [true]]);
    // "abc" = 5 bytes, 1 = 1 byte, [true] = 6 bytes; none is taken for one about to be reassigned.
    expect(scope.byteTotal({})).toBe(12);
    expect(scope.byteTotal({ constructor: 0 })).toBe(11);
  });
});
