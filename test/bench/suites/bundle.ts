/**
 * The engine's browser bundle (issue 2): Vite library build, ES module, minified; raw and
 * gzipped sizes for the whole public API and for an entry that imports only what a JSONPath
 * run needs, what each package contributes, and why the optional packages are in it.
 */
import { buildBundle, ENGINE_ENTRY, type BundleReport } from '../engine-bundle.ts';

/** Packages a JSONPath-only run should not need: the question is whether the module graph pulls them in anyway. */
const OPTIONAL = ['jsonata', 'yaml', 'ajv', 'ajv-formats', 'jsonpath-plus'];

const JSONPATH_ONLY_ENTRY = `
// Only what running a JSONPath machine needs: the Engine class (createMachine, run).
export { Engine } from ${JSON.stringify(ENGINE_ENTRY.replace(/index\.ts$/, 'engine.ts'))};
`;

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
  print('@stepwise/engine, whole public API (packages/engine/src/index.ts)', full);
  const jsonPath = await buildBundle({ source: JSONPATH_ONLY_ENTRY }, OPTIONAL);
  print('JSONPath-only entry (export { Engine })', jsonPath);
  const pulled = OPTIONAL.filter((name) => jsonPath.chains[name]);
  // jsonpath-plus is what JSONPath filters run on, so it belongs in a JSONPath bundle.
  const optionalBytes = jsonPath.packages.filter((p) => OPTIONAL.includes(p.name) && p.name !== 'jsonpath-plus').reduce((sum, p) => sum + p.bytes, 0);
  if (pulled.length === 0) process.stdout.write('  none of the optional packages is in the JSONPath-only bundle\n');
  const absent = OPTIONAL.filter((name) => !jsonPath.chains[name]);
  if (absent.length > 0) process.stdout.write(`  not in the bundle at all: ${absent.join(', ')}\n`);
  for (const name of pulled) process.stdout.write(`  ${name} is pulled in by (shortest chain; there may be others): ${jsonPath.chains[name].join(' → ')}\n`);
  if (optionalBytes > 0) {
    const without = await buildBundle({ source: JSONPATH_ONLY_ENTRY }, [], ['jsonata', 'yaml']);
    process.stdout.write(
      `  for scale, the same entry with jsonata and yaml left out (external): ${(without.rawBytes / KiB).toFixed(1)} KiB minified, ` +
        `${(without.gzipBytes / KiB).toFixed(1)} KiB gzipped; its largest engine module: ` +
        `${without.engineModules[0]?.name ?? '?'} ${((without.engineModules[0]?.bytes ?? 0) / KiB).toFixed(1)} KiB before minification\n`,
    );
    process.stdout.write(
      `  JSONPath-only runs still carry ${(optionalBytes / KiB).toFixed(1)} KiB (rendered, before minification) of jsonata/yaml/ajv: ` +
        `the module graph has no seam that leaves them out (see the chains above).\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bundle build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
