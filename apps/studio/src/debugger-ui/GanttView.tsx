/**
 * The Gantt timeline: a bar per state visit on a shared time axis (event order when the history
 * has no usable timestamps), with Task attempts, the back-off waits between retries and Wait
 * states' waits drawn as segments, and a line at the scrubber's position. Rows are virtualised.
 */
import { memo, useMemo } from 'react';
import { buildGantt } from '../debugger/gantt';
import type { ReplayModel } from '../debugger/replay';
import { formatDuration } from './format';
import { useRowWindow } from './useWindow';

const ROW = 24;
const charts = new WeakMap<ReplayModel, ReturnType<typeof buildGantt>>();

export const GanttView = memo(function GanttView({ model, position, seek }: { model: ReplayModel; position: number; seek(p: number): void }) {
  const chart = useMemo(() => {
    let c = charts.get(model);
    if (!c) charts.set(model, (c = buildGantt(model)));
    return c;
  }, [model]);
  const currentBar = useMemo(() => {
    const f = position > 0 ? model.eventVisit[position - 1] : -1;
    return f >= 0 ? f : undefined;
  }, [model, position]);
  const { ref, win } = useRowWindow(chart.bars.length, ROW, currentBar);
  const span = Math.max(1, chart.end - chart.start);
  const pct = (v: number) => `${((v - chart.start) / span) * 100}%`;
  const nowValue = position <= 0 ? chart.start : chart.axis === 'time' ? model.events[position - 1].time : position - 1;
  return (
    <div className="dbg-gantt" data-testid="gantt">
      <div className="dbg-gantt-head">
        <span className="g-name">State</span>
        <span className="g-axis">{chart.axis === 'time' ? `0 — ${formatDuration(span)}` : `events 1 — ${model.length} (no timestamps: event order)`}</span>
      </div>
      <div className="dbg-tbody" ref={ref}>
        <div className="dbg-rows" style={{ height: win.total }}>
          <div className="dbg-gantt-now" style={{ left: `calc(220px + (100% - 220px) * ${(nowValue - chart.start) / span})` }} />
          <div>
            {chart.bars.slice(win.start, win.end).map((bar, k) => {
              const startEvent = model.visits[bar.visit].entered;
              const future = startEvent >= position;
              return (
                <div key={bar.visit} className={`dbg-gantt-row${future ? ' is-future' : ''}${bar.visit === currentBar ? ' is-current' : ''}`} style={{ height: ROW, transform: `translateY(${(win.start + k) * ROW}px)` }} onClick={() => seek(startEvent + 1)} data-testid="gantt-row">
                  <span className="g-name" style={{ paddingLeft: 6 + bar.depth * 12 }} title={bar.lane ? `${bar.lane} › ${bar.name}` : bar.name}>{bar.name}{bar.retries > 0 && <span className="dbg-pill">↻{bar.retries}</span>}</span>
                  <span className="g-track">
                    {/* The whole visit, faint, under its attempts, back-offs and waits. */}
                    <span className={`g-seg g-visit s-${bar.status}`} style={{ left: pct(bar.start), width: `max(3px, ${((bar.end - bar.start) / span) * 100}%)` }} />
                    {bar.segments.filter((s) => s.kind !== 'run' || bar.segments.length > 1).map((s, i) => (
                      <span key={i} className={`g-seg g-${s.kind} s-${s.kind === 'attempt' ? s.outcome : bar.status}`}
                        style={{ left: pct(s.start), width: `max(3px, ${((s.end - s.start) / span) * 100}%)` }}
                        title={`${bar.name}: ${s.kind}${s.outcome ? ` (${s.outcome})` : ''}${chart.axis === 'time' ? `, ${formatDuration(s.end - s.start)}` : ''}`} />
                    ))}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );});
