/**
 * The payload limit is measured in bytes of compact JSON text (UTF-8), without building the text:
 * jsonByteSize must equal what JSON.stringify would produce, for any value, and a size a payload
 * template works out while building its object must be that object's size.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonByteSize } from '../../src/json-size.ts';
import { compileTemplate } from '../../src/dataflow/payload.ts';
import type { Json } from '../../src/json.ts';
import { makeScope } from './helpers.ts';

const utf8Length = (value: Json): number => new TextEncoder().encode(JSON.stringify(value)).length;
const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as Json);

describe('jsonByteSize', () => {
  it('equals the UTF-8 length of JSON.stringify, for any JSON value', () => {
    fc.assert(fc.property(json, (value) => jsonByteSize(value) === utf8Length(value)), { numRuns: 500 });
  });

  it('counts escapes, multi-byte characters, surrogate pairs and lone surrogates as JSON.stringify writes them', () => {
    for (const text of ['"\\\n\t\u0001', 'é', '€', '😀', '\ud83d', '\ude00', 'a\ud83dz', '\ude00\ud83d']) {
      expect(jsonByteSize(text)).toBe(utf8Length(text));
    }
  });

  it('counts numbers as JSON.stringify writes them (-0, exponents, fractions)', () => {
    for (const n of [0, -0, 7, -12, 1e21, 1.5e-7, 123456789012345, 0.1, -3.25]) expect(jsonByteSize(n)).toBe(utf8Length(n));
  });
});

describe('sizes worked out by payload templates', () => {
  const scope = makeScope({ context: { Execution: { Id: 'e-1' } } });

  it('match the built object, for arbitrary inputs through templates of every kind of member', () => {
    const template = {
      constant: 'fixed €',
      'copied.$': '$.a',
      nested: { 'deep.$': '$.b', flag: true, n: 3 },
      'whole.$': '$',
      list: ['x', { 'y.$': '$.a' }],
      'format.$': "States.Format('{} and {}', $.a, $.b)",
    };
    const compiled = compileTemplate(template, 'Parameters');
    const scalar = fc.oneof(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(scalar, scalar, (a, b) => {
        const built = compiled.evaluate({ a, b }, scope);
        return jsonByteSize(built) === utf8Length(built);
      }),
      { numRuns: 300 },
    );
  });

  it('are not trusted once a task handler has had the built object: a handler that grows its input and returns it is measured', async () => {
    const { Engine } = await import('../../src/index.ts');
    const engine = new Engine({ clock: 'virtual', limits: { maxPayloadBytes: 200 } });
    const machine = engine.createMachine({
      StartAt: 'Grow',
      States: { Grow: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:grow', Parameters: { 'n.$': '$.n' }, ResultPath: '$.grown', End: true } },
    });
    const result = await machine.run(
      { n: 1 },
      {
        tasks: {
          Grow: (input) => {
            // Changing a value the engine handed over is the handler's business; its size must still be measured.
            (input as Record<string, Json>).padding = 'x'.repeat(300);
            return input;
          },
        },
      },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('are not trusted for an earlier run output, changed by its holder and given as the input of the next run', async () => {
    const { Engine } = await import('../../src/index.ts');
    const engine = new Engine({ clock: 'virtual', limits: { maxPayloadBytes: 200 } });
    const build = engine.createMachine({ StartAt: 'Build', States: { Build: { Type: 'Pass', Parameters: { 'n.$': '$.n' }, End: true } } });
    const first = await build.run({ n: 1 });
    expect(first.status).toBe('SUCCEEDED');
    const output = first.status === 'SUCCEEDED' ? (first.output as Record<string, Json>) : {};
    output.padding = 'x'.repeat(300);
    const passOn = engine.createMachine({ StartAt: 'Same', States: { Same: { Type: 'Pass', End: true } } });
    // Measured again, the input is over the limit: the execution is refused at its start.
    expect(() => passOn.start({ input: output })).toThrow(/over the 200-byte payload limit/);
  });

  it('nor are sizes remembered for large objects (≥ 1 KiB) once their holder changed them and gave them as the next run’s input', async () => {
    const { Engine } = await import('../../src/index.ts');
    const engine = new Engine({ clock: 'virtual', limits: { maxPayloadBytes: 4096 } });
    const build = engine.createMachine({ StartAt: 'Build', States: { Build: { Type: 'Pass', Parameters: { 'pad.$': '$.pad' }, End: true } } });
    const first = await build.run({ pad: 'x'.repeat(2000) });
    expect(first.status).toBe('SUCCEEDED');
    const output = first.status === 'SUCCEEDED' ? (first.output as Record<string, Json>) : {};
    const passOn = engine.createMachine({ StartAt: 'Same', States: { Same: { Type: 'Pass', End: true } } });
    // Measured (and remembered, being over 1 KiB) as the first run's output and the second's input.
    expect((await passOn.run(output)).status).toBe('SUCCEEDED');
    output.more = 'y'.repeat(3000);
    expect(() => passOn.start({ input: output })).toThrow(/over the 4096-byte payload limit/);
  });
});
