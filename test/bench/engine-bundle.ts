/**
 * Builds the engine for the browser with Vite's JS API (library mode, ES module, minified) and
 * reports what ends up in the bundle: raw and gzipped size, bytes per package, any Node
 * built-in Vite had to stub out, and for chosen packages the import chain that pulls them in.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ENGINE_ENTRY = join(REPO_ROOT, 'packages/engine/src/index.ts');
/** '@stepwise/engine/core': the same API without JSONata and YAML. */
export const CORE_ENTRY = join(REPO_ROOT, 'packages/engine/src/core.ts');

export interface BundleReport {
  rawBytes: number;
  gzipBytes: number;
  /** Bytes per package as rendered into the bundle before minification (`@stepwise/engine` for the engine's own sources), largest first. */
  packages: Array<{ name: string; bytes: number }>;
  /** The engine's own largest modules (bytes rendered before minification). */
  engineModules: Array<{ name: string; bytes: number }>;
  /** Node built-ins Vite externalised for browser compatibility (the engine must need none). */
  nodeBuiltins: string[];
  /** For each package asked about and present: the shortest import chain from the entry to it. */
  chains: Record<string, string[]>;
}

/** Build `entry` (a path, or source text for a throw-away entry module) and report on the result. */
export async function buildBundle(entry: { file: string } | { source: string }, explain: readonly string[] = []): Promise<BundleReport> {
  const { build, defaultClientConditions } = await import('vite');
  // A throw-away entry imports the engine by absolute path, so the build can live outside the repository.
  const work = mkdtempSync(join(tmpdir(), 'stepwise-bundle-'));
  const nodeBuiltins = new Set<string>();
  const graph = new Map<string, readonly string[]>();
  let entryId = '';
  const graphPlugin: Plugin = {
    name: 'stepwise-bundle-graph',
    // Record the module graph once it is complete, to explain why a package is in the bundle.
    buildEnd() {
      for (const id of this.getModuleIds()) {
        const info = this.getModuleInfo(id);
        if (!info) continue;
        graph.set(id, [...info.importedIds, ...info.dynamicallyImportedIds]);
        if (info.isEntry) entryId = id;
      }
    },
  };
  try {
    let entryFile: string;
    if ('file' in entry) entryFile = entry.file;
    else {
      entryFile = join(work, 'entry.ts');
      writeFileSync(entryFile, entry.source);
    }
    const outDir = join(work, 'dist');
    const result = await build({
      configFile: false,
      root: work,
      logLevel: 'silent',
      customLogger: warningCollector(nodeBuiltins),
      plugins: [graphPlugin],
      // The engine's source, as the studio bundles it (its package's "@stepwise/source" condition).
      resolve: { conditions: ['@stepwise/source', ...defaultClientConditions] },
      build: {
        outDir,
        emptyOutDir: true,
        minify: true,
        sourcemap: false,
        write: true,
        reportCompressedSize: false,
        lib: { entry: entryFile, formats: ['es'], fileName: 'engine' },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
    const packages = new Map<string, number>();
    const engineModules: Array<{ name: string; bytes: number }> = [];
    for (const chunk of outputs) {
      if (chunk.type !== 'chunk') continue;
      for (const [id, module] of Object.entries(chunk.modules)) {
        const name = packageOf(id);
        packages.set(name, (packages.get(name) ?? 0) + module.renderedLength);
        if (name === '@stepwise/engine') engineModules.push({ name: displayId(id).replace('packages/engine/src/', ''), bytes: module.renderedLength });
      }
    }
    engineModules.sort((a, b) => b.bytes - a.bytes);
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const file of readdirSync(outDir)) {
      if (!/\.m?js$/.test(file)) continue;
      const code = readFileSync(join(outDir, file));
      rawBytes += code.length;
      gzipBytes += gzipSync(code, { level: 9 }).length;
    }
    if (rawBytes === 0) throw new Error(`the build wrote no JavaScript into ${outDir}`);
    const chains: Record<string, string[]> = {};
    for (const name of explain) {
      const chain = shortestChain(graph, entryId, (id) => packageOf(id) === name);
      if (chain) chains[name] = chain.map(displayId);
    }
    return {
      rawBytes,
      gzipBytes,
      packages: [...packages].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
      engineModules: engineModules.slice(0, 4),
      nodeBuiltins: [...nodeBuiltins].sort(),
      chains,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A logger that stays quiet but keeps Vite's "externalized for browser compatibility" warnings. */
function warningCollector(into: Set<string>) {
  const record = (message: string) => {
    for (const match of message.matchAll(/Module "([^"]+)" has been externalized for browser compatibility(?:, imported by "([^"]+)")?/g)) {
      into.add(match[2] ? `${match[1]} (imported by ${displayId(match[2])})` : match[1]);
    }
  };
  return {
    hasWarned: false,
    info: () => undefined,
    warn: (message: string) => record(message),
    warnOnce: (message: string) => record(message),
    error: (message: string) => record(message),
    clearScreen: () => undefined,
    hasErrorLogged: () => false,
  };
}

/** The package a module belongs to: the name after the last node_modules/, or the engine itself. */
export function packageOf(id: string): string {
  const clean = id.replace(/^\0/, '').split('?')[0];
  const at = clean.lastIndexOf('node_modules/');
  if (at < 0) return clean.includes('packages/engine/') ? '@stepwise/engine' : '(bundler runtime / entry)';
  const rest = clean.slice(at + 'node_modules/'.length).split('/');
  return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
}

function displayId(id: string): string {
  const clean = id.replace(/^\0/, '');
  if (clean.startsWith(tmpdir())) return '(entry)';
  if (clean.includes('node_modules/')) return `${packageOf(clean)}`;
  return relative(REPO_ROOT, clean) || clean;
}

/** Breadth-first search along static and dynamic imports from the entry to the first module that matches. */
function shortestChain(graph: Map<string, readonly string[]>, from: string, found: (id: string) => boolean): string[] | undefined {
  const previous = new Map<string, string>([[from, '']]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (found(id)) {
      const chain: string[] = [];
      for (let at = id; at; at = previous.get(at)!) chain.unshift(at);
      return chain;
    }
    for (const next of graph.get(id) ?? []) {
      if (previous.has(next)) continue;
      previous.set(next, id);
      queue.push(next);
    }
  }
  return undefined;
}
