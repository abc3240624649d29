/**
 * The events table, grouped like AWS's and Temporal's compact views (a state visit per row, its
 * Task attempts inside, expandable), virtualised: only the rows in view are in the DOM, so a
 * 25,000-event history scrolls and follows the scrubber like a short one.
 */
import { memo, useMemo, useState } from 'react';
import { buildEventsTable, describeEvent } from '../debugger/events-table';
import type { ReplayModel } from '../debugger/replay';
import { formatDuration } from './format';
import { flattenRows } from './rows';
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
  const t0 = model.events[0]?.time;
  const toggle = (i: number) => setExpanded((s) => { const n = new Set(s); if (n.has(i)) n.delete(i); else n.add(i); return n; });
  return (
    <div className="dbg-table" data-testid="events-table">
      <div className="dbg-tr dbg-th">
        <span className="c-id">#</span><span className="c-title">Step</span><span className="c-status">Status</span><span className="c-time">Started</span><span className="c-dur">Duration</span><span className="c-detail">Detail</span>
      </div>
      <div className="dbg-tbody" ref={ref}>
        <div style={{ height: win.total, position: 'relative' }}>
          <div style={{ transform: `translateY(${win.offset}px)` }}>
            {flat.slice(win.start, win.end).map((f, k) => {
              const { row } = f;
              const index = win.start + k;
              const future = row.first >= position;
              const current = !f.child && f.top === currentTop;
              const canExpand = !f.child && row.children.length > 0;
              // A state's row says what the graph says at this position (retried, caught …), not just "running".
              const status = future ? 'pending' : row.kind === 'state' && row.visit !== undefined ? model.visitStatusAt(model.visits[row.visit], position) : row.last < position ? row.status : 'running';
              return (
                <div key={index} className={`dbg-tr${f.child ? ' is-child' : ''}${future ? ' is-future' : ''}${current ? ' is-current' : ''}`} style={{ height: ROW }}
                  onClick={() => seek(row.last + 1)} data-testid="event-row" data-row-kind={row.kind}>
                  <span className="c-id">{model.events[row.first].id}</span>
                  <span className="c-title" style={{ paddingLeft: row.depth * 14 + (f.child ? 22 : 0) }}>
                    {canExpand ? (
                      <button type="button" className="dbg-expand" aria-label={expanded.has(f.top) ? 'Collapse' : 'Expand'} onClick={(e) => { e.stopPropagation(); toggle(f.top); }}>{expanded.has(f.top) ? '▾' : '▸'}</button>
                    ) : <span className="dbg-expand" />}
                    <span className={`dbg-kind k-${row.kind}`}>{row.kind === 'state' ? model.visits[row.visit ?? 0]?.type ?? '' : row.kind === 'attempt' ? '' : ''}</span>
                    {row.title}
                    {!f.child && row.kind === 'state' && row.children.filter((c) => c.kind === 'attempt').length > 1 && <span className="dbg-pill">{row.children.filter((c) => c.kind === 'attempt').length} attempts</span>}
                  </span>
                  <span className="c-status">{status && <span className={`dbg-status s-${status}`}>{status}</span>}</span>
                  <span className="c-time">{Number.isNaN(row.startTime - t0) ? '' : `+${formatDuration(row.startTime - t0)}`}</span>
                  <span className="c-dur">{row.events.length > 1 ? formatDuration(row.durationMs) : ''}</span>
                  <span className="c-detail" title={describeEvent(model, row.last)}>{f.child || row.kind !== 'state' ? describeEvent(model, row.last) : model.events[row.last].type}</span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );});
