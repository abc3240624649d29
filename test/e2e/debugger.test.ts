/**
 * The debugger end to end, in Debian's Chromium against the built studio: run an example with
 * mocked tasks (succeeds), run it again with a mock configuration file that makes a task fail
 * into a Catch, compare the two runs, see coverage, import recorded AWS histories (with and
 * without a definition), scrub them checking the graph's status classes and the panel's text,
 * drill into a Map iteration, survive a truncated file, and find the runs again after a reload.
 * Screenshots land in test-results/debugger/ — look at them when the UI changes.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type StudioSession } from './studio-server';

const shots = fileURLToPath(new URL('../../test-results/debugger/', import.meta.url));
const cases = fileURLToPath(new URL('../conformance/cases/', import.meta.url));
let studio: StudioSession;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  studio = await startStudio('debugger-e2e');
  ({ browser } = studio);
});

afterAll(async () => {
  await studio?.close();
});

const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });
const node = (page: Page, name: string) => page.locator(`[data-testid="debug-canvas"] [data-state-name="${name}"]`);
/** The status class the overlay put on a state ('' when not started). */
const statusOf = async (page: Page, name: string) => /status-([a-z-]+)/.exec((await node(page, name).getAttribute('class')) ?? '')?.[1] ?? '';
const panel = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`).first().textContent().then((t) => t ?? "");

function recorded(file: string): { definition: unknown; events: unknown[] } {
  const c = JSON.parse(readFileSync(join(cases, file), 'utf8')) as { definition: unknown; expected: { history: unknown[] } };
  return { definition: c.definition, events: c.expected.history };
}

async function importHistory(page: Page, name: string, body: unknown) {
  await page.locator('[data-testid="history-file-input"]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });
}

async function addReturn(page: Page, state: string, value: string) {
  const box = page.locator(`[data-testid="mock-state"][data-state-name="${state}"]`);
  await box.locator('[data-testid="add-return"]').click();
  await box.locator('[data-testid="mock-return"]').last().fill(value);
}

describe('debugger in a real browser', () => {
  it('runs, replays, imports, compares and keeps runs', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 950 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(studio.url);
    await page.click('[data-testid="example-order-processing"]');
    await page.click('[data-testid="open-debugger"]');
    await eventually(() => page.locator('[data-testid="debugger"]').isVisible()).toBe(true);

    // 1. Mocked tasks, virtual time: the order goes through.
    await page.fill('[data-testid="run-input"]', '{"orderId": "o-1", "items": 2}');
    await addReturn(page, 'Validate order', '{"Payload": {"inStock": true, "sku": "A1"}}');
    await addReturn(page, 'Charge payment', '{"charged": 42}');
    await addReturn(page, 'Ship order', '{"MessageId": "m-1"}');
    await page.click('[data-testid="start-run"]');
    await eventually(() => page.locator('[data-testid="run-item"][data-run-status="SUCCEEDED"]').count()).toBe(1);
    await eventually(() => panel(page, 'execution-status')).toBe('SUCCEEDED');
    expect(await statusOf(page, 'Order complete')).toBe('succeeded');
    expect(await statusOf(page, 'Charge payment')).toBe('succeeded');
    expect(await statusOf(page, 'Wait for stock')).toBe('');
    await node(page, 'Validate order').click();
    await eventually(() => panel(page, 'panel-input')).toContain('"orderId": "o-1"');
    await page.screenshot({ path: join(shots, '01-run-succeeded.png') });

    // 2. The same machine with a MockConfigFile whose payment is declined: caught, then the Fail state.
    const mockConfig = {
      StateMachines: { 'order-processing': { TestCases: { Declined: { 'Validate order': 'ValidOk', 'Charge payment': 'Declined', 'Notify payment failed': 'Sent' } } } },
      MockedResponses: {
        ValidOk: { '0': { Return: { Payload: { inStock: true, sku: 'A1' } } } },
        Declined: { '0': { Throw: { Error: 'PaymentDeclined', Cause: 'Card expired' } } },
        Sent: { '0': { Return: { MessageId: 'n-1' } } },
      },
    };
    await page.locator('[data-testid="mock-file-input"]').setInputFiles({ name: 'MockConfigFile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(mockConfig)) });
    await eventually(() => page.locator('[data-testid="mock-error"]').inputValue()).toBe('PaymentDeclined');
    await page.click('[data-testid="start-run"]');
    await eventually(() => page.locator('[data-testid="run-item"][data-run-status="FAILED"]').count()).toBe(1);
    await eventually(() => statusOf(page, 'Charge payment')).toBe('caught');
    expect(await statusOf(page, 'Notify payment failed')).toBe('succeeded');
    expect(await statusOf(page, 'Order rejected')).toBe('failed');
    expect(await statusOf(page, 'Ship order')).toBe('');
    // Focus the caught state: its panel shows the error and cause.
    await node(page, 'Charge payment').click();
    await eventually(() => panel(page, 'panel-error')).toContain('PaymentDeclined');
    expect(await panel(page, 'panel-error')).toContain('Card expired');
    await page.screenshot({ path: join(shots, '02-run-caught.png') });

    // 2b. JavaScript handlers, run in the worker: one per resource, telling states apart by name.
    await page.click('[data-testid="mode-handlers"]');
    const handlers = page.locator('[data-testid="handler-source"]');
    await handlers.nth(0).fill(`async (input, context) => context.stateName === 'Validate order' ? { Payload: { inStock: true, sku: 'A1' } } : { handled: context.stateName }`);
    await handlers.nth(1).fill('() => ({ MessageId: "h-1" })');
    await page.click('[data-testid="start-run"]');
    await eventually(() => page.locator('[data-testid="run-item"][data-run-status="SUCCEEDED"]').count()).toBe(2);
    await eventually(() => statusOf(page, 'Order complete')).toBe('succeeded');
    await node(page, 'Charge payment').click();
    await eventually(() => panel(page, 'panel-output')).toContain('"handled": "Charge payment"');
    // 2c. Real time and a handler that takes a minute: the run shows live, and Stop ends it.
    await page.check('input[name="clock"][value="real"]');
    await handlers.nth(0).fill('async (input, context) => { await context.sleep(60000); return {}; }');
    // A name AWS would refuse: the run does not start, and the banner says why.
    await page.fill('input[aria-label="Execution name"]', 'slow run');
    await page.click('[data-testid="start-run"]');
    await eventually(() => panel(page, 'problem-banner')).toContain('The execution name "slow run" is not valid: it contains U+0020');
    await page.screenshot({ path: join(shots, '02b-invalid-name.png') });
    await page.click('[data-testid="problem-banner"] button');
    await page.fill('input[aria-label="Execution name"]', 'slow-run');
    await page.click('[data-testid="start-run"]');
    await eventually(() => page.locator('[data-testid="live"]').isVisible()).toBe(true);
    await eventually(() => statusOf(page, 'Validate order')).toBe('running');
    await page.screenshot({ path: join(shots, '02c-live-run.png') });
    await page.click('[data-testid="stop-run"]');
    await eventually(() => page.locator('[data-testid="run-item"][data-run-status="ABORTED"]').count()).toBe(1);
    await eventually(() => statusOf(page, 'Validate order')).toBe('aborted');
    await page.check('input[name="clock"][value="virtual"]');
    await page.fill('input[aria-label="Execution name"]', '');
    await page.click('[data-testid="mode-mocks"]');

    // 3. Compare the two runs: the first divergence is at Charge payment.
    await page.click('[data-testid="run-item"][data-run-status="FAILED"] .dbg-run-open');
    await eventually(() => statusOf(page, 'Charge payment')).toBe('caught');
    await page.click('[data-testid="view-compare"]');
    const options = await page.locator('[data-testid="compare-select"] option').allTextContents();
    await page.selectOption('[data-testid="compare-select"]', { label: options.filter((o) => o.includes('SUCCEEDED')).pop()! });
    await eventually(() => panel(page, 'compare-verdict')).toContain('First divergence');
    expect(await panel(page, 'compare-verdict')).toContain('Charge payment');
    await eventually(() => page.locator('[data-testid="divergence"]').count()).toBe(2);
    await page.screenshot({ path: join(shots, '03-compare.png') });

    // 4. Coverage over both runs.
    await page.click('[data-testid="view-coverage"]');
    await eventually(() => panel(page, 'coverage-states')).toMatch(/^\d+%$/);
    await eventually(() => statusOf(page, 'Notify payment failed')).toBe('succeeded');
    expect(await statusOf(page, 'Wait for stock')).toBe('');
    await page.screenshot({ path: join(shots, '04-coverage.png') });
    await page.click('[data-testid="view-events"]');

    // 5. An AWS history with no definition: the graph is rebuilt from the state names.
    const caught = recorded('error_handling_test_task_service_lambda_test_raise_exception_catch-6cf1a9f8.json');
    await importHistory(page, 'caught.history.json', { events: caught.events });
    await eventually(() => panel(page, 'current-run')).toContain('graph rebuilt');
    await eventually(() => statusOf(page, 'EndWithStateTaskFailedHandler')).toBe('succeeded');
    // Asked for its definition, the graph becomes the real machine (all four handlers, three never taken).
    await page.locator('[data-testid="definition-file-input"]').setInputFiles({ name: 'machine.asl.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(caught.definition)) });
    await eventually(() => node(page, 'EndWithAllHandler').count()).toBe(1);
    expect(await panel(page, 'current-run')).not.toContain('graph rebuilt');
    expect(await statusOf(page, 'EndWithAllHandler')).toBe('');
    expect(await statusOf(page, 'Start')).toBe('caught');

    // … and with its definition (the console's export shape): scrub and check colours and panels.
    await importHistory(page, 'caught-with-definition.json', { events: caught.events, definition: JSON.stringify(caught.definition), name: 'lambda-catch' });
    await eventually(() => panel(page, 'current-run')).toContain('lambda-catch');
    await eventually(() => node(page, 'EndWithAllHandler').count()).toBe(1);
    await page.keyboard.press('Home');
    await eventually(() => panel(page, 'scrub-label')).toContain('0 / 9');
    expect(await statusOf(page, 'Start')).toBe('');
    for (let i = 0; i < 2; i++) await page.click('[data-testid="step-forward"]');
    await eventually(() => statusOf(page, 'Start')).toBe('running');
    // The panel follows the scrubber paced (steps in quick succession are shown together, a moment
    // after the graph): it is read with `eventually` too.
    await eventually(() => panel(page, 'panel-state-name')).toBe('Start');
    await eventually(() => panel(page, 'panel-input')).toContain('<lambda_function_name>');
    await page.screenshot({ path: join(shots, '05-scrub-running.png') });
    await page.click('[data-testid="next-failure"]');
    await eventually(() => panel(page, 'scrub-label')).toContain('TaskFailed');
    expect(await statusOf(page, 'Start')).toBe('caught');
    await eventually(() => panel(page, 'panel-error')).toContain('Exception');
    expect(await statusOf(page, 'EndWithStateTaskFailedHandler')).toBe('');
    await page.screenshot({ path: join(shots, '06-scrub-failure.png') });
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await eventually(() => statusOf(page, 'EndWithStateTaskFailedHandler')).toBe('succeeded');
    await eventually(() => panel(page, 'panel-output')).toContain('Some exception was raised');
    await page.click('[data-testid="step-back"]');
    await eventually(() => statusOf(page, 'EndWithStateTaskFailedHandler')).toBe('running');
    // The events table groups the Task's scheduled/started/failed into one row, expandable.
    await page.locator('[data-testid="event-row"][data-row-kind="state"]').first().locator('.dbg-expand').click();
    await eventually(() => page.locator('[data-testid="event-row"][data-row-kind="attempt"]').count()).toBe(1);
    expect(await page.locator('[data-testid="event-row"][data-row-kind="attempt"]').textContent()).toContain('Attempt 1');
    expect(await page.locator('[data-testid="event-row"][data-row-kind="state"]').count()).toBe(2);
    await page.click('[data-testid="view-gantt"]');
    await eventually(() => page.locator('[data-testid="gantt-row"]').count()).toBe(2);
    await page.screenshot({ path: join(shots, '07-gantt.png') });
    await page.click('[data-testid="view-events"]');

    // 5b. A Task retried once, then caught: amber while the retry is pending, attempts listed.
    const retry = recorded('states_variables_test_error_output_test_task_catch_error_with_retry_TASK_CATCH_ERROR_OUTPUT_WITH_RETRY-3e94aabd.json');
    await importHistory(page, 'retry.json', { events: retry.events, definition: retry.definition, name: 'retry-run' });
    await eventually(() => panel(page, 'current-run')).toContain('retry-run');
    await page.keyboard.press('Home');
    await page.click('[data-testid="next-failure"]');
    // The designer's node class says 'retrying' for the replay's 'retried'.
    await eventually(() => statusOf(page, 'Task')).toBe('retrying');
    await eventually(() => panel(page, 'panel-attempts')).toContain('Attempt 1: failed');
    await page.screenshot({ path: join(shots, '07b-retried.png') });
    await page.click('[data-testid="next-failure"]');
    await eventually(() => statusOf(page, 'Task')).toBe('caught');
    await eventually(() => panel(page, 'panel-attempts')).toContain('Attempt 2: failed');

    // 6. A Map: open iteration 1 and see its own replay.
    const map = recorded('assign_test_assign_base_test_base_cases_BASE_SCOPE_MAP-613a3b43.json');
    await importHistory(page, 'map.json', { events: map.events, definition: map.definition, name: 'map-run' });
    await eventually(() => panel(page, 'current-run')).toContain('map-run');
    await node(page, 'State1').click({ position: { x: 30, y: 14 } });
    await eventually(() => page.locator('[data-testid="panel-iterations"]').isVisible()).toBe(true);
    await page.keyboard.press('Home');
    for (let i = 0; i < 12; i++) await page.click('[data-testid="step-forward"]'); // iteration 1 has entered Inner
    await node(page, 'State1').click({ position: { x: 30, y: 14 } });
    await page.selectOption('[data-testid="iteration-select"]', '1');
    await eventually(() => panel(page, 'drill-banner')).toContain('iteration 1');
    await eventually(() => statusOf(page, 'Inner')).toBe('succeeded');
    await page.click('[data-testid="step-back"]');
    await eventually(() => statusOf(page, 'Inner')).toBe('running');
    await page.selectOption('[data-testid="iteration-select"]', '2');
    await eventually(() => statusOf(page, 'Inner')).toBe('');
    await node(page, 'Inner').click();
    await page.screenshot({ path: join(shots, '08-map-iteration.png') });

    // 6b. Stepping through the Map, the focus alternates between State1 (its iteration events) and
    // Inner: the panel, the outline on the graph and the table's current row follow every step, and
    // the panel kept hidden for the way back is never the one read.
    await page.locator('[data-testid="drill-banner"] button').click();
    await page.keyboard.press('Home');
    const focusAt = (p: number) => {
      const e = map.events[p - 1] as { type: string; stateEnteredEventDetails?: { name: string }; stateExitedEventDetails?: { name: string } };
      return e.stateEnteredEventDetails?.name ?? e.stateExitedEventDetails?.name ?? (e.type.startsWith('Map') ? 'State1' : undefined);
    };
    const outlined = () => page.locator('[data-testid="debug-canvas"] [data-state-name]').evaluateAll((els) =>
      els.filter((el) => getComputedStyle(el).outlineWidth !== '0px').map((el) => el.getAttribute('data-state-name')));
    const currentRowInView = () => page.evaluate(() => {
      const row = document.querySelector('.dbg-tr.is-current');
      const body = document.querySelector('.dbg-tbody');
      if (!row || !body) return false;
      const r = row.getBoundingClientRect();
      const b = body.getBoundingClientRect();
      return r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
    });
    for (let p = 1; p <= map.events.length; p++) {
      await page.keyboard.press('ArrowRight');
      await eventually(() => panel(page, 'scrub-label')).toContain(`${p} / ${map.events.length}`);
      const name = focusAt(p);
      if (name) await eventually(() => panel(page, 'panel-state-name')).toBe(name);
      await eventually(() => outlined()).toEqual(name ? [name] : []);
      expect(await page.locator('[data-testid="state-panel"]').count()).toBe(1);
      await eventually(() => currentRowInView()).toBe(true);
    }

    // 7. A truncated file: a clear message, and the open run stays.
    await importHistory(page, 'broken.json', JSON.stringify({ events: map.events }).slice(0, 500));
    await eventually(() => panel(page, 'problem-banner')).toContain('cut off');
    expect(await panel(page, 'current-run')).toContain('map-run');
    await page.screenshot({ path: join(shots, '09-truncated.png') });

    // 8. Export the run as an AWS history.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-history"]')]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { events: unknown[] };
    expect(exported.events).toHaveLength(map.events.length);

    // 9. Another machine from the designer: a Parallel, drilled into per branch.
    await page.click('[data-testid="problem-banner"] button');
    await page.click('[data-testid="to-designer"]');
    await eventually(() => page.locator('[data-testid="toolbar"]').isVisible()).toBe(true);
    // The designer opens with its gallery on a first visit; otherwise ask for it.
    if (!(await page.locator('[data-testid="gallery"]').isVisible())) await page.click('[data-testid="open-gallery"]');
    await page.click('[data-testid="example-parallel-fan-out"]');
    await page.click('[data-testid="open-debugger"]');
    await addReturn(page, 'Fetch orders', '{"Items": [{"id": 1}]}');
    await addReturn(page, 'Fetch credit score', '{"ResponseBody": {"score": 710}}');
    await addReturn(page, 'Fetch preferences', '{"Item": {"lang": "en"}}');
    await addReturn(page, 'Save profile', '{}');
    await page.fill('[data-testid="run-input"]', '{"customerId": "c-7"}');
    await page.click('[data-testid="start-run"]');
    await eventually(() => statusOf(page, 'Save profile')).toBe('succeeded');
    await node(page, 'Enrich profile').click({ position: { x: 30, y: 14 } });
    await eventually(() => page.locator('[data-testid="panel-branches"] li').count()).toBe(3);
    await page.locator('[data-testid="panel-branches"] li').nth(1).locator('button').click();
    await eventually(() => panel(page, 'drill-banner')).toContain('branch 2');
    expect(await statusOf(page, 'Normalise score')).toBe('succeeded');
    await node(page, 'Normalise score').click();
    await eventually(() => panel(page, 'panel-output')).toContain('710');
    await page.screenshot({ path: join(shots, '10-parallel-branch.png') });

    // 10. Runs survive a reload.
    await page.reload();
    await eventually(() => page.locator('[data-testid="run-item"]').count()).toBe(9);
    await page.locator('[data-testid="run-item"]').filter({ hasText: 'map-run' }).locator('.dbg-run-open').click();
    await eventually(() => panel(page, 'current-run')).toContain('map-run');
    expect(errors).toEqual([]);
    await context.close();
  });
});
