/**
 * Runs every case of the validation corpus (test/validation/cases, copied from the shared
 * collection; see NOTICE): each case is an ASL definition with its origin's verdict (valid or
 * invalid) and, for some, the JSON pointer of the fault. Stepwise must share every verdict and
 * point at or inside the named location, except for the cases listed with a reason in
 * known-differences.json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateDefinition, type ValidateOptions } from '../../packages/engine/src/definition/index.ts';

interface CorpusCase {
  name: string;
  source: string;
  definition: unknown;
  valid: boolean;
  expect: { path: string | null; about: string }[];
}

interface KnownDifference {
  name: string;
  reason: string;
  rejectedWith?: ValidateOptions;
}

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = join(here, 'cases');
const cases: CorpusCase[] = readdirSync(casesDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(casesDir, file), 'utf8')) as CorpusCase);
const known: KnownDifference[] = JSON.parse(readFileSync(join(here, 'known-differences.json'), 'utf8')).cases;
const knownByName = new Map(known.map((entry) => [entry.name, entry]));

/** The list only shrinks: raise this only with a reason in the commit, lower it when entries go. */
const maxKnownDifferences = 5;

/** A diagnostic points "there" when it is at the named pointer or inside it (origins report at different depths). */
function pointsAt(location: string, expected: string): boolean {
  return location === expected || location.startsWith(`${expected}/`);
}

describe('validation corpus', () => {
  it('has the cases and a bounded known-differences list', () => {
    expect(cases.length).toBeGreaterThanOrEqual(235);
    expect(known.length).toBeLessThanOrEqual(maxKnownDifferences);
    for (const entry of known) expect(cases.some((c) => c.name === entry.name), entry.name).toBe(true);
  });

  for (const testCase of cases) {
    const difference = knownByName.get(testCase.name);
    it(`${testCase.valid ? 'accepts' : 'rejects'} ${testCase.name}`, () => {
      const result = validateDefinition(testCase.definition);
      const errors = result.diagnostics.filter((d) => d.severity === 'ERROR');
      if (difference) {
        // Listed differences must still differ; a fixed one must leave the list.
        expect(result.valid, `${testCase.name} now agrees with its origin; remove it from known-differences.json`).toBe(!testCase.valid);
        if (difference.rejectedWith) expect(validateDefinition(testCase.definition, difference.rejectedWith).valid).toBe(false);
        return;
      }
      expect(result.valid, JSON.stringify(errors, null, 2)).toBe(testCase.valid);
      if (!testCase.valid) {
        expect(errors.length).toBeGreaterThan(0);
        for (const expected of testCase.expect) {
          if (expected.path === null) continue;
          const locations = errors.map((d) => d.location);
          expect(locations.some((location) => pointsAt(location, expected.path!)), `expected a diagnostic at ${expected.path} (${expected.about}); got ${locations.join(', ')}`).toBe(true);
        }
      }
      for (const diagnostic of result.diagnostics) {
        expect(diagnostic.code).not.toBe('INTERNAL_ERROR');
        expect(['ERROR', 'WARNING']).toContain(diagnostic.severity);
        expect(typeof diagnostic.location).toBe('string');
      }
    });
  }
});
