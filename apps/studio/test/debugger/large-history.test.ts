/**
 * A 25,000-event history (AWS's maximum): it imports and every position can be visited.
 * Timings are printed, not asserted (machines differ); the bench suite tracks them.
 */
import { describe, expect, it } from 'vitest';
import { importHistory } from '../../src/debugger/history-import';
import { ReplayCursor, ReplayModel } from '../../src/debugger/replay';
import { buildEventsTable } from '../../src/debugger/events-table';
import { buildGantt } from '../../src/debugger/gantt';
import { generateLargeHistory } from './generate-history';

describe('a 25,000-event history', () => {
  it('imports, builds the replay, and scrubs through every position', async () => {
    const { events, definition } = await generateLargeHistory();
    const text = JSON.stringify({ events });
    let t = performance.now();
    const history = importHistory(text);
    const importMs = performance.now() - t;
    t = performance.now();
    const model = new ReplayModel(history, { definition });
    const modelMs = performance.now() - t;
    expect(model.length).toBe(24_996);
    expect(model.warnings).toEqual([]);
    expect(model.executionAt(model.length).status).toBe('SUCCEEDED');

    const cursor = new ReplayCursor(model);
    t = performance.now();
    let worst = 0;
    for (let p = 1; p <= model.length; p++) {
      const s = performance.now();
      cursor.seek(p);
      worst = Math.max(worst, performance.now() - s);
    }
    const forwardMs = performance.now() - t;
    t = performance.now();
    for (let p = model.length; p >= 0; p--) cursor.seek(p);
    const backwardMs = performance.now() - t;
    t = performance.now();
    for (let k = 0; k < 200; k++) cursor.seek((k * 7919) % model.length);
    const jumpsMs = performance.now() - t;
    t = performance.now();
    buildEventsTable(model);
    buildGantt(model);
    const viewsMs = performance.now() - t;

    cursor.seek(model.length);
    expect(cursor.statusOf('/States/Fan out/ItemProcessor/States/Work')).toBe('succeeded');
    expect(model.iterationsOf(model.visitsOf('/States/Fan out')[0].index)).toHaveLength(2499);
    console.log(
      `25k history: JSON ${(text.length / 1e6).toFixed(1)} MB; import ${importMs.toFixed(0)} ms; replay model ${modelMs.toFixed(0)} ms; ` +
        `scrub forward ${forwardMs.toFixed(0)} ms (${((forwardMs * 1000) / model.length).toFixed(1)} µs/step, worst ${worst.toFixed(2)} ms); ` +
        `backward ${backwardMs.toFixed(0)} ms; 200 random jumps ${jumpsMs.toFixed(0)} ms; events table + Gantt ${viewsMs.toFixed(0)} ms`,
    );
  }, 60_000);
});
