/**
 * The engine uses validators generated from schemas/asl.schema.json ahead of time. If the schema
 * changes, `npx tsx schemas/generate-validators.ts` must be run and its output committed; this test
 * fails until then. It also checks the published schema itself with ajv, as editors would use it.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { generatedFile, generateValidatorModule, schemaFile } from '../../../../schemas/generate-validators.ts';

describe('generated schema validators', { timeout: 120_000 }, () => {
  it('are up to date with schemas/asl.schema.json', () => {
    expect(readFileSync(generatedFile, 'utf8') === generateValidatorModule(), 'run: npx tsx schemas/generate-validators.ts').toBe(true);
  });

  it('the published schema validates whole definitions on its own (editor use)', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof schema.$id).toBe('string');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    // AWS: states in branches inherit the machine's language, not their Parallel state's.
    const good = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          QueryLanguage: 'JSONata',
          Output: '{% $states.result %}',
          End: true,
          Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Parameters: { 'a.$': '$.x' }, End: true } } }],
        },
      },
    };
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    const nestedBad = structuredClone(good);
    (nestedBad.States.P.Branches[0].States.Inner as Record<string, unknown>).Output = 'x';
    expect(validate(nestedBad)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/States/P/Branches/0/States/Inner')).toBe(true);
    const jsonPathInJsonata = { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } } };
    expect(validate(jsonPathInJsonata)).toBe(false);
  });
});
