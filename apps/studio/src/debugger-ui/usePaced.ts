/**
 * A fast-changing value (the scrubber's position) for the views that may lag it: the side panel and
 * the events table. The first change after a quiet spell passes at once, so a single step updates them
 * in the frame after the graph's; changes that follow within `interval` ms are coalesced into one at the
 * end of it, carrying the latest value. Holding an arrow key (a step per frame) then renders the panels
 * a few times a second instead of on every step — their render, style, layout, paint and raster were
 * most of a step's cost — while the graph and the slider still move on every step, and the position the
 * user stops at is always the one shown.
 */
import { startTransition, useEffect, useRef, useState } from 'react';

export function usePaced<T>(value: T, interval: number): T {
  const [paced, setPaced] = useState(value);
  /** When the last change passed (performance.now()). */
  const passed = useRef(-Infinity);
  useEffect(() => {
    if (Object.is(value, paced)) return;
    // A transition, like useDeferredValue: React renders it after the urgent update's frame, at low priority.
    const pass = () => { passed.current = performance.now(); startTransition(() => setPaced(value)); };
    const wait = passed.current + interval - performance.now();
    if (wait <= 0) { pass(); return; }
    const timer = setTimeout(pass, wait);
    return () => clearTimeout(timer);
  }, [value, paced, interval]);
  return paced;
}

