/** The timeline scrubber: a slider over the events, with play/pause, steps and "next failure". */
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import type { ReplayModel } from '../debugger/replay';
import type { ReplayView } from './useReplay';

const SPEEDS = [2, 8, 30, 120, 1000];

type ScrubberProps = Pick<ReplayView, 'position' | 'playing' | 'speed' | 'seek' | 'step' | 'setPlaying' | 'setSpeed'> & { model: ReplayModel };

/** Memoised on its values and the replay's stable callbacks: a deferred panel render does not redraw it. */
export const Scrubber = memo(function Scrubber({ model, ...view }: ScrubberProps) {
  const { position } = view;
  const length = model.length;
  const current = position > 0 ? model.events[position - 1] : undefined;
  const nextFailure = nextFailureFrom(model, position);
  const failureMarks = useFailureMarks(model);
  return (
    <div className="dbg-scrubber" data-testid="scrubber">
      <div className="dbg-scrub-buttons">
        <button type="button" className="button icon" onClick={() => view.seek(0)} title="To the start (Home)" aria-label="To the start">|◀</button>
        <button type="button" className="button icon" onClick={() => view.step(-1)} disabled={position <= 0} title="Step back (←)" aria-label="Step back" data-testid="step-back">‹</button>
        <button type="button" className="button icon is-primary" onClick={() => view.setPlaying(!view.playing)} title="Play / pause (Space)" aria-label={view.playing ? 'Pause' : 'Play'} data-testid="play">{view.playing ? '❚❚' : '▶'}</button>
        <button type="button" className="button icon" onClick={() => view.step(1)} disabled={position >= length} title="Step forward (→)" aria-label="Step forward" data-testid="step-forward">›</button>
        <button type="button" className="button icon" onClick={() => view.seek(length)} title="To the end (End)" aria-label="To the end">▶|</button>
        <button type="button" className="button" onClick={() => view.seek(nextFailure + 1)} disabled={nextFailure < 0} title="Jump to the next failure event" data-testid="next-failure">Next failure</button>
        <select className="input dbg-speed" value={view.speed} onChange={(e) => view.setSpeed(Number(e.target.value))} title="Playback speed (events per second)" aria-label="Playback speed">
          {SPEEDS.map((s) => <option key={s} value={s}>{s} ev/s</option>)}
        </select>
      </div>
      <div className="dbg-scrub-track">
        <Slider length={length} position={position} seek={view.seek} />
        <FailureMarks marks={failureMarks} />
      </div>
      <div className="dbg-scrub-label" data-testid="scrub-label">
        <b>{position}</b> / {length}
        {current && <span className={`dbg-event-type${/(Failed|TimedOut|Aborted)$/.test(current.type) ? ' is-bad' : ''}`}> · #{current.id} {current.type}</span>}
      </div>
    </div>
  );
});

/**
 * The position slider. React 19 re-applies an input's `type` and `name` on every update of its element
 * (four attribute writes per step, each restyling the input with its thumb and track), so the element
 * here is the same one for as long as the history is: React does not update it, and a step writes only
 * the value.
 */
function Slider({ length, position, seek }: { length: number; position: number; seek(p: number): void }) {
  const ref = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && el.valueAsNumber !== position) el.value = String(position);
  }, [position, length]);
  return useMemo(() => (
    <input ref={ref} type="range" min={0} max={length} defaultValue={0} onChange={(e) => seek(Number(e.target.value))} aria-label="Position in the history" data-testid="scrub-range" />
  ), [length, seek]);
}

/**
 * The index of the first failure event at or after `from`, -1 if none: a binary search over the
 * history's failures, listed once per history, instead of scanning the events on every step (a
 * failure near the start of a 25,000-event history would otherwise cost a full scan per step).
 */
function nextFailureFrom(model: ReplayModel, from: number): number {
  let list = failuresCache.get(model);
  if (!list) {
    const found: number[] = [];
    for (let i = model.nextFailure(0); i >= 0; i = model.nextFailure(i + 1)) found.push(i);
    failuresCache.set(model, (list = Int32Array.from(found)));
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? list[lo] : -1;
}
const failuresCache = new WeakMap<ReplayModel, Int32Array>();

/**
 * Where failures are on the track, as positions in [0, 1]: one mark per bucket of the track that
 * holds any (at most 400), so a history with thousands of failures draws as fast as one with three.
 */
function useFailureMarks(model: ReplayModel): number[] {
  const cache = marksCache.get(model);
  if (cache) return cache;
  const buckets = Math.min(400, Math.max(1, model.length));
  const seen = new Uint8Array(buckets);
  const marks: number[] = [];
  for (let i = model.nextFailure(0); i >= 0; i = model.nextFailure(i + 1)) {
    const b = Math.min(buckets - 1, Math.floor(((i + 1) / model.length) * buckets));
    if (seen[b]) continue;
    seen[b] = 1;
    marks.push((i + 1) / model.length);
  }
  marksCache.set(model, marks);
  return marks;
}
const marksCache = new WeakMap<ReplayModel, number[]>();

/**
 * Red ticks where failures are; drawn once per history, not on every step. One SVG path for all of
 * them, not an element per tick: hundreds of positioned elements are hundreds of paint layers that
 * the browser walks again on every frame the slider beside them repaints.
 */
const FailureMarks = memo(function FailureMarks({ marks }: { marks: number[] }) {
  if (marks.length === 0) return null;
  const d = marks.map((at) => `M${(at * 1000).toFixed(1)} 0v7`).join('');
  return (
    <svg className="dbg-scrub-marks" viewBox="0 0 1000 26" preserveAspectRatio="none" aria-hidden="true" data-testid="failure-marks">
      <path d={d} transform="translate(0 2)" />
    </svg>
  );
});
