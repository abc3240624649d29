/**
 * The studio end to end, in Debian's Chromium driven by playwright-core, against the built app:
 * open an example, add a state from the palette, connect it, edit it in the inspector, see the
 * JSON change, break the JSON, see the diagnostic, undo, reload and find the work still there.
 * Screenshots land in test-results/studio/ — look at them when the UI changes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type StudioSession } from './studio-server';

const shots = fileURLToPath(new URL('../../test-results/studio/', import.meta.url));
let studio: StudioSession;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  studio = await startStudio('studio-e2e');
  ({ browser } = studio);
});

afterAll(async () => {
  await studio?.close();
});

async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 950 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  // Offline by construction: every request must stay on the local server (or be data:/blob:).
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') errors.push(`remote request: ${request.url()}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { page, errors };
}

const stateNode = (page: Page, name: string) => page.locator(`[data-testid="state-node"][data-state-name="${name}"], [data-testid="container-node"][data-state-name="${name}"]`);
/** Waits for a condition the page reaches asynchronously (first load builds the previews, layout runs …). */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });
const codeText = (page: Page) => page.locator('[data-testid="code-pane"] .cm-content').innerText();

/** Drags a palette item onto a point of the canvas with real HTML5 drag events. */
async function dragFromPalette(page: Page, templateId: string, target: { x: number; y: number }) {
  await page.locator(`[data-testid="palette-${templateId}"]`).dragTo(page.locator('[data-testid="canvas"] .react-flow__pane'), { targetPosition: target });
}

describe('studio in a real browser', () => {
  it('designs a machine end to end and keeps it across a reload', async () => {
    const { page, errors } = await openPage();
    await page.goto(studio.url);

    // First visit: the gallery. Open the order-processing example.
    await eventually(() => page.locator('[data-testid="gallery"]').isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, '01-gallery.png') });
    await page.click('[data-testid="example-order-processing"]');
    await eventually(() => page.locator('[data-testid="state-node"]').count()).toBe(9);
    await eventually(() => page.locator('[data-testid="problem"]').count()).toBe(0);
    await page.screenshot({ path: join(shots, '02-order-processing.png') });

    // Add a Wait from the palette by dragging it onto empty canvas.
    await page.click('[data-testid="open-gallery"]');
    await page.click('[data-testid="example-order-processing"]');
    const pane = await page.locator('[data-testid="canvas"]').boundingBox();
    await dragFromPalette(page, 'wait', { x: 40, y: pane!.height - 260 });
    await eventually(() => stateNode(page, 'Wait').count()).toBe(1);
    await eventually(() => page.locator('[data-testid="state-name-input"]').inputValue()).toBe('Wait');

    // Connect it: fit the view, then drag from its Next handle to the target handle of "Order complete".
    await page.click('button:text-is("Fit")');
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(shots, '03a-before-connect.png') });
    const source = stateNode(page, 'Wait').locator('.handle-next');
    const target = stateNode(page, 'Order complete').locator('.handle-target');
    await stateNode(page, 'Wait').hover();
    const from = (await source.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
    await page.mouse.up();
    await eventually(() => page.locator('.react-flow__edge[data-id="/States/Wait/Next"]').count()).toBe(1);

    // Edit a field in the inspector, then see the JSON change in the code pane.
    await stateNode(page, 'Wait').click();
    await page.locator('[data-testid="field-Seconds"]').fill('30');
    await page.locator('[data-testid="field-Comment"]').fill('Give the warehouse time');
    await page.screenshot({ path: join(shots, '03-added-connected-edited.png') });
    await page.click('[data-testid="tab-code"]');
    await eventually(() => codeText(page)).toContain('"Comment": "Give the warehouse time"');
    const code = await codeText(page);
    expect(code).toContain('"Seconds": 30');
    expect(code).toContain('"Next": "Order complete"');

    // Break the JSON: the diagnostic shows, the graph stays.
    await page.locator('[data-testid="code-pane"] .cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('oops');
    await eventually(() => page.locator('[data-testid="problem"]').count()).toBeGreaterThan(0);
    await eventually(() => page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="problem"]').first().innerText()).toMatch(/JSON/);
    expect(await page.locator('[data-testid="state-node"]').count()).toBe(10);
    await page.screenshot({ path: join(shots, '04-invalid-json.png') });

    // Undo drops the broken text; undo again takes back the inspector edit.
    await page.click('[data-testid="undo"]');
    await eventually(() => page.locator('[data-testid="problem"]').allInnerTexts()).not.toContainEqual(expect.stringContaining('INVALID_JSON'));
    // What remains is the validator's real finding — nothing leads to the new Wait yet — shown on the state too.
    expect(await page.locator('[data-testid="problem"]').allInnerTexts()).toEqual([expect.stringMatching(/MISSING_TRANSITION_TARGET[\s\S]*'Wait' is not reachable/)]);
    expect(await stateNode(page, 'Wait').locator('[data-testid="issue-badge"]').count()).toBe(1);
    // The problems list navigates to the fault: the state is selected and shown in the inspector.
    await page.click('[data-testid="tab-code"]');
    await page.locator('[data-testid="problem"]').first().click();
    await eventually(() => page.locator('[data-testid="state-name-input"]').inputValue()).toBe('Wait');
    expect(await page.locator('[data-testid="state-problems"]').innerText()).toContain('not reachable');
    await page.click('[data-testid="tab-code"]');
    expect(await codeText(page)).not.toContain('oops');
    await page.click('[data-testid="undo"]');
    await eventually(() => codeText(page)).not.toContain('Give the warehouse time');
    await page.keyboard.press('Control+Shift+Z'); // focus is on the toolbar: the studio's redo
    await eventually(() => codeText(page)).toContain('Give the warehouse time');

    // Reload: the work is still there, without the gallery in the way.
    await page.waitForTimeout(400); // autosave is debounced by 250 ms
    await page.reload();
    await eventually(() => page.locator('[data-testid="state-node"]').count()).toBe(10);
    expect(await page.locator('[data-testid="gallery"]').count()).toBe(0);
    await stateNode(page, 'Wait').click();
    expect(await page.locator('[data-testid="field-Comment"]').inputValue()).toBe('Give the warehouse time');
    await page.screenshot({ path: join(shots, '05-after-reload.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('inserts on an edge, renames with references following, deletes, and shares by URL', async () => {
    const { page, errors } = await openPage();
    await page.goto(studio.url);
    await page.click('[data-testid="example-map-over-items"]');
    await eventually(() => page.locator('[data-testid="state-node"]').count()).toBe(5);

    // Drop a Pass onto the edge "List images → Resize each image".
    const edge = page.locator('[data-edge-field="/States/List images/Next"]');
    const box = (await edge.boundingBox())!;
    await page.locator('[data-testid="palette-pass"]').dragTo(page.locator('[data-testid="canvas"] .react-flow__pane'), {
      targetPosition: await toPaneCoordinates(page, box.x + box.width / 2, box.y + box.height / 2),
    });
    await eventually(() => page.locator('.react-flow__edge[data-id="/States/Pass/Next"]').count()).toBe(1);
    expect(await page.locator('.react-flow__edge[data-id="/States/List images/Next"]').count()).toBe(1);

    // Rename it in the inspector: the incoming transition follows.
    const name = page.locator('[data-testid="state-name-input"]');
    await name.fill('Filter images');
    await name.press('Enter');
    await eventually(() => stateNode(page, 'Filter images').count()).toBe(1);
    await stateNode(page, 'List images').click();
    await page.click('[data-testid="tab-code"]');
    await eventually(() => codeText(page)).toContain('"Next": "Filter images"');

    // Collapse the Map: its insides disappear from the canvas.
    await page.click('button[aria-label="Collapse Resize each image"]');
    await eventually(() => page.locator('[data-testid="state-node"]').count()).toBe(3);
    await page.screenshot({ path: join(shots, '06-collapsed-map.png') });
    await page.click('button[aria-label="Expand Resize each image"]');

    // Delete with the keyboard: the predecessor reconnects to the successor.
    await stateNode(page, 'Filter images').click();
    await page.keyboard.press('Delete');
    await eventually(() => stateNode(page, 'Filter images').count()).toBe(0);
    expect(await page.locator('.react-flow__edge[data-id="/States/List images/Next"]').count()).toBe(1);

    // Drag a state into the Map's item processor: it moves scope (and ends there).
    await page.click('button:text-is("Fit")');
    await page.waitForTimeout(400);
    const summarise = (await stateNode(page, 'Summarise').boundingBox())!;
    const lane = (await page.locator('[data-scope-id="/States/Resize each image/ItemProcessor"]').boundingBox())!;
    await page.mouse.move(summarise.x + 60, summarise.y + 20);
    await page.mouse.down();
    await page.mouse.move(summarise.x + 50, summarise.y - 40, { steps: 4 });
    await page.mouse.move(lane.x + lane.width / 2, lane.y + lane.height - 30, { steps: 8 });
    await page.mouse.up();
    await eventually(() => page.locator('.react-flow__node[data-id="/States/Resize each image/ItemProcessor/States/Summarise"]').count()).toBe(1);
    expect(await page.locator('.react-flow__node[data-id="/States/Summarise"]').count()).toBe(0);

    // Share: the link alone opens the same machine in a fresh browser profile.
    await page.click('[data-testid="share"]');
    const url = await page.locator('[data-testid="share-url"]').inputValue();
    expect(url).toMatch(/#machine=/);
    const other = await openPage();
    await other.page.goto(url);
    await eventually(() => other.page.locator('[data-testid="state-node"]').count()).toBe(5);
    expect(await other.page.locator('.react-flow__node[data-id="/States/Resize each image/ItemProcessor/States/Summarise"]').count()).toBe(1);
    expect(await other.page.locator('[data-testid="gallery"]').count()).toBe(0);
    expect(await other.page.locator('[data-testid="file-name"]').innerText()).toBe('shared.asl.json');
    expect([...errors, ...other.errors]).toEqual([]);
    await other.page.context().close();
    await page.context().close();
  });

  it('opens a YAML file and a dropped JSON file, and exports SVG and PNG', async () => {
    const { page, errors } = await openPage();
    await page.goto(studio.url);
    await page.click('[data-testid="example-blank"]');
    await page.locator('[data-testid="file-input"]').setInputFiles({
      name: 'fan-out.asl.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from('StartAt: Both\nStates:\n  Both:\n    Type: Parallel\n    Branches:\n      - StartAt: Left\n        States:\n          Left: { Type: Pass, End: true }\n      - StartAt: Right\n        States:\n          Right: { Type: Pass, End: true }\n    End: true\n'),
    });
    await eventually(() => page.locator('[data-testid="state-node"]').count()).toBe(2);
    expect(await page.locator('[data-testid="container-node"]').count()).toBe(1);
    expect(await page.locator('[data-testid="file-name"]').innerText()).toBe('fan-out.asl.json');

    // A file dropped anywhere on the window opens too.
    await page.evaluate(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([JSON.stringify({ StartAt: 'Dropped', States: { Dropped: { Type: 'Succeed' } } })], 'dropped.asl.json', { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
    })()`);
    await eventually(() => page.locator('[data-testid="file-name"]').innerText()).toBe('dropped.asl.json');
    expect(await stateNode(page, 'Dropped').count()).toBe(1);
    await page.locator('[data-testid="file-input"]').setInputFiles({
      name: 'fan-out.asl.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from('StartAt: Both\nStates:\n  Both:\n    Type: Parallel\n    Branches:\n      - StartAt: Left\n        States:\n          Left: { Type: Pass, End: true }\n      - StartAt: Right\n        States:\n          Right: { Type: Pass, End: true }\n    End: true\n'),
    });
    await eventually(() => page.locator('[data-testid="file-name"]').innerText()).toBe('fan-out.asl.json');

    await page.click('[data-testid="export-menu"]');
    const svgDownload = page.waitForEvent('download');
    await page.click('text=Export graph as SVG');
    const svg = await svgDownload;
    expect(svg.suggestedFilename()).toBe('fan-out.svg');

    await page.click('[data-testid="export-menu"]');
    const pngDownload = page.waitForEvent('download');
    await page.click('text=Export graph as PNG');
    const png = await pngDownload;
    expect(png.suggestedFilename()).toBe('fan-out.png');
    const bytes = await (await png.createReadStream()).toArray();
    expect(Buffer.concat(bytes).subarray(1, 4).toString()).toBe('PNG');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

/** Client coordinates → coordinates relative to the React Flow pane (what dragTo's targetPosition wants). */
async function toPaneCoordinates(page: Page, x: number, y: number) {
  const pane = (await page.locator('[data-testid="canvas"] .react-flow__pane').boundingBox())!;
  return { x: x - pane.x, y: y - pane.y };
}
