import { describe, expect, it } from 'vitest';
import { compilePath, evaluatePath, isValidPath, PathSyntaxError } from '../../src/dataflow/paths.ts';
import { StatesError } from '../../src/errors.ts';
import { makeScope } from './helpers.ts';

const scope = makeScope({
  context: { Execution: { Id: 'exec-1', Input: { a: 1 } }, Map: { Item: { Index: 3, Value: { v: true } } } },
  variables: { total: 12, order: { lines: [{ sku: 'A' }, { sku: 'B' }] } },
});
const get = (path: string, input: unknown) => compilePath(path)(input as never, scope);

function runtimeCause(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StatesError);
    expect((e as StatesError).error).toBe('States.Runtime');
    return (e as StatesError).cause;
  }
  throw new Error('expected a States.Runtime error');
}

describe('definite paths (developer guide "Using JSONPath paths")', () => {
  const input = { foo: 123, bar: ['a', 'b', 'c'], car: { cdr: true } };
  it('selects members and nested members', () => {
    expect(get('$.foo', input)).toBe(123);
    expect(get('$.bar', input)).toEqual(['a', 'b', 'c']);
    expect(get('$.car.cdr', input)).toBe(true);
    expect(get('$', input)).toBe(input);
  });
  it('returns the input node itself, never a copy', () => {
    expect(get('$.car', input)).toBe(input.car);
  });
  it('accepts bracket notation, including the .[ form used in the guide', () => {
    const v = { abc: { 'def ghi': 7 }, 'x y': 1, "it's": 2 };
    expect(get("$['x y']", v)).toBe(1);
    expect(get('$["x y"]', v)).toBe(1);
    expect(get("$.abc.['def ghi']", v)).toBe(7);
    expect(get("$['it\\'s']", v)).toBe(2);
  });
  it('indexes arrays, negative indexes from the end', () => {
    expect(get('$.bar[0]', input)).toBe('a');
    expect(get('$.bar[-1]', input)).toBe('c');
    expect(get('$.bar[3]', input)).toBeUndefined();
  });
  it('accepts names Jayway accepts in dot notation, such as sub-values (recorded ItemsPath)', () => {
    expect(get('$.sub-values', { 'sub-values': [1] })).toEqual([1]);
  });
  it('does not see Object.prototype members or array length', () => {
    expect(get('$.constructor', {})).toBeUndefined();
    expect(get('$.toString', {})).toBeUndefined();
    expect(get('$.length', [1, 2])).toBeUndefined();
    expect(get('$.__proto__', JSON.parse('{"__proto__": 5}'))).toBe(5);
  });
  it('distinguishes null (a match) from absence', () => {
    expect(get('$.a', { a: null })).toBeNull();
    expect(get('$.b', { a: null })).toBeUndefined();
    expect(get('$.a.b', { a: null })).toBeUndefined();
  });
});

describe('context object and variables', () => {
  it('resolves $$ on scope.context', () => {
    expect(get('$$.Execution.Id', {})).toBe('exec-1');
    expect(get('$$.Execution.Input.a', {})).toBe(1);
    expect(get('$$.Map.Item.Index', {})).toBe(3);
    expect(get('$$', {})).toBe(scope.context);
  });
  it('resolves $name and $name.path on scope.variables', () => {
    expect(get('$total', {})).toBe(12);
    expect(get('$order.lines[1].sku', {})).toBe('B');
    expect(get('$order.lines[*].sku', {})).toEqual(['A', 'B']);
    expect(get('$missing', {})).toBeUndefined();
  });
});

// Jayway JsonPath, AWS's library, merges the properties a last ['a','b'] names into one object
// (PropertyPathToken's multiPropertyMergeCase, a definite token), and refuses them anywhere else.
// Recorded on AWS (gist deric4/733eb129…, "AWS Step Functions StateMachine Language JSONPath
// Gotchas"): InputPath $['a', 'b'] gives {"a":…,"b":…}; $['a', 'b'].v fails with States.Runtime
// "Invalid path '$['a', 'b'].v' : Multi properties can only be used as path leafs: $['a', 'b']".
describe('multiple properties in brackets', () => {
  const input = { a: { v: 1 }, b: { v: 2 }, c: { v: 3 }, items: [{ v: 1, tag: 'x' }, { v: 2 }, 7] };
  it('a last [\'a\',\'b\'] selects one object holding the named properties that exist', () => {
    expect(get("$['a', 'b']", input)).toEqual({ a: { v: 1 }, b: { v: 2 } });
    expect(get("$['c','zz']", input)).toEqual({ c: { v: 3 } });
    expect(compilePath("$['a','b']").definite).toBe(true);
    expect(get("$.items['a','b']", input)).toBeUndefined();
  });
  it('after an indefinite step, one merged object per object matched', () => {
    expect(get("$.items[*]['v','tag']", input)).toEqual([{ v: 1, tag: 'x' }, { v: 2 }]);
  });
  it('anywhere but last, they fail with States.Runtime as AWS words it', () => {
    expect(runtimeCause(() => get("$['a', 'b'].v", input))).toBe("Invalid path '$['a', 'b'].v' : Multi properties can only be used as path leafs: $['a', 'b']");
  });
});

describe('indefinite paths return the array of matches', () => {
  const input = { a: [1, 2, 3, 4], items: [{ v: 1, tag: 'x' }, { v: 2 }, { v: 3, tag: 'y' }], o: { p: { v: 9 } } };
  it('slices (developer guide: $.a[0:2] → [1, 2])', () => {
    expect(get('$.a[0:2]', input)).toEqual([1, 2]);
    expect(get('$.a[1:]', input)).toEqual([2, 3, 4]);
    expect(get('$.a[:1]', input)).toEqual([1]);
    expect(get('$.a[-2:]', input)).toEqual([3, 4]);
    expect(get('$.a[::2]', input)).toEqual([1, 3]);
  });
  it('wildcards, unions and deep scans', () => {
    expect(get('$.items[*].v', input)).toEqual([1, 2, 3]);
    expect(get('$.o.*', input)).toEqual([{ v: 9 }]);
    expect(get('$.a[0,3]', input)).toEqual([1, 4]);
    expect(get("$.o.p['v','w']", input)).toEqual({ v: 9 });
    expect(get('$..v', input)).toEqual([1, 2, 3, 9]);
  });
  it('filters (recorded: $.users[?(@.status == 0)])', () => {
    const users = { users: [{ year: 1997, status: 0 }, { year: 1998, status: 1 }, null, 5] };
    expect(get('$.users[?(@.status == 0)]', users)).toEqual([{ year: 1997, status: 0 }]);
    expect(get('$.items[?(@.tag)].v', input)).toEqual([1, 3]);
  });
  it("filters follow Jayway's operators: root references, equality across numbers and strings, typed ordering", () => {
    const doc = { limit: 3, items: [{ p: 1 }, { p: 5 }, { p: '1' }, { p: '10' }] };
    expect(get('$.items[?(@.p > $.limit)]', doc)).toEqual([{ p: 5 }]);
    expect(get("$.items[?(@.p < '2')]", doc)).toEqual([{ p: '1' }, { p: '10' }]);
    expect(get('$.items[?(@.p == 1)]', doc)).toEqual([{ p: 1 }, { p: '1' }]);
    expect(get('$.items[?(@.p === 1)]', doc)).toEqual([{ p: 1 }]);
    expect(get("$.items[?(@.p != '1')]", doc)).toEqual([{ p: 5 }, { p: '10' }]);
    expect(get("$.items[?(@.p == '$')]", doc)).toEqual([]);
    expect(get('$.items[?(!(@.p == 5) && @.p != 10 || @.p == 5)]', doc)).toEqual([{ p: 1 }, { p: 5 }, { p: '1' }]);
  });
  it('a lone path in a filter is an existence check', () => {
    const doc = { items: [{ flag: false }, { flag: null }, {}, { flag: 0 }] };
    expect(get('$.items[?(@.flag)]', doc)).toEqual([{ flag: false }, { flag: null }, { flag: 0 }]);
    expect(get('$.items[?(!@.flag)]', doc)).toEqual([{}]);
  });
  it('regular expressions match the whole value; lists and collection operators', () => {
    const doc = { people: [{ name: 'Abc', tags: ['x', 'y'] }, { name: 'xa', tags: [] }, { name: 'abd', tags: ['y'] }] };
    expect(get('$.people[?(@.name =~ /a.*/i)].name', doc)).toEqual(['Abc', 'abd']);
    expect(get('$.people[?(@.name =~ /b/)].name', doc)).toEqual([]);
    expect(get("$.people[?(@.name in ['xa', 'abd'])].name", doc)).toEqual(['xa', 'abd']);
    expect(get("$.people[?(@.name nin ['xa'])].name", doc)).toEqual(['Abc', 'abd']);
    expect(get('$.people[?(@.tags size 2)].name', doc)).toEqual(['Abc']);
    expect(get('$.people[?(@.tags empty true)].name', doc)).toEqual(['xa']);
    expect(get("$.people[?(@.tags contains 'y')].name", doc)).toEqual(['Abc', 'abd']);
    expect(get("$.people[?(@.tags subsetof ['y', 'z'])].name", doc)).toEqual(['xa', 'abd']);
    expect(get("$.people[?(@.tags anyof ['x'])].name", doc)).toEqual(['Abc']);
    expect(get("$.people[?(@.tags noneof ['x'])].name", doc)).toEqual(['xa', 'abd']);
  });
  it('flattens an array of arrays with $[*][*] (developer guide)', () => {
    expect(get('$[*][*]', [[1, 2], [3], []])).toEqual([1, 2, 3]);
  });
  it('gives [] when nothing matches (recorded: $.item.items[*] on {})', () => {
    expect(get('$.item.items[*]', {})).toEqual([]);
    expect(get('$.items[:1]', {})).toEqual([]);
    expect(get('$.item.items[1:5].itemValue', {})).toEqual([]);
  });
});

describe('syntax errors are definition-time PathSyntaxError with a position', () => {
  for (const bad of [
    '', 'a.b', '$.', '$..', '$.a[', "$['a", '$.a[x]', '$.a.length()', '$ .a', '$.a[1:2:3:4]', '$.a[?(@.b ===)]',
    // filters: only comparisons and logic, never calls or assignments
    '$.a[?(@.list.push(1))]', '$.a[?(x = 1)]', '$.a[?(@.b = 1)]', '$.a[?(@.b in [@.c])]', '$.a[?(@.b =~ /a/g)]', '$.a[?(@.b =~ /(/)]',
    '$.a[?(@.b == )]', '$.a[?((@.b)]', '$.a[?(constructor)]',
  ]) {
    it(JSON.stringify(bad), () => {
      expect(() => compilePath(bad)).toThrow(PathSyntaxError);
      expect(isValidPath(bad)).toBe(false);
    });
  }
  it('reports the position', () => {
    try {
      compilePath('$.a[x]');
    } catch (e) {
      expect((e as PathSyntaxError).position).toBe(4);
    }
  });
});

describe('no match at runtime: AWS cause texts', () => {
  it('leaf missing (recorded: InputPath $.NoSuchInputPath)', () => {
    expect(runtimeCause(() => evaluatePath('$.NoSuchInputPath', { 'int-literal': 0 }, scope))).toBe(
      "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']",
    );
  });
  it('intermediate missing (recorded: OutputPath $.no.such.result.path)', () => {
    expect(runtimeCause(() => evaluatePath('$.no.such.result.path', {}, scope))).toBe(
      "Invalid path '$.no.such.result.path' : Missing property in path $['no']",
    );
  });
  it('nested leaf missing and index out of range', () => {
    expect(runtimeCause(() => evaluatePath('$.a.b', { a: {} }, scope))).toBe("Invalid path '$.a.b' : No results for path: $['a']['b']");
    expect(runtimeCause(() => evaluatePath('$.a[5]', { a: [] }, scope))).toBe("Invalid path '$.a[5]' : No results for path: $['a'][5]");
  });
});
