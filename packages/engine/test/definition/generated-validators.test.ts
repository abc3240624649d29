/**
 * The engine uses validators generated from schemas/asl.schema.json ahead of time. If the schema
 * changes, `npx tsx schemas/generate-validators.ts` must be run and its output committed; this test
 * fails until then. It also checks the published schema itself with ajv, as editors would use it.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { generatedFile, generateValidatorModule, schemaFile } from '../../../../schemas/generate-validators.ts';

describe('generated schema validators', () => {
  it('are up to date with schemas/asl.schema.json', () => {
    expect(readFileSync(generatedFile, 'utf8') === generateValidatorModule(), 'run: npx tsx schemas/generate-validators.ts').toBe(true);
  });

  it('the published schema validates whole definitions on its own (editor use)', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof schema.$id).toBe('string');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const good = {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'Old', States: { Old: { Type: 'Pass', QueryLanguage: 'JSONPath', Parameters: { 'a.$': '$.x' }, End: true } } }] },
      },
    };
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    const nestedBad = structuredClone(good);
    (nestedBad.States.P.Branches[0].States.Old as Record<string, unknown>).Output = 'x';
    expect(validate(nestedBad)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/States/P/Branches/0/States/Old')).toBe(true);
  });
});
