/**
 * The engine works in a browser (issue 2): a page that imports '@stepwise/engine' is bundled
 * with Vite, served locally and opened in headless Chromium (Debian's, never downloaded); the
 * machine it runs must succeed with the expected output and history, without console errors.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageReport } from './engine-browser-page.ts';
import { buildEnginePage, CHROMIUM_ARGS, CHROMIUM_PATH, serveDirectory } from './engine-browser-server.ts';

const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

describe('engine in the browser', () => {
  let page: Awaited<ReturnType<typeof buildEnginePage>> | undefined;
  let server: Awaited<ReturnType<typeof serveDirectory>> | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    page = await buildEnginePage();
    server = await serveDirectory(page.dir);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    page?.remove();
  });

  it('runs Pass, Wait (virtual clock), Parallel, Map, Task, Choice and intrinsics to SUCCEEDED', { timeout: 60_000 }, async () => {
    const tab = await browser!.newPage({ viewport: { width: 900, height: 1400 } });
    const problems: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    });
    tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    tab.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));

    await tab.goto(server!.url);
    await tab.waitForSelector('#result:not([data-status="RUNNING"])', { timeout: 30_000 });
    const text = (await tab.textContent('#result')) ?? '';
    mkdirSync(RESULTS_DIR, { recursive: true });
    await tab.screenshot({ path: `${RESULTS_DIR}engine-browser.png`, fullPage: true });

    let report: PageReport;
    try {
      report = JSON.parse(text) as PageReport;
    } catch {
      throw new Error(`the page did not report JSON: ${text}`);
    }
    expect(problems).toEqual([]);
    expect(report.status).toBe('SUCCEEDED');
    expect(report.output).toEqual({
      greeting: 'Hello, browser!',
      items: [1, 2, 3, 4],
      fan: { squares: [1, 4, 9, 16], count: 4 },
    });
    // The Wait lasted an hour of virtual time and nothing like it in real time.
    expect(report.waitSeconds).toBe(3600);
    expect(report.wallMs).toBeLessThan(10_000);
    const types = new Set(report.eventTypes);
    for (const type of [
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'MapStateEntered',
      'MapStateStarted',
      'MapIterationStarted',
      'MapIterationSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]) {
      expect(types, `history has ${type}`).toContain(type);
    }
    expect(report.eventTypes[0]).toBe('ExecutionStarted');
    expect(report.eventTypes.at(-1)).toBe('ExecutionSucceeded');
    expect(report.eventTypes.filter((t) => t === 'MapIterationSucceeded')).toHaveLength(4);
    await tab.close();
  });
});
