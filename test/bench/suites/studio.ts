/**
 * Studio on a generated machine of about 600 states (containers nested two deep): the model's
 * cost in Node (graph, layout cold and cached), then the real thing in headless Chromium against
 * the built studio — from navigation to the laid-out graph on screen, the layout measured inside
 * the page, and frame times while panning. Prints figures; asserts nothing about time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildGraph } from '../../../apps/studio/src/model/graph.ts';
import { layoutGraph } from '../../../apps/studio/src/model/layout.ts';
import { toJson } from '../../../apps/studio/src/model/serialize.ts';
import { encodeShareHash } from '../../../apps/studio/src/model/share.ts';
import { countStates, generateMachine } from '../../../apps/studio/test/generate-machine.ts';
import { buildStudio, CHROMIUM_ARGS, CHROMIUM_PATH, serveStatic } from '../../e2e/studio-server.ts';

const machine = generateMachine(440);
const states = countStates(machine);
const rows: [string, string][] = [];
const ms = (value: number) => `${value.toFixed(0)} ms`;

// Node side: the model alone.
let start = performance.now();
const graph = buildGraph(machine);
rows.push([`ASL → graph (${states} states)`, ms(performance.now() - start)]);
start = performance.now();
layoutGraph(graph, new Set());
rows.push(['layout, everything expanded (cold)', ms(performance.now() - start)]);
start = performance.now();
layoutGraph(buildGraph(structuredClone(machine)), new Set());
rows.push(['layout again (scope cache)', ms(performance.now() - start)]);

// Browser side: the built studio opening the machine from a share link.
const out = mkdtempSync(join(tmpdir(), 'stepwise-studio-bench-'));
await buildStudio(out);
const server = await serveStatic(out);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 950 } });
  const url = server.url + encodeShareHash(toJson(machine));
  start = performance.now();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('stepwise:rendered').length > 0, null, { timeout: 120_000 });
  await page.locator('[data-testid="state-node"]').first().waitFor();
  const wall = performance.now() - start;
  const inPage = await page.evaluate(() => ({
    layout: performance.getEntriesByName('stepwise:layout').map((e) => e.duration),
    rendered: performance.getEntriesByName('stepwise:rendered')[0].startTime,
    domNodes: document.querySelectorAll('.react-flow__node').length,
  }));
  rows.push(['share link → graph on screen (wall)', ms(wall)]);
  rows.push(['navigation → first render (in page)', ms(inPage.rendered)]);
  rows.push(['layout in page (containers collapsed)', ms(inPage.layout[0] ?? NaN)]);
  rows.push(['nodes in the DOM (culling)', String(inPage.domNodes)]);

  // Expand everything: the full graph, laid out and rendered.
  await page.evaluate(() => performance.clearMeasures('stepwise:layout'));
  start = performance.now();
  await page.click('button:text-is("Expand all")');
  await page.waitForFunction(() => performance.getEntriesByName('stepwise:layout').length > 0);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  rows.push(['expand all → rendered (wall)', ms(performance.now() - start)]);
  rows.push(['layout in page (all expanded)', ms(await page.evaluate(() => performance.getEntriesByName('stepwise:layout')[0].duration))]);

  // Pan for a second with the mouse and record frame intervals.
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    window.frames_ = [];
    let last = performance.now();
    const tick = (now) => { window.frames_.push(now - last); last = now; if (window.frames_.length < 600) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height - 40);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) await page.mouse.move(pane.x + pane.width / 2 + (i % 20) * 3, pane.y + pane.height - 40 - i * 12);
  await page.mouse.up();
  const frames = ((await page.evaluate('window.frames_')) as number[]).slice(1).sort((a, b) => a - b);
  const pct = (q: number) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
  rows.push(['frame interval while panning', `median ${pct(0.5).toFixed(1)} ms, p95 ${pct(0.95).toFixed(1)} ms (${frames.length} frames)`]);
} finally {
  await browser.close();
  await server.close();
  rmSync(out, { recursive: true, force: true });
}

for (const [label, value] of rows) process.stdout.write(`${label.padEnd(42)} ${value}\n`);
