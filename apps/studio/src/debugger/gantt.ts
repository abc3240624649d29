/**
 * The Gantt view's rows: one bar per state visit, from Entered to its end, split into segments
 * for each Task attempt, the back-off waits between retries, and Wait states' waits. Time is the
 * events' timestamps; histories without readable ones (the corpus's snapshots) fall back to event
 * order, so the chart still shows sequence and overlap.
 */
import type { ReplayModel, StateStatus } from './replay';

export interface GanttSegment {
  kind: 'run' | 'attempt' | 'backoff' | 'wait';
  start: number;
  end: number;
  outcome?: 'succeeded' | 'failed' | 'running';
}

export interface GanttBar {
  visit: number;
  stateId: string;
  name: string;
  type: string;
  thread: number;
  /** Iteration/branch label path, e.g. "Fan out[3]" ('' at the top level). */
  lane: string;
  depth: number;
  start: number;
  end: number;
  /** True when the visit had not ended by the last event (the bar runs to the end of the history). */
  open: boolean;
  status: StateStatus;
  retries: number;
  segments: GanttSegment[];
}

export interface GanttChart {
  bars: GanttBar[];
  start: number;
  end: number;
  /** 'time': epoch ms; 'events': event indices (no usable timestamps). */
  axis: 'time' | 'events';
}

export function buildGantt(model: ReplayModel): GanttChart {
  const { events } = model;
  const axis: GanttChart['axis'] = events.length > 0 && events.every((e) => !Number.isNaN(e.time)) ? 'time' : 'events';
  const at = (i: number) => (axis === 'time' ? events[i].time : i);
  const lastIndex = events.length - 1;
  const lanes = laneLabels(model);
  const bars: GanttBar[] = model.visits.map((visit) => {
    const lastChange = visit.changes[visit.changes.length - 1];
    const endEvent = visit.exited >= 0 ? visit.exited : lastChange && lastChange.status !== 'running' && lastChange.status !== 'retried' ? lastChange.at : lastIndex;
    const start = at(visit.entered);
    const end = at(Math.max(endEvent, visit.entered));
    const segments: GanttSegment[] = [];
    let previousEnd = -1;
    for (const attempt of visit.attempts) {
      if (previousEnd >= 0) segments.push({ kind: 'backoff', start: at(previousEnd), end: at(attempt.scheduled) });
      const attemptEnd = attempt.ended >= 0 ? attempt.ended : endEvent;
      segments.push({ kind: 'attempt', start: at(attempt.scheduled), end: at(attemptEnd), outcome: attempt.outcome });
      previousEnd = attempt.ended;
    }
    if (visit.type === 'Wait') segments.push({ kind: 'wait', start, end });
    if (segments.length === 0) segments.push({ kind: 'run', start, end });
    return {
      visit: visit.index, stateId: visit.stateId, name: visit.name, type: visit.type, thread: visit.thread,
      lane: lanes[visit.thread], depth: lanes[visit.thread] === '' ? 0 : lanes[visit.thread].split(' › ').length,
      start, end, open: visit.exited < 0 && endEvent === lastIndex && (lastChange?.status === 'running' || lastChange?.status === 'retried'),
      status: lastChange?.status ?? 'not-started', retries: Math.max(0, visit.attempts.length - 1), segments,
    };
  });
  return { bars, start: events.length ? at(0) : 0, end: events.length ? at(lastIndex) : 0, axis };
}

function laneLabels(model: ReplayModel): string[] {
  const labels: string[] = [];
  for (const thread of model.threads) {
    if (thread.parentVisit < 0) {
      labels[thread.index] = '';
      continue;
    }
    const owner = model.visits[thread.parentVisit];
    const here = thread.kind === 'iteration' ? `${owner.name}[${thread.iteration}]` : `${owner.name} branch ${(thread.branch ?? 0) + 1}`;
    const outer = labels[owner.thread];
    labels[thread.index] = outer ? `${outer} › ${here}` : here;
  }
  return labels;
}
