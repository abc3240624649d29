/**
 * The events table: a row per state visit (expandable into its attempts and events), per Map
 * iteration and per execution event, following the scrubber. Virtualised with one fixed row
 * height: each row sits at its own offset (index × height), so moving the window adds and removes
 * rows at its ends without moving the others, and rows are memoised so a step re-renders only the
 * rows whose highlight or status changed.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import { buildEventsTable, describeEvent } from '../debugger/events-table';
import type { ReplayModel } from '../debugger/replay';
import { formatDuration } from './format';
import { flattenRows, type FlatRow } from './rows';
import { useRowWindow } from './useWindow';

const ROW = 28;
const tables = new WeakMap<ReplayModel, ReturnType<typeof buildEventsTable>>();

export const EventsView = memo(function EventsView({ model, position, seek }: { model: ReplayModel; position: number; seek(p: number): void }) {
  const table = useMemo(() => {
    let t = tables.get(model);
    if (!t) tables.set(model, (t = buildEventsTable(model)));
    return t;
  }, [model]);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const { flat, flatIndexOfTop } = useMemo(() => flattenRows(table.rows, expanded), [table, expanded]);
  const currentTop = position > 0 ? table.rowOfEvent[position - 1] : -1;
  const { ref, win } = useRowWindow(flat.length, ROW, currentTop >= 0 ? flatIndexOfTop[currentTop] : undefined);
  const toggle = useCallback((i: number) => setExpanded((s) => { const n = new Set(s); if (n.has(i)) n.delete(i); else n.add(i); return n; }), []);
  const rows = [];
  for (let index = win.start; index < win.end; index++) {
    const f = flat[index];
    const { row } = f;
    const future = row.first >= position;
    // A state's row says what the graph says at this position (retried, caught …), not just "running".
    const status = future ? 'pending' : row.kind === 'state' && row.visit !== undefined ? model.visitStatusAt(model.visits[row.visit], position) : row.last < position ? row.status : 'running';
    rows.push(
      <Row key={index} index={index} f={f} model={model} future={future} current={!f.child && f.top === currentTop}
        status={status} open={expanded.has(f.top)} seek={seek} toggle={toggle} />,
    );
  }
  return (
    <div className="dbg-table" data-testid="events-table">
      <div className="dbg-tr dbg-th">
        <span className="c-id">#</span><span className="c-title">Step</span><span className="c-status">Status</span><span className="c-time">Started</span><span className="c-dur">Duration</span><span className="c-detail">Detail</span>
      </div>
      <div className="dbg-tbody" ref={ref}>
        <div className="dbg-rows" style={{ height: win.total }}>{rows}</div>
      </div>
    </div>
  );});

interface RowProps {
  index: number;
  f: FlatRow;
  model: ReplayModel;
  future: boolean;
  current: boolean;
  status?: string;
  open: boolean;
  seek(p: number): void;
  toggle(top: number): void;
}

/** One row; re-renders only when what it shows changes (its row, highlight, status or expansion). */
const Row = memo(function Row({ index, f, model, future, current, status, open, seek, toggle }: RowProps) {
  const { row } = f;
  const canExpand = !f.child && row.children.length > 0;
  const attempts = !f.child && row.kind === 'state' ? row.children.filter((c) => c.kind === 'attempt').length : 0;
  const t0 = model.events[0]?.time;
  const detail = describeEvent(model, row.last);
  return (
    <div className={`dbg-tr${f.child ? ' is-child' : ''}${future ? ' is-future' : ''}${current ? ' is-current' : ''}`} style={{ transform: `translateY(${index * ROW}px)` }}
      onClick={() => seek(row.last + 1)} data-testid="event-row" data-row-kind={row.kind}>
      <span className="c-id">{model.events[row.first].id}</span>
      <span className="c-title" style={{ paddingLeft: row.depth * 14 + (f.child ? 22 : 0) }}>
        {canExpand ? (
          <button type="button" className="dbg-expand" aria-label={open ? 'Collapse' : 'Expand'} onClick={(e) => { e.stopPropagation(); toggle(f.top); }}>{open ? '▾' : '▸'}</button>
        ) : <span className="dbg-expand" />}
        <span className={`dbg-kind k-${row.kind}`}>{row.kind === 'state' ? model.visits[row.visit ?? 0]?.type ?? '' : ''}</span>
        <span className="dbg-title-text">{row.title}</span>
        {attempts > 1 && <span className="dbg-pill">{attempts} attempts</span>}
      </span>
      <span className="c-status">{status && <span className={`dbg-status s-${status}`}>{status}</span>}</span>
      <span className="c-time">{Number.isNaN(row.startTime - t0) ? '' : `+${formatDuration(row.startTime - t0)}`}</span>
      <span className="c-dur">{row.events.length > 1 ? formatDuration(row.durationMs) : ''}</span>
      <span className="c-detail" title={detail}>{f.child || row.kind !== 'state' ? detail : model.events[row.last].type}</span>
    </div>
  );
});
