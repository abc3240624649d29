/**
 * The engine's browser bundle (issue 2): Vite library builds, ES module, minified; raw and
 * gzipped sizes of the whole public API from each entry — '@stepwise/engine' (JSONata and YAML
 * included) and '@stepwise/engine/core' (JSONPath only, without the optional parts) — what each
 * package contributes, and, should an optional package ever creep into the core, the import chain
 * that brings it.
 */
import { buildBundle, CORE_ENTRY, ENGINE_ENTRY, type BundleReport } from '../engine-bundle.ts';

/** The parts only the default entry installs; the core bundle must hold none of them. */
const OPTIONAL = ['jsonata', 'yaml'];

const KiB = 1024;

function print(label: string, report: BundleReport): void {
  process.stdout.write(`${label}: ${(report.rawBytes / KiB).toFixed(1)} KiB minified, ${(report.gzipBytes / KiB).toFixed(1)} KiB gzipped\n`);
  const parts = report.packages.map((p) => `${p.name} ${(p.bytes / KiB).toFixed(1)}`).join(', ');
  process.stdout.write(`  by package (KiB rendered, before minification): ${parts}\n`);
  process.stdout.write(`  largest engine modules: ${report.engineModules.map((m) => `${m.name} ${(m.bytes / KiB).toFixed(1)}`).join(', ')}\n`);
  process.stdout.write(`  Node built-ins stubbed for the browser: ${report.nodeBuiltins.length === 0 ? 'none' : report.nodeBuiltins.join('; ')}\n`);
}

async function main(): Promise<void> {
  const full = await buildBundle({ file: ENGINE_ENTRY });
  print("@stepwise/engine, whole public API, JSONata and YAML included (packages/engine/src/index.ts)", full);
  const core = await buildBundle({ file: CORE_ENTRY }, OPTIONAL);
  print("@stepwise/engine/core, whole public API, JSONPath only (packages/engine/src/core.ts)", core);
  const pulled = OPTIONAL.filter((name) => core.chains[name] || core.packages.some((p) => p.name === name));
  if (pulled.length === 0) {
    process.stdout.write(`  none of ${OPTIONAL.join(', ')} is in the core bundle: ${((full.gzipBytes - core.gzipBytes) / KiB).toFixed(1)} KiB gzipped less than the default entry\n`);
  }
  for (const name of pulled) {
    const chain = core.chains[name];
    process.stdout.write(`  ${name} is in the core bundle, pulled in by (shortest chain; there may be others): ${chain ? chain.join(' → ') : '?'}\n`);
  }
  if (pulled.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bundle build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
