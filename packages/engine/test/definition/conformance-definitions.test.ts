/**
 * Every definition of the conformance corpus ran on real AWS Step Functions, so AWS accepted it:
 * the validator must report no ERROR for any of them (warnings are fine). The corpus lives in
 * test/conformance/cases; before it is copied there it is read from ../shared/conformance/localstack.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/definition/index.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const candidates = [join(repoRoot, 'test/conformance/cases'), join(repoRoot, '../shared/conformance/localstack')];
const corpusDir = candidates.find((dir) => existsSync(dir));

describe('definitions AWS ran', { timeout: 180_000 }, () => {
  if (!corpusDir) {
    it.skip(`conformance corpus not found (looked in ${candidates.join(' and ')})`, () => {});
    return;
  }
  const files = readdirSync(corpusDir).filter((file) => file.endsWith('.json')).sort();

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('accepts every one of them without an ERROR', () => {
    const rejected: string[] = [];
    for (const file of files) {
      const testCase = JSON.parse(readFileSync(join(corpusDir, file), 'utf8')) as { definition?: unknown };
      if (testCase.definition === undefined) continue;
      const errors = validateDefinition(testCase.definition).diagnostics.filter((d) => d.severity === 'ERROR');
      if (errors.length > 0) rejected.push(`${file}: ${errors.map((d) => `${d.location} ${d.message}`).join('; ')}`);
    }
    expect(rejected).toEqual([]);
  });

  it('accepts them as JSON text too, with positions on every diagnostic', () => {
    for (const file of files.slice(0, 200)) {
      const testCase = JSON.parse(readFileSync(join(corpusDir, file), 'utf8')) as { definition?: unknown };
      if (testCase.definition === undefined) continue;
      const result = validateDefinition(JSON.stringify(testCase.definition, null, 2));
      expect(result.valid, file).toBe(true);
      for (const diagnostic of result.diagnostics) expect(diagnostic.line, `${file} ${diagnostic.location}`).toBeGreaterThan(0);
    }
  });
});
