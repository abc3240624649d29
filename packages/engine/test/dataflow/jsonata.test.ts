import { describe, expect, it, vi } from 'vitest';
import type { Json, JsonObject } from '../../src/json.ts';
import {
  compileJsonataField,
  compileJsonataTemplate,
  evaluateJsonataCondition,
  isJsonataExpression,
  jsonataExpressionText,
  JsonataDefinitionError,
  JsonataEvaluationError,
  jsonSizeInBytes,
  type JsonataBindings,
} from '../../src/dataflow/jsonata.ts';
import { StatesError } from '../../src/errors.ts';
import corpus from './jsonata-fixtures/corpus-cases.json' with { type: 'json' };

interface CorpusCase {
  name: string;
  state: string;
  field: string;
  template: Json;
  input?: Json;
  variables?: Record<string, Json>;
  output?: Json;
  error?: string;
  cause?: string;
  enteredEventId?: number;
  evaluationFailedEventDetails?: { error: string; cause: string; location?: string; state: string };
}

const cases = corpus as CorpusCase[];

function bindings(
  input: Json = {},
  variables: Record<string, Json> = {},
  extra: Partial<JsonataBindings['states']> = {},
): JsonataBindings {
  return {
    states: { input, context: { Execution: { Id: 'arn:exec' }, State: { Name: 'S' } }, ...extra },
    variables: { get: (name) => (Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] : undefined) },
    random: () => 0.25,
  };
}

async function evaluate(expression: string, input: Json = {}, variables: Record<string, Json> = {}): Promise<Json> {
  return compileJsonataTemplate(expression, 'Output').evaluate(bindings(input, variables));
}

async function failure(promise: Promise<unknown>): Promise<JsonataEvaluationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(JsonataEvaluationError);
    return error as JsonataEvaluationError;
  }
  throw new Error('expected a JsonataEvaluationError');
}

function definitionFailure(run: () => unknown): JsonataDefinitionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(JsonataDefinitionError);
    return error as JsonataDefinitionError;
  }
  throw new Error('expected a JsonataDefinitionError');
}

describe('what is an expression', () => {
  it('is a string that as a whole is {% … %}', () => {
    expect(isJsonataExpression('{% $states.input %}')).toBe(true);
    expect(isJsonataExpression('{%1%}')).toBe(true);
    expect(isJsonataExpression(' {% 1 %}')).toBe(false);
    expect(isJsonataExpression('{% 1 %} ')).toBe(false);
    expect(isJsonataExpression('Hello {% 1 %}')).toBe(false);
    expect(isJsonataExpression('{%}')).toBe(false);
    expect(isJsonataExpression(1)).toBe(false);
    expect(jsonataExpressionText('{%  $doesNotExist \n%}')).toBe('$doesNotExist');
  });

  it('leaves every other string a literal, at any depth (docs: "not-evaluated": "$customerName")', async () => {
    // The conversion example of "Transforming data with JSONata in Step Functions".
    const template = compileJsonataTemplate(
      {
        static: 'Hello',
        title: '{% $states.input.title %}',
        name: '{% $customerName %}',
        'not-evaluated': '$customerName',
      },
      'Arguments',
    );
    expect(template.isStatic).toBe(false);
    expect(await template.evaluate(bindings({ title: 'Doctor' }, { customerName: 'María' }))).toEqual({
      static: 'Hello',
      title: 'Doctor',
      name: 'María',
      'not-evaluated': '$customerName',
    });
  });

  it('evaluates expressions nested in objects and arrays and keeps literals around them', async () => {
    const template = compileJsonataTemplate(
      { a: [1, '{% 1 + 1 %}', { b: '{% $states.input.x %}', c: 'x {% 3 %}' }], d: null, e: '%} {%', f: [[['{% [] %}']]] },
      'Output',
    );
    expect(await template.evaluate(bindings({ x: 'X' }))).toEqual({
      a: [1, 2, { b: 'X', c: 'x {% 3 %}' }],
      d: null,
      e: '%} {%',
      f: [[[[]]]],
    });
  });

  it('returns a template without expressions unchanged, and marks it static', async () => {
    const value = { a: [1, 'two', { three: true }], b: 'c {% d %}' };
    const template = compileJsonataTemplate(value, 'Output');
    expect(template.isStatic).toBe(true);
    expect(await template.evaluate(bindings())).toBe(value);
    expect(compileJsonataTemplate(7, 'TimeoutSeconds').isStatic).toBe(true);
  });

  it('evaluates an expression of any result type (corpus outputdecl BASE_DIRECT_EXPR: $sum + variable)', async () => {
    expect(await evaluate('{% $sum($states.input.input_values) + $var_constant_1 %}', { input_values: [1, 2, 3] }, { var_constant_1: 1 })).toBe(7);
    expect(await evaluate('{% $variable := 1 %}')).toBe(1); // corpus evaluate_jsonata MAX_CONCURRENCY
    expect(await evaluate('{% null %}')).toBe(null);
    expect(await evaluate("{% 'a' & 'b' %}")).toBe('ab');
  });
});

describe('bindings', () => {
  it('exposes $states.input, $states.context, $states.result and $states.errorOutput', async () => {
    const b = bindings({ n: 1 }, {}, { result: { r: 2 }, errorOutput: { Error: 'E', Cause: 'C' } });
    const template = compileJsonataTemplate(
      {
        input: '{% $states.input.n %}',
        context: '{% $states.context.Execution.Id %}',
        result: '{% $states.result.r %}',
        error: '{% $states.errorOutput.Error %}',
      },
      'Output',
    );
    expect(await template.evaluate(b)).toEqual({ input: 1, context: 'arn:exec', result: 2, error: 'E' });
    expect([...template.statesFields].sort()).toEqual(['context', 'errorOutput', 'input', 'result']);
  });

  it('reads the context from a contextSource only for an expression that may use it', async () => {
    let built = 0;
    const source = {
      get context(): JsonObject {
        built++;
        return { State: { Name: 'S' } };
      },
    };
    const lazy = (input: Json): JsonataBindings => ({ ...bindings(input), states: { input }, contextSource: source });
    expect(await compileJsonataTemplate('{% $states.input.n + 1 %}', 'Output').evaluate(lazy({ n: 1 }))).toBe(2);
    expect(built).toBe(0);
    expect(await compileJsonataTemplate('{% $states.context.State.Name %}', 'Output').evaluate(lazy({}))).toBe('S');
    // `$states` as a whole may reach the context any way it likes.
    expect(await compileJsonataTemplate("{% $lookup($states, 'context').State.Name %}", 'Output').evaluate(lazy({}))).toBe('S');
    expect(built).toBe(2);
  });

  it('evaluateNow answers synchronously on the fast path, and evaluate still answers with a promise', async () => {
    const template = compileJsonataTemplate({ sum: '{% $a + 1 %}', text: "{% $uppercase('x') %}" }, 'Output');
    const now = template.evaluateNow(bindings({}, { a: 1 }));
    // `$uppercase` is a function call: only jsonata itself evaluates it, so this one waits.
    expect(now).toBeInstanceOf(Promise);
    expect(await now).toEqual({ sum: 2, text: 'X' });
    expect(compileJsonataTemplate('{% $a + 1 %}', 'Output').evaluateNow(bindings({}, { a: 1 }))).toBe(2);
    expect(() => compileJsonataTemplate('{% $states.input.none %}', 'Output').evaluateNow(bindings())).toThrow(JsonataEvaluationError);
    await expect(compileJsonataTemplate('{% $states.input.none %}', 'Output').evaluate(bindings())).rejects.toBeInstanceOf(JsonataEvaluationError);
  });

  it('has no $states.result outside a result position, so reading it answers nothing', async () => {
    const error = await failure(evaluate('{% $states.result %}'));
    expect(error.cause).toBe("The JSONata expression '$states.result' specified for the field 'Output' returned nothing (undefined).");
  });

  it('binds only the workflow variables the expressions mention', async () => {
    const get = vi.fn((name: string): Json | undefined => ({ a: 1, b: 2, unused: 3 })[name]);
    const template = compileJsonataTemplate({ x: '{% $a + $b %}', y: '{% $count([$a]) %}' }, 'Output');
    const result = await template.evaluate({ ...bindings(), variables: { get } });
    expect(result).toEqual({ x: 3, y: 1 });
    const asked = new Set(get.mock.calls.map(([name]) => name));
    expect(asked.has('unused')).toBe(false);
    expect(asked.has('a') && asked.has('b')).toBe(true);
    expect(template.variables).toEqual(expect.arrayContaining(['a', 'b']));
  });

  it('keeps $states reserved even if a variable is called states', async () => {
    expect(await evaluate('{% $states.input.v %}', { v: 'input' }, { states: { input: { v: 'variable' } } })).toBe('input');
  });

  it('gives the expression no context item: $ at the top level is refused, inside a step it is the step value', async () => {
    expect(await evaluate('{% $states.input.items[$ > 1] %}', { items: [1, 2, 3] })).toEqual([2, 3]);
    expect(await evaluate('{% $states.input.items.($ * 2) %}', { items: [1, 2] })).toEqual([2, 4]);
  });
});

describe('values as AWS serialises them', () => {
  it('reduces a one-element sequence to its element and keeps a constructed array', async () => {
    // A filter matching one item answers the bare item on AWS (reported by a user hitting
    // "Expected 'array', but was 'object'" on Items); [] keeps the array.
    const input = { items: [{ id: 1 }, { id: 2 }] };
    expect(await evaluate('{% $states.input.items[id = 1] %}', input)).toEqual({ id: 1 });
    expect(await evaluate('{% $states.input.items[id = 1][] %}', input)).toEqual([{ id: 1 }]);
    expect(await evaluate('{% [$states.input.items[id = 1]] %}', input)).toEqual([{ id: 1 }]);
  });

  it('leaves the values it reads untouched, [] suffix included', async () => {
    const input = { one: [5], items: [{ id: 1, tags: ['a'] }] };
    const variable = [{ x: [1] }];
    const template = compileJsonataTemplate(
      { a: '{% $states.input.one[] %}', b: '{% $states.input.items.tags[] %}', c: '{% $v.x[] %}', d: '{% $count($states.input.one[]) %}' },
      'Output',
    );
    expect(await template.evaluate(bindings(input, { v: variable }))).toEqual({ a: [5], b: ['a'], c: [1], d: 1 });
    expect(Object.keys(input.one)).toEqual(['0']);
    expect(Object.keys(input.items[0].tags)).toEqual(['0']);
    expect(Object.keys(variable[0].x)).toEqual(['0']);
  });

  it('returns plain arrays, not flagged sequences', async () => {
    const value = (await evaluate('{% $states.input.a.b %}', { a: [{ b: 1 }, { b: 2 }] })) as Json[] & { sequence?: boolean };
    expect(value).toEqual([1, 2]);
    expect(value.sequence).toBeUndefined();
    expect(JSON.stringify(value)).toBe('[1,2]');
  });

  it('writes non-finite numbers as their names and -0 as 0', async () => {
    expect(await evaluate('{% 1/0 %}')).toBe('Infinity');
    expect(await evaluate('{% [-1/0] %}')).toEqual(['-Infinity']);
    expect(Object.is(await evaluate('{% -0 %}'), 0)).toBe(true);
  });

  it('refuses a function as a result', async () => {
    const error = await failure(evaluate('{% function($x){$x} %}'));
    expect(error.cause).toBe("The JSONata expression 'function($x){$x}' specified for the field 'Output' returned an unsupported result type.");
    await failure(evaluate('{% {"f": $sum} %}'));
  });

  it('drops object keys whose value is undefined, as JSONata does', async () => {
    expect(await evaluate('{% {"a": 1, "b": $states.input.missing} %}')).toEqual({ a: 1 });
  });

  it('measures JSON size in UTF-8 bytes', () => {
    expect(jsonSizeInBytes({ a: 1 })).toBe(7);
    expect(jsonSizeInBytes('é')).toBe(4); // "é" is 2 bytes + 2 quotes
    expect(jsonSizeInBytes(['😀'])).toBe(8);
    expect(jsonSizeInBytes(null)).toBe(4);
  });
});

describe('JSONata built-ins that depend on the host', () => {
  it('$now() and $millis() follow the bindings clock, one instant per evaluation', async () => {
    const at = Date.UTC(2024, 10, 22, 12, 0, 0, 123);
    const template = compileJsonataTemplate({ now: '{% $now() %}', millis: '{% $millis() %}', same: '{% $now() = $now() %}' }, 'Output');
    expect(await template.evaluate({ ...bindings(), now: () => at })).toEqual({ now: '2024-11-22T12:00:00.123Z', millis: at, same: true });
    expect(await compileJsonataTemplate("{% $now('[Y0001]-[M01]-[D01]') %}", 'Output').evaluate({ ...bindings(), now: () => at })).toBe('2024-11-22');
  });

  it('$now() is not shadowed by a workflow variable named fromMillis', async () => {
    const at = Date.UTC(2020, 0, 1);
    const template = compileJsonataTemplate('{% [$now(), $fromMillis] %}', 'Output');
    expect(await template.evaluate({ ...bindings({}, { fromMillis: 'mine' }), now: () => at })).toEqual(['2020-01-01T00:00:00.000Z', 'mine']);
  });

  it('$shuffle() draws from the execution RandomSource, so seeded runs repeat', async () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const run = async () => {
      seed = 1;
      return compileJsonataTemplate('{% $shuffle([1,2,3,4,5,6,7,8]) %}', 'Output').evaluate({ ...bindings(), random });
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect([...(first as number[])].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('keeps a parsed "__proto__" key as data', async () => {
    const value = (await evaluate(`{% $parse('{"__proto__": {"x": 1}}') %}`)) as JsonObject;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(JSON.stringify(value)).toBe('{"__proto__":{"x":1}}');
  });
});

describe('functions AWS adds', () => {
  it('$partition splits into chunks (docs example and corpus)', async () => {
    expect(await evaluate('{% $partition([1,2,3,4,5,6,7,8,9], 3) %}')).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(await evaluate('{% $partition([1,2,3,4], 2) %}')).toEqual([[1, 2], [3, 4]]);
    expect(await evaluate('{% $partition([1,2,3,4,5], 2) %}')).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('$range counts from start to end inclusive by step (docs: $range(0, 10, 2))', async () => {
    expect(await evaluate('{% $range(0, 10, 2) %}')).toEqual([0, 2, 4, 6, 8, 10]);
    expect(await evaluate('{% $range(10, 0, -5) %}')).toEqual([10, 5, 0]);
  });

  it('$hash digests UTF-8 text with the five documented algorithms (FIPS / RFC 1321 test vectors)', async () => {
    const abc: Record<string, string> = {
      MD5: '900150983cd24fb0d6963f7d28e17f72',
      'SHA-1': 'a9993e364706816aba3e25717850c26c9cd0d89d',
      'SHA-256': 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      'SHA-384': 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
      'SHA-512':
        'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    };
    for (const [algorithm, digest] of Object.entries(abc)) {
      expect(await evaluate(`{% $hash('abc', '${algorithm}') %}`)).toBe(digest);
    }
    expect(await evaluate("{% $hash('', 'SHA-256') %}")).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await evaluate("{% $hash('', 'MD5') %}")).toBe('d41d8cd98f00b204e9800998ecf8427e');
    // 56 bytes: the padding spills into a second block (FIPS 180 two-block vector).
    expect(await evaluate("{% $hash('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 'SHA-256') %}")).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('$hash refuses an algorithm name it does not know, case-sensitively', async () => {
    const error = await failure(evaluate("{% $hash('abc', 'sha-256') %}"));
    expect(error.error).toBe('States.QueryEvaluationError');
    expect(error.cause).toContain("threw an error during evaluation. D3137: Hash algorithm 'sha-256' must be one of");
  });

  it('$random() draws from the execution RandomSource; $random(seed) is reproducible', async () => {
    expect(await evaluate('{% $random() %}')).toBe(0.25);
    // AWS answers 0.7275636800328681 for $random(42) (floci-io/floci's measurement), which is
    // java.util.Random(42).nextDouble().
    expect(await evaluate('{% $random(42) %}')).toBe(0.7275636800328681);
    expect(await evaluate('{% $random(7) = $random(7) %}')).toBe(true);
    const error = await failure(evaluate("{% $random('x') %}"));
    expect(error.cause).toContain('T0410');
  });

  it('$uuid() is a version 4 UUID drawn from the RandomSource', async () => {
    const value = await evaluate('{% $uuid() %}');
    expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await evaluate('{% $uuid() %}')).toBe(value); // same RandomSource, same UUID
  });

  it('$parse reads JSON text (docs example)', async () => {
    expect(await evaluate(`{% $parse('{"a":1}') %}`)).toEqual({ a: 1 });
    const error = await failure(evaluate("{% $parse('{') %}"));
    expect(error.cause).toContain('threw an error during evaluation. D3137:');
  });

  it('$eval is not available: calling it fails like calling an unknown function', async () => {
    const error = await failure(evaluate('{% $eval("1 + 1") %}'));
    expect(error.cause).toBe(
      `The JSONata expression '$eval("1 + 1")' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function`,
    );
  });
});

describe('conformance corpus (AWS recordings)', () => {
  const succeeded = cases.filter((c) => c.output !== undefined);
  const failed = cases.filter((c) => c.cause !== undefined);

  it.each(succeeded.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const template = compileJsonataTemplate(c.template, c.field);
    expect(await template.evaluate(bindings(c.input ?? {}, c.variables ?? {}))).toEqual(c.output);
  });

  it.each(failed.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const b = bindings(c.input ?? {}, c.variables ?? {});
    const run = c.field === 'Items' ? compileJsonataField(c.template, c.field, 'array').evaluate(b) : compileJsonataTemplate(c.template, c.field).evaluate(b);
    const error = await failure(run);
    const details = c.evaluationFailedEventDetails!;
    expect(error.error).toBe(c.error);
    expect(error.location).toBe(details.location);
    expect(error.inState(c.state, c.enteredEventId!).cause).toBe(c.cause);
    expect(error.eventDetails(c.state, c.enteredEventId!)).toEqual(details);
    expect(error.inState(c.state, c.enteredEventId!)).toBeInstanceOf(StatesError);
  });
});

describe('errors', () => {
  it('names the nested field path: /key for objects, [i] for arrays', async () => {
    const template = compileJsonataTemplate({ list: [1, { deep: '{% $nothing %}' }] }, 'Output');
    const error = await failure(template.evaluate(bindings()));
    expect(error.location).toBe('Output/list[1]/deep');
    expect(error.expression).toBe('$nothing');
  });

  it('is a StatesError catchable as States.QueryEvaluationError', async () => {
    const error = await failure(evaluate("{% $number('x') %}"));
    expect(error).toBeInstanceOf(StatesError);
    expect(error.toErrorOutput()).toEqual({ Error: 'States.QueryEvaluationError', Cause: error.cause });
    expect(error.cause).toMatch(/^The JSONata expression '\$number\('x'\)' specified for the field 'Output' threw an error during evaluation\. D3030: /);
  });

  it('reports a field of the wrong type with AWS wording', async () => {
    const field = compileJsonataField('{% $states.input.n %}', 'TimeoutSeconds', 'number');
    expect(await field.evaluate(bindings({ n: 3 }))).toBe(3);
    const error = await failure(field.evaluate(bindings({ n: '3' })));
    expect(error.cause).toBe(
      `The JSONata expression '$states.input.n' specified for the field 'TimeoutSeconds' returned an unexpected result type. Expected 'number', but was 'string' for value: "3"`,
    );
    expect(() => compileJsonataField('3', 'TimeoutSeconds', 'number')).toThrow(TypeError);
  });
});

describe('Choice Condition', () => {
  it('accepts a boolean literal or an expression producing a boolean', async () => {
    expect(await evaluateJsonataCondition(true, bindings())).toBe(true);
    // corpus CHOICE_STATE_SINGLETON_COMPOSITE_LITERAL_JSONATA
    expect(await evaluateJsonataCondition('{% $states.input.str_value = "string literal" %}', bindings({ str_value: 'string literal' }))).toBe(true);
    expect(await evaluateJsonataCondition('{% $states.input.n > 5 %}', bindings({ n: 1 }))).toBe(false);
  });

  it('fails with States.QueryEvaluationError on anything else', async () => {
    const error = await failure(evaluateJsonataCondition('{% $states.input.n %}', bindings({ n: 1 })));
    expect(error.location).toBe('Condition');
    expect(error.cause).toBe(
      "The JSONata expression '$states.input.n' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 1",
    );
    const missing = await failure(evaluateJsonataCondition('{% $states.input.none %}', bindings(), 'Choices[0]/Condition'));
    expect(missing.cause).toBe("The JSONata expression '$states.input.none' specified for the field 'Choices[0]/Condition' returned nothing (undefined).");
  });
});

describe('definition-time refusals', () => {
  it('refuses an expression that does not parse', () => {
    const error = definitionFailure(() => compileJsonataTemplate({ a: ['{% 1 + %}'] }, 'Output'));
    expect(error.code).toBe('INVALID_JSONATA_EXPRESSION');
    expect(error.location).toBe('Output/a[0]');
    expect(error.detail).toBe('Unexpected end of expression');
    expect(definitionFailure(() => compileJsonataTemplate('{%%}', 'Output')).code).toBe('INVALID_JSONATA_EXPRESSION');
  });

  it('refuses unqualified field names and $ at the top level, but not inside steps or predicates', () => {
    const phone = definitionFailure(() => compileJsonataTemplate({ v: '{% phone %}' }, 'Output'));
    expect(phone.code).toBe('UNSUPPORTED_JSONATA_EXPRESSION');
    expect(phone.detail).toBe("Reference to 'phone' at the top level is not supported.");
    expect(phone.location).toBe('Output/v');
    expect(definitionFailure(() => compileJsonataTemplate('{% $ %}', 'Output')).detail).toBe("Reference to '$' at the top level is not supported.");
    expect(definitionFailure(() => compileJsonataTemplate('{% $count(items) %}', 'Output')).detail).toContain("'items'");
    expect(definitionFailure(() => compileJsonataTemplate('{% {aaa: 1} %}', 'Output')).detail).toContain("'aaa'");
    // A lambda body keeps the top-level context.
    expect(definitionFailure(() => compileJsonataTemplate('{% $map([1], function($v){ b }) %}', 'Output')).detail).toContain("'b'");
    // Fine: names after the first step, in predicates, sort terms and object constructors on a path.
    for (const ok of ['{% $states.input.a.b[c = 1].d %}', '{% $states.input.items^(name) %}', '{% $states.input.items.{ "n": name } %}', "{% {'key': $states.input.v} %}"]) {
      expect(() => compileJsonataTemplate(ok, 'Output')).not.toThrow();
    }
  });

  it('refuses $$ anywhere', () => {
    expect(definitionFailure(() => compileJsonataTemplate('{% $$ %}', 'Output')).code).toBe('UNSUPPORTED_JSONATA_EXPRESSION');
    expect(definitionFailure(() => compileJsonataTemplate('{% $states.input[$$.x] %}', 'Output')).code).toBe('UNSUPPORTED_JSONATA_EXPRESSION');
  });

  it('refuses ?: and ??, which JSONata 2.0.6 (the version AWS implements) does not have', () => {
    expect(definitionFailure(() => compileJsonataTemplate('{% $states.input.a ?: 1 %}', 'Output')).code).toBe('INVALID_JSONATA_EXPRESSION');
    expect(definitionFailure(() => compileJsonataTemplate('{% $states.input.a ?? 1 %}', 'Output')).code).toBe('INVALID_JSONATA_EXPRESSION');
    expect(() => compileJsonataTemplate('{% $states.input.a ? $states.input.a : 1 %}', 'Output')).not.toThrow();
    expect(() => compileJsonataTemplate('{% $exists($states.input.a) ? 1 : 2 %}', 'Output')).not.toThrow();
  });
});

describe('bounded evaluation', () => {
  it('ends a non-terminating tail-recursive loop with States.QueryEvaluationError', async () => {
    const template = compileJsonataTemplate('{% ($f := function($n){ $f($n + 1) }; $f(0)) %}', 'Output', { limits: { timeoutMs: 200, maxDepth: 100 } });
    const started = Date.now();
    const error = await failure(template.evaluate(bindings()));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.cause).toContain('threw an error during evaluation. D1012: Evaluation timeout after 200 milliseconds');
  });

  it('ends unbounded recursion at the depth AWS allows (100)', async () => {
    const error = await failure(evaluate('{% ($f := function($n){ 1 + $f($n + 1) }; $f(0)) %}'));
    expect(error.cause).toContain('D1011: Stack overflow');
    const chain = (terms: number): string => `{% ${Array(terms).fill('1').join(' + ')} %}`;
    expect(await evaluate(chain(100))).toBe(100);
    await failure(evaluate(chain(101)));
  });
});

describe('inState', () => {
  it('adds the state sentence AWS puts in front of the cause', async () => {
    const error = await failure(evaluate('{% $x %}'));
    const wrapped = error.inState('Pass1', 2);
    expect(wrapped.error).toBe('States.QueryEvaluationError');
    expect(wrapped.cause).toBe(
      "An error occurred while executing the state 'Pass1' (entered at the event id #2). The JSONata expression '$x' specified for the field 'Output' returned nothing (undefined).",
    );
  });
});

// Keep the type import used: templates are JSON objects.
export type _Template = JsonObject;
