/**
 * The execution input is checked when an execution starts, as StartExecution checks it
 * (InvalidExecutionInput): what is not JSON, or nested past what the engine can walk, is refused
 * with its place named, instead of failing later as a stack overflow or a history that cannot
 * be read. What is admitted is copied, as AWS takes it: JSON text.
 */
import { describe, expect, it } from 'vitest';
import { InvalidExecutionInputError, InvalidExecutionNameError, type Json } from '../../src/index.ts';
import { jsonProblem, MAX_JSON_DEPTH } from '../../src/json-check.ts';
import { engine } from './helpers.ts';

const passThrough = { StartAt: 'P', States: { P: { Type: 'Pass' as const, End: true as const } } };

function nested(levels: number): Json {
  let value: Json = 'leaf';
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('jsonProblem', () => {
  it('accepts JSON, members that are undefined (left out, as JSON.stringify leaves them), and objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, Json>;
    bare.a = 1;
    for (const value of [null, true, 0, -1.5, '', 'text', [], {}, { a: [1, { b: null }] }, { skipped: undefined }, bare]) {
      expect(jsonProblem(value)).toBeUndefined();
    }
  });

  it('names what is not JSON and where', () => {
    const cases: Array<[unknown, RegExp]> = [
      [NaN, /^the value itself: NaN is not a JSON number$/],
      [{ a: [1, Infinity] }, /^\$\.a\[1\]: Infinity is not a JSON number$/],
      [{ 'odd key': 1n }, /^\$\["odd key"\]: a BigInt is not JSON/],
      [{ when: new Date(0) }, /^\$\.when: a Date is not a plain JSON object \(give its ISO text/],
      [{ m: new Map() }, /^\$\.m: a Map is not a plain JSON object$/],
      [[() => 1], /^\$\[0\]: a function is not JSON$/],
      [undefined, /^the value itself: undefined is not JSON$/],
    ];
    for (const [value, message] of cases) expect(jsonProblem(value)).toMatch(message);
  });

  it('names a cycle where it closes', () => {
    const order: Record<string, unknown> = { lines: [{ sku: 'a' }] };
    (order.lines as Array<Record<string, unknown>>)[0].order = order;
    expect(jsonProblem({ order })).toBe('$.order.lines[0].order: the value contains itself (a cycle), which JSON cannot hold');
  });

  it(`takes ${MAX_JSON_DEPTH} levels of nesting (our choice: AWS documents no limit; Jackson's default), not one more`, () => {
    expect(jsonProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(jsonProblem(nested(MAX_JSON_DEPTH + 1))).toMatch(/^\$\[0\]\[0\]\[0\]\[0\]\[0\]\[0\]\[0\]\[0\]… \(1000 levels down\): nested deeper than 1000 levels$/);
  });
});

describe('starting an execution', () => {
  it('refuses an input that is not JSON with InvalidExecutionInputError, and nothing starts', async () => {
    const machine = engine().createMachine(passThrough);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const input of [{ n: 1n }, cyclic, { deep: nested(5000) }, { at: new Date(0) }]) {
      expect(() => machine.start({ input: input as unknown as Json })).toThrow(InvalidExecutionInputError);
      await expect(machine.run(input as unknown as Json)).rejects.toThrow(/^The execution input is not JSON the engine can take: at \$\./);
    }
  });

  it('works on its own copy of the input, as StartExecution takes JSON text: changing the object after start changes nothing in the execution', async () => {
    const machine = engine().createMachine({
      StartAt: 'Later',
      States: {
        Later: { Type: 'Wait', Seconds: 60, Next: 'Echo' },
        Echo: { Type: 'Pass', Parameters: { 'now.$': '$', 'atStart.$': '$$.Execution.Input' }, End: true },
      },
    });
    const input = { order: { id: 1, lines: ['a'] } };
    const execution = machine.start({ input });
    input.order.id = 2;
    input.order.lines.push('b');
    const result = await execution.done;
    const original = { order: { id: 1, lines: ['a'] } };
    expect(result).toEqual({ status: 'SUCCEEDED', output: { now: original, atStart: original } });
    expect(JSON.parse(String(execution.history()[0].executionStartedEventDetails?.input))).toEqual(original);
  });

  it('takes the input as JSON writes it: undefined members left out, undefined items null, -0 as 0', async () => {
    const machine = engine().createMachine(passThrough);
    const result = await machine.run({ kept: 1, dropped: undefined, items: [undefined, -0] } as unknown as Json);
    expect(result).toEqual({ status: 'SUCCEEDED', output: { kept: 1, items: [null, 0] } });
    expect(result.status === 'SUCCEEDED' && Object.is((result.output as { items: number[] }).items[1], 0)).toBe(true);
  });

  it('refuses an input over the payload limit, as StartExecution does (262,144 bytes), and takes one at the limit', async () => {
    const machine = engine().createMachine(passThrough);
    // {"s":"…"} is 8 bytes around the text.
    const atLimit = { s: 'x'.repeat(256 * 1024 - 8) };
    expect(await machine.run(atLimit)).toMatchObject({ status: 'SUCCEEDED' });
    const over = { s: 'x'.repeat(256 * 1024 - 7) };
    expect(() => machine.start({ input: over })).toThrow(/^The execution input is 262145 bytes of JSON, over the 262144-byte payload limit/);
    const unlimited = engine({ limits: { maxPayloadBytes: Infinity } }).createMachine(passThrough);
    expect(await unlimited.run(over)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('refuses a name AWS would refuse (InvalidName), naming the character', () => {
    const machine = engine().createMachine(passThrough);
    for (const name of ['ok', 'order-42_retry', 'é😀', 'x'.repeat(80)]) expect(machine.start({ name }).name).toBe(name);
    const refused: Array<[string, RegExp]> = [
      ['', /has 0 characters; a name has 1 to 80/],
      ['x'.repeat(81), /has 81 characters/],
      ['two words', /contains U\+0020/],
      ['a/b', /contains '\/'/],
      ['{id}', /contains '\{'/],
      ['bell\u0007', /contains U\+0007/],
      ['lone\ud83d', /contains U\+D83D/],
    ];
    for (const [name, message] of refused) {
      expect(() => machine.start({ name })).toThrow(InvalidExecutionNameError);
      expect(() => machine.start({ name })).toThrow(message);
    }
  });

  it('runs an input nested as deep as allowed through paths, intrinsics, JSONata and the history', async () => {
    const deep = nested(MAX_JSON_DEPTH - 2);
    const jsonPath = engine().createMachine({
      StartAt: 'Paths',
      States: {
        Paths: { Type: 'Pass', Parameters: { 'copy.$': '$.deep', 'text.$': 'States.JsonToString($.deep)' }, Next: 'Back' },
        Back: { Type: 'Pass', Parameters: { 'parsed.$': 'States.StringToJson($.text)' }, End: true },
      },
    });
    const execution = jsonPath.start({ input: { deep } });
    expect(await execution.done).toEqual({ status: 'SUCCEEDED', output: { parsed: deep } });
    expect(JSON.parse(JSON.stringify(execution.historyDocument())).events).toHaveLength(6);
    const jsonata = engine().createMachine({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $states.input.deep %}', End: true } } });
    expect(await jsonata.run({ deep })).toEqual({ status: 'SUCCEEDED', output: deep });
  });

  it('States.StringToJson refuses text nested deeper than the engine takes (States.IntrinsicFailure)', async () => {
    const machine = engine().createMachine({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'v.$': 'States.StringToJson($.text)' }, End: true } } });
    const result = await machine.run({ text: `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}` });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.IntrinsicFailure' });
    expect(result.status === 'FAILED' && result.cause).toMatch(/States\.StringToJson: the parsed value is not JSON the engine can take: .*nested deeper than 1000 levels/);
  });
});
