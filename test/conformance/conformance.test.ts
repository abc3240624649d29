/**
 * The shared conformance corpus: every case behaves as AWS Step Functions recorded it
 * (status, output, error, cause and the sequence of events), or is listed with its reason
 * in known-differences.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCases } from './corpus.ts';
import { runCase } from './runner.ts';

const known = JSON.parse(readFileSync(join(import.meta.dirname, 'known-differences.json'), 'utf8')) as { cases: Record<string, string> };
const cases = loadCases();

describe('conformance corpus (AWS-recorded executions)', () => {
  it('has the corpus in the repository', () => {
    expect(cases.length).toBeGreaterThanOrEqual(601);
  });

  it('lists only cases that exist', () => {
    const names = new Set(cases.map((c) => c.name));
    expect(Object.keys(known.cases).filter((name) => !names.has(name))).toEqual([]);
  });

  for (const testCase of cases) {
    const reason = known.cases[testCase.name];
    it(`${reason ? '[known difference] ' : ''}${testCase.name}`, async () => {
      const result = await runCase(testCase);
      if (reason) {
        expect(result.passed, `now passes: remove it from known-differences.json (${reason})`).toBe(false);
      } else {
        expect(result.reason ?? 'passed').toBe('passed');
      }
    });
  }
});
