/**
 * The seam that keeps JSONata and YAML optional, checked where it matters: a browser bundle of
 * '@stepwise/engine/core' (one Vite library build) holds no module of the jsonata or yaml package,
 * and its module graph has no import that leads to one. Sizes are the benchmark's business
 * (`npm run bench -- bundle`), not this test's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, CORE_ENTRY, REPO_ROOT, type BundleReport } from '../bench/engine-bundle.ts';

const ENGINE = join(REPO_ROOT, 'packages/engine');
const OPTIONAL = ['jsonata', 'yaml'];

describe('the core entry’s browser bundle', () => {
  let report: BundleReport;
  beforeAll(async () => {
    report = await buildBundle({ file: CORE_ENTRY }, OPTIONAL);
  });

  it('contains no module of jsonata or yaml, and nothing in its module graph imports one', () => {
    expect(report.packages.map((p) => p.name)).toContain('@stepwise/engine');
    expect(report.packages.map((p) => p.name).filter((name) => OPTIONAL.includes(name))).toEqual([]);
    expect(report.chains).toEqual({});
    expect(report.nodeBuiltins).toEqual([]);
  });

  it('is what the package exports as ./core, and the default entry’s installs are declared side effects', () => {
    const manifest = JSON.parse(readFileSync(join(ENGINE, 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string>>; sideEffects: unknown };
    expect(manifest.exports['./core']).toMatchObject({ '@stepwise/source': './src/core.ts', default: './dist/core.js' });
    // Without this a bundler may drop index's install calls when an app imports only re-exported names.
    expect(manifest.sideEffects).toEqual(expect.arrayContaining(['./src/index.ts', './dist/index.js']));
  });
});
