/**
 * `npm run bench`: runs every suite in test/bench/suites/ in its own process (so one suite's
 * heap does not skew another's memory figures) and lets each print its own table.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const suites = readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const suite of suites) {
  process.stdout.write(`\n=== ${suite}\n`);
  const result = spawnSync(process.execPath, ['--conditions=@stepwise/source', '--import', 'tsx', '--expose-gc', join(here, 'suites', suite)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
