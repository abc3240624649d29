/**
 * Property tests: whatever JSON comes in and whatever path or intrinsic text a definition
 * holds, the data flow either rejects the text at compile time (a syntax error) or, at run
 * time, returns a value or throws a StatesError — never anything else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePath, evaluatePath, PathSyntaxError } from '../../src/dataflow/paths.ts';
import { compileReferencePath, setAtReferencePath } from '../../src/dataflow/reference-path.ts';
import { evaluateIntrinsic, IntrinsicSyntaxError, parseIntrinsic } from '../../src/dataflow/intrinsics.ts';
import { compilePayloadTemplate, PayloadTemplateError } from '../../src/dataflow/payload.ts';
import { StatesError } from '../../src/errors.ts';
import type { Json } from '../../src/json.ts';
import { makeScope } from './helpers.ts';

const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as Json);
const scope = makeScope({ context: { Execution: { Id: 'x', Input: { a: [1, { b: 2 }] } } }, variables: { a: { b: [1, 2] }, v: 'text' } });

const pathPieces = [
  '$', '$$', '$a', '$v', '.', '..', '[', ']', '*', "'", '"', 'a', 'b', 'c', '0', '1', '-1', ':', '?', '(', ')', '@',
  '.a', '.b', '[0]', '[1]', '[-1]', '[*]', "['a']", "['a','b']", '[0,1]', '[1:]', '[::-1]', '[?(@.a)]', '[?(@ > 1)]',
  '[?(@.b == 2)]', ' ', ',', '.length()', '\\', '..*', '..a',
  "[?(@.a =~ /x.*/i)]", "[?(@ in [1, 'a', null])]", '[?(@.a size 1)]', '[?(@.a empty false)]', '[?(!@.b || $.a)]', '[?(@.a === $.b)]',
];
const pathText = fc.oneof(
  fc.array(fc.constantFrom(...pathPieces), { maxLength: 8 }).map((p) => p.join('')),
  fc.array(fc.constantFrom(...pathPieces), { maxLength: 6 }).map((p) => '$' + p.join('')),
  fc.string(),
);

const intrinsicPieces = [
  'States.Format(', 'States.Array(', 'States.ArrayRange(', 'States.ArrayPartition(', 'States.ArrayGetItem(', 'States.MathAdd(',
  'States.StringSplit(', 'States.Hash(', 'States.JsonMerge(', 'States.StringToJson(', 'States.JsonToString(', 'States.UUID(',
  'States.Base64Decode(', 'States.Base64Encode(', 'States.ArrayUnique(', 'States.MathRandom(', 'States.ArrayContains(', 'States.ArrayLength(',
  ')', ',', ' ', "'{}'", "'x'", "'\\{'", "'MD5'", '1', '-2', '0', '2.5', '1000', 'true', 'false', 'null', '$', '$.a', '$.a[0]', '$$.Execution.Input', '$a', "'", '\\',
];
const intrinsicText = fc.oneof(
  fc.array(fc.constantFrom(...intrinsicPieces), { minLength: 1, maxLength: 10 }).map((p) => p.join('')),
  fc.string().map((s) => `States.Format(${s})`),
);

function onlyStatesErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof StatesError)) throw e;
  }
}

describe('property: no stray exceptions', () => {
  it('paths: compile-time PathSyntaxError, else run-time StatesError only', () => {
    fc.assert(
      fc.property(pathText, json, (path, input) => {
        let evaluator;
        try {
          evaluator = compilePath(path);
        } catch (e) {
          expect(e).toBeInstanceOf(PathSyntaxError);
          return;
        }
        onlyStatesErrors(() => {
          const v = evaluator(input, scope);
          if (!evaluator.definite) expect(Array.isArray(v)).toBe(true);
        });
        onlyStatesErrors(() => evaluatePath(path, input, scope));
      }),
      { numRuns: 3000 },
    );
  });

  it('reference paths: compile-time PathSyntaxError, else ResultPathMatchFailure only', () => {
    fc.assert(
      fc.property(pathText, json, json, (path, input, value) => {
        try {
          compileReferencePath(path);
        } catch (e) {
          expect(e).toBeInstanceOf(PathSyntaxError);
          return;
        }
        try {
          setAtReferencePath(input, path, value);
        } catch (e) {
          expect(e).toBeInstanceOf(StatesError);
          expect((e as StatesError).error).toBe('States.ResultPathMatchFailure');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('intrinsics: compile-time IntrinsicSyntaxError, else StatesError only', () => {
    fc.assert(
      fc.property(intrinsicText, json, (text, input) => {
        let call;
        try {
          call = parseIntrinsic(text);
        } catch (e) {
          expect(e).toBeInstanceOf(IntrinsicSyntaxError);
          return;
        }
        onlyStatesErrors(() => evaluateIntrinsic(call, input, scope));
      }),
      { numRuns: 3000 },
    );
  });

  it('payload templates: definition errors at compile time, StatesError at run time', () => {
    const template = fc.dictionary(
      fc.oneof(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }).map((k) => `${k}.$`)),
      fc.oneof(json, pathText, intrinsicText),
      { maxKeys: 4 },
    );
    fc.assert(
      fc.property(template, json, (t, input) => {
        let evaluate;
        try {
          evaluate = compilePayloadTemplate(t as Json, 'Parameters');
        } catch (e) {
          expect(e instanceof PathSyntaxError || e instanceof IntrinsicSyntaxError || e instanceof PayloadTemplateError).toBe(true);
          return;
        }
        onlyStatesErrors(() => evaluate(input, scope));
      }),
      { numRuns: 1500 },
    );
  });

  it('definite paths agree with a naive walk and never copy', () => {
    const step = fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 2 }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 4 }), json, (steps, input) => {
        const path = '$' + steps.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');
        let expected: Json | undefined = input;
        for (const s of steps) {
          if (expected === undefined) break;
          if (typeof s === 'number') expected = Array.isArray(expected) && s < expected.length ? expected[s] : undefined;
          else expected = expected !== null && typeof expected === 'object' && !Array.isArray(expected) && Object.hasOwn(expected, s) ? expected[s] : undefined;
        }
        expect(compilePath(path)(input, scope)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
