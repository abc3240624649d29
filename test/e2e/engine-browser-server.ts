/**
 * Builds the engine's browser test page with Vite's JS API into a temporary directory and
 * serves it on 127.0.0.1 from a tiny node:http static server on a free port.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGE_ENTRY = fileURLToPath(new URL('./engine-browser-page.ts', import.meta.url));

const PAGE_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Stepwise engine in the browser</title>
  <style>body { font: 13px/1.4 monospace; margin: 16px; } pre { white-space: pre-wrap; }</style></head>
  <body>
    <h1>Stepwise engine — browser run</h1>
    <pre id="result" data-status="RUNNING">running…</pre>
    <script type="module" src="./page.js"></script>
  </body>
</html>
`;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** Bundle the page (and the engine with it) for the browser; returns the directory to serve and a cleanup. */
export async function buildEnginePage(): Promise<{ dir: string; bytes: number; remove: () => void }> {
  const { build, defaultClientConditions } = await import('vite');
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-engine-browser-'));
  await build({
    configFile: false,
    // The page imports '@stepwise/engine' the way an application would: resolved from test/e2e through the workspace.
    root: fileURLToPath(new URL('.', import.meta.url)),
    logLevel: 'warn',
    // The engine's source, as the studio bundles it (its package's "@stepwise/source" condition).
    resolve: { conditions: ['@stepwise/source', ...defaultClientConditions] },
    build: {
      outDir: dir,
      emptyOutDir: false,
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib: { entry: PAGE_ENTRY, formats: ['es'], fileName: () => 'page.js' },
    },
  });
  writeFileSync(join(dir, 'index.html'), PAGE_HTML);
  return { dir, bytes: statSync(join(dir, 'page.js')).size, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function serveDirectory(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
