/**
 * The replay's view state: a position on the timeline and what the graph shows there. The
 * cursor moves by deltas (O(changes) per step); playing advances on animation frames, so a
 * frame never carries more than the events due by then.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReplayCursor, type ReplayModel, type StateStatus } from '../debugger/replay';

export interface ReplayView {
  position: number;
  statuses: ReadonlyMap<string, StateStatus>;
  taken: ReadonlySet<string>;
  playing: boolean;
  speed: number;
  seek(position: number): void;
  /** Moves forward to `position`, or nowhere when already past it (judged on the latest position). */
  advance(position: number): void;
  step(delta: number): void;
  setPlaying(playing: boolean): void;
  setSpeed(eventsPerSecond: number): void;
}

export function useReplay(model: ReplayModel | undefined, loadSeq: number, follow: boolean): ReplayView {
  const [position, setPosition] = useState(model?.length ?? 0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(8);
  const cursor = useRef<ReplayCursor | undefined>(undefined);
  const lastSeq = useRef(loadSeq);
  const length = model?.length ?? 0;

  // A new run opens at its end (the outcome); a live run that grows keeps following its end
  // when the user had not moved away from it (judged on the previous render's length).
  const previous = useRef({ position, length });
  useEffect(() => {
    if (lastSeq.current !== loadSeq) {
      lastSeq.current = loadSeq;
      setPlaying(false);
      setPosition(length);
    } else if (follow || previous.current.position >= previous.current.length) setPosition(length);
  }, [model, loadSeq, length, follow]);
  useEffect(() => {
    previous.current = { position, length };
  });

  // Most steps change no state's status and take no new transition: then the graph gets the same
  // map and set as before, and neither the canvas nor React Flow re-renders.
  const shown = useRef<{ statuses: ReadonlyMap<string, StateStatus>; taken: ReadonlySet<string> } | undefined>(undefined);
  const view = useMemo(() => {
    if (!model) return { statuses: new Map<string, StateStatus>(), taken: new Set<string>(), at: 0 };
    if (!cursor.current || cursor.current.model !== model) cursor.current = new ReplayCursor(model, 0);
    cursor.current.seek(Math.min(position, model.length));
    const last = shown.current;
    const statuses = cursor.current.statuses();
    const taken = new Set(cursor.current.takenTransitions().keys());
    return {
      statuses: last && sameMap(last.statuses, statuses) ? last.statuses : statuses,
      taken: last && sameSet(last.taken, taken) ? last.taken : taken,
      at: cursor.current.position,
    };
  }, [model, position]);
  useEffect(() => {
    shown.current = { statuses: view.statuses, taken: view.taken };
  }, [view]);

  useEffect(() => {
    if (!playing || !model) return;
    let frame = 0;
    let last = performance.now();
    let carry = 0;
    const tick = (now: number) => {
      carry += ((now - last) / 1000) * speed;
      last = now;
      const advance = Math.floor(carry);
      if (advance > 0) {
        carry -= advance;
        setPosition((p) => {
          const next = Math.min(model.length, p + advance);
          if (next >= model.length) setPlaying(false);
          return next;
        });
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, model]);

  const seek = useCallback((p: number) => setPosition(Math.max(0, Math.min(length, Math.trunc(p)))), [length]);
  const advance = useCallback((p: number) => setPosition((at) => Math.max(at, Math.min(length, Math.trunc(p)))), [length]);
  const step = useCallback((d: number) => setPosition((p) => Math.max(0, Math.min(length, p + d))), [length]);
  const play = useCallback((on: boolean) => {
    if (on) setPosition((p) => (p >= length ? 0 : p));
    setPlaying(on);
  }, [length]);
  return { position: view.at, statuses: view.statuses, taken: view.taken, playing, speed, seek, advance, step, setPlaying: play, setSpeed };
}

function sameMap<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of b) if (a.get(k) !== v) return false;
  return true;
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const k of b) if (!a.has(k)) return false;
  return true;
}
