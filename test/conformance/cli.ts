/**
 * `npm run conformance -- [--cases DIR] [--json FILE] [--filter TEXT]`: runs every case in DIR
 * (default: the corpus copied into test/conformance/cases), prints a table per feature, and
 * ends with `conformance: P/T passed`.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_CASES_DIR, loadCases } from './corpus.ts';
import { runCase, type CaseResult } from './runner.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string' },
    json: { type: 'string' },
    filter: { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
  },
});

const cases = loadCases(values.cases ?? DEFAULT_CASES_DIR).filter((c) => !values.filter || c.name.includes(values.filter));
const results: CaseResult[] = [];
const byFeature = new Map<string, { passed: number; total: number }>();
for (const testCase of cases) {
  const result = await runCase(testCase);
  results.push(result);
  for (const feature of testCase.features) {
    const row = byFeature.get(feature) ?? { passed: 0, total: 0 };
    row.total++;
    if (result.passed) row.passed++;
    byFeature.set(feature, row);
  }
  if (values.verbose && !result.passed) console.log(`FAIL ${result.name}\n     ${result.reason}`);
}

const rows = [...byFeature.entries()].sort((a, b) => b[1].total - a[1].total);
const width = Math.max(...rows.map(([f]) => f.length), 7);
console.log(`${'feature'.padEnd(width)}  passed  total`);
for (const [feature, { passed, total }] of rows) {
  console.log(`${feature.padEnd(width)}  ${String(passed).padStart(6)}  ${String(total).padStart(5)}${passed < total ? '  ✗' : ''}`);
}
const withHistory = results.filter((r) => r.historyMatched !== undefined);
const historiesMatched = withHistory.filter((r) => r.historyMatched).length;
console.log(`histories matching AWS field by field: ${historiesMatched}/${withHistory.length}`);
if (values.json) {
  writeFileSync(values.json, JSON.stringify(results.map(({ name, passed, reason, historyMatched, historyReason }) => ({ name, passed, reason: reason ?? null, historyMatched, historyReason })), null, 2));
}
const passed = results.filter((r) => r.passed).length;
console.log(`conformance: ${passed}/${results.length} passed`);
