/**
 * The events table, grouped the way AWS's console and Temporal's compact view read a history:
 * one row per state visit (Entered … Exited) holding its events, with each Task attempt
 * (Scheduled → Started → Succeeded/Failed) folded into one child row; Map iterations and the
 * execution's own events get rows of their own. Rows are in the order they began.
 */
import { enteredStateType, isAttemptStart, isTaskWork } from './event-types';
import type { ReplayModel, StateStatus } from './replay';

export type RowKind = 'execution' | 'state' | 'attempt' | 'iteration' | 'event';

export interface EventRow {
  kind: RowKind;
  title: string;
  /** Event indices in the row (children's included), in order. */
  events: number[];
  first: number;
  last: number;
  /** Nesting of the thread (0 for the execution, 1 inside a Map iteration or branch, …). */
  depth: number;
  thread: number;
  visit?: number;
  stateName?: string;
  /** Final status (states), or the outcome of an attempt/iteration. */
  status?: StateStatus | 'succeeded' | 'failed' | 'running' | 'aborted';
  startTime: number;
  endTime: number;
  /** Milliseconds from first to last event, NaN when timestamps are unknown. */
  durationMs: number;
  children: EventRow[];
}

export interface EventsTable {
  rows: EventRow[];
  /** For each event, the index of the top-level row holding it (to scroll the table with the scrubber). */
  rowOfEvent: Int32Array;
}

export function buildEventsTable(model: ReplayModel): EventsTable {
  const { events } = model;
  const rows: EventRow[] = [];
  const rowOfEvent = new Int32Array(events.length).fill(-1);
  const depthOf = threadDepths(model);
  const make = (kind: RowKind, title: string, list: number[], thread: number, extra: Partial<EventRow> = {}): EventRow => {
    const first = list[0];
    const last = list[list.length - 1];
    return {
      kind, title, events: list, first, last, depth: depthOf[thread] ?? 0, thread,
      startTime: events[first].time, endTime: events[last].time, durationMs: events[last].time - events[first].time,
      children: [], ...extra,
    };
  };
  const rowStarts: { at: number; row: EventRow }[] = [];
  for (const visit of model.visits) {
    const row = make('state', visit.name, visit.events, visit.thread, {
      visit: visit.index, stateName: visit.name, status: visit.changes[visit.changes.length - 1]?.status,
    });
    let attempt: number[] | undefined;
    const flush = () => {
      if (!attempt) return;
      const last = events[attempt[attempt.length - 1]].type;
      const outcome = /Succeeded$/.test(last) ? 'succeeded' : /(Failed|TimedOut)$/.test(last) ? 'failed' : 'running';
      row.children.push(make('attempt', `Attempt ${row.children.filter((c) => c.kind === 'attempt').length + 1}`, attempt, visit.thread, { status: outcome }));
      attempt = undefined;
    };
    for (const e of visit.events) {
      const type = events[e].type;
      if (isAttemptStart(type)) {
        flush();
        attempt = [e];
      } else if (isTaskWork(type) && attempt) {
        attempt.push(e);
        if (!/(Started|Submitted)$/.test(type)) flush();
      } else {
        flush();
        row.children.push(make('event', type, [e], visit.thread));
      }
    }
    flush();
    rowStarts.push({ at: visit.entered, row });
  }
  for (const thread of model.threads) {
    if (thread.kind !== 'iteration' || thread.startEvent < 0) continue;
    const list = thread.endEvent >= 0 ? [thread.startEvent, thread.endEvent] : [thread.startEvent];
    const row = make('iteration', `Iteration ${thread.iteration}`, list, model.visits[thread.parentVisit].thread, {
      status: thread.outcome, children: list.map((e) => make('event', events[e].type, [e], thread.index)),
    });
    rowStarts.push({ at: thread.startEvent, row });
  }
  // Whatever no state claims: the execution's events, Map/Parallel summaries tied to nothing, unknown types.
  for (let i = 0; i < events.length; i++) {
    if (model.eventVisit[i] >= 0) continue;
    const thread = model.threads[model.eventThread[i]];
    if (thread.kind === 'iteration' && (i === thread.startEvent || i === thread.endEvent)) continue;
    const type = events[i].type;
    rowStarts.push({ at: i, row: make(type.startsWith('Execution') ? 'execution' : 'event', type, [i], model.eventThread[i]) });
  }
  rowStarts.sort((a, b) => a.at - b.at);
  for (const { row } of rowStarts) {
    const index = rows.length;
    rows.push(row);
    for (const e of row.events) if (rowOfEvent[e] < 0) rowOfEvent[e] = index;
  }
  return { rows, rowOfEvent };
}

/** A one-line description of an event for the table's detail column. */
export function describeEvent(model: ReplayModel, index: number): string {
  const event = model.events[index];
  const d = event.details;
  if (enteredStateType(event.type) || /Exited$/.test(event.type)) return String(d.name ?? '');
  if (typeof d.error === 'string') return `${d.error}${typeof d.cause === 'string' ? `: ${d.cause.slice(0, 200)}` : ''}`;
  if (typeof d.resource === 'string') return d.resource;
  if (typeof d.index === 'number') return `${String(d.name ?? '')} [${d.index}]`;
  return '';
}

function threadDepths(model: ReplayModel): number[] {
  const depths: number[] = [];
  for (const thread of model.threads) {
    depths[thread.index] = thread.parentVisit < 0 ? 0 : (depths[model.visits[thread.parentVisit].thread] ?? 0) + 1;
  }
  return depths;
}
