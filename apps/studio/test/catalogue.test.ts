/// <reference types="node" />
/**
 * The inspector's field catalogue must offer exactly the fields the ASL JSON Schema allows for each
 * state type and query language. The schema lives in the repository's `schemas/`; on a checkout
 * without it the check is skipped rather than passing vacuously on a copy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STATE_TYPES } from '../src/model/asl';
import { FIELD_CATALOGUE } from '../src/model/catalogue';

const schemaUrl = new URL('../../../schemas/asl.schema.json', import.meta.url);
const hasSchema = existsSync(schemaUrl);

type Schema = { properties?: Record<string, unknown>; allOf?: Schema[]; $ref?: string };

function propertiesOf(defs: Record<string, Schema>, schema: Schema, out = new Set<string>()): Set<string> {
  if (schema.$ref) propertiesOf(defs, defs[schema.$ref.replace('#/$defs/', '')], out);
  for (const key of Object.keys(schema.properties ?? {})) out.add(key);
  for (const part of schema.allOf ?? []) propertiesOf(defs, part, out);
  return out;
}

describe.skipIf(!hasSchema)('field catalogue ⇄ schemas/asl.schema.json', () => {
  const defs = hasSchema ? (JSON.parse(readFileSync(schemaUrl, 'utf8')) as { $defs: Record<string, Schema> }).$defs : {};
  for (const type of STATE_TYPES) {
    for (const language of ['JSONPath', 'JSONata'] as const) {
      it(`${type} in ${language}`, () => {
        const fromSchema = [...propertiesOf(defs, defs[`${type}${language}`])].filter((k) => k !== 'Type').sort();
        const fromCatalogue = FIELD_CATALOGUE[type].filter((f) => f.applies === 'both' || f.applies === language).map((f) => f.key).sort();
        expect(fromCatalogue).toEqual(fromSchema);
      });
    }
  }
});
