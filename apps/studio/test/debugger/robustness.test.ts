/**
 * Histories as people will really bring them: cut off mid-run, with events missing, without the
 * definition, or with a definition of another machine. The replay never throws; it says what it
 * could not place, and a cut-off history shows its states still running.
 */
import { describe, expect, it } from 'vitest';
import { importHistory } from '../../src/debugger/history-import';
import { ReplayCursor, ReplayModel } from '../../src/debugger/replay';
import { dataFlowOf } from '../../src/debugger/dataflow-view';
import { buildEventsTable } from '../../src/debugger/events-table';
import { buildGantt } from '../../src/debugger/gantt';
import { loadRecordedCases } from './conformance-histories';

const cases = loadRecordedCases().filter((c) => c.expected.history !== null);
const other = { StartAt: 'Elsewhere', States: { Elsewhere: { Type: 'Pass', End: true } } };

/** A small deterministic generator, so a failure names a reproducible case. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('damaged histories', () => {
  it('every recorded history, cut at every position, replays as a run still going', () => {
    let checked = 0;
    for (const recorded of cases) {
      const events = recorded.expected.history!;
      for (let cut = 1; cut < events.length; cut++) {
        const model = new ReplayModel(importHistory({ events: events.slice(0, cut) }), { definition: recorded.definition });
        expect(model.warnings, `${recorded.file} cut at ${cut}`).toEqual([]);
        expect(model.executionAt(cut).status).toBe('RUNNING');
        // A state whose Entered is the last event is running (a Fail state has already failed).
        const last = model.visits[model.eventVisit[cut - 1]];
        if (last && last.entered === cut - 1) {
          expect(new ReplayCursor(model, cut).statusOf(last.stateId)).toBe(last.type === 'Fail' ? 'failed' : 'running');
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('events dropped at random, or the wrong definition: no exceptions, every view still builds', () => {
    const random = lcg(42);
    for (const recorded of cases) {
      const events = recorded.expected.history!;
      for (let trial = 0; trial < 3; trial++) {
        const kept = events.filter((_, i) => i === 0 || random() > 0.25);
        for (const definition of [recorded.definition, undefined, other]) {
          const model = new ReplayModel(importHistory({ events: kept }), { definition });
          const cursor = new ReplayCursor(model);
          for (let p = 0; p <= model.length; p++) cursor.seek(p);
          for (let p = model.length; p >= 0; p -= 3) cursor.seek(p);
          for (const visit of model.visits) dataFlowOf(model, visit);
          buildEventsTable(model);
          buildGantt(model);
          model.variablesAt(model.length);
        }
      }
    }
  });

  it('the data flow recomputed from the recorded input matches every recorded JSONPath output', () => {
    let matched = 0;
    for (const recorded of cases) {
      const model = new ReplayModel(importHistory({ events: recorded.expected.history }), { definition: recorded.definition });
      for (const visit of model.visits) {
        const view = dataFlowOf(model, visit);
        if (view.matchesRecorded === undefined) continue;
        expect(view.matchesRecorded, `${recorded.file}: ${visit.name}`).toBe(true);
        matched++;
      }
    }
    console.log(`data flow: ${matched} JSONPath state visits recomputed, all equal to AWS's recorded output`);
    expect(matched).toBeGreaterThan(300);
  });
});
