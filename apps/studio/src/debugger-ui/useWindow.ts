/** A scroll container's visible row window (fixed row height), updated on scroll and resize. */
import { useEffect, useRef, useState } from 'react';
import { rowWindow, scrollToShow, type RowWindow } from './rows';

export function useRowWindow(count: number, rowHeight: number, showIndex?: number): { ref: React.RefObject<HTMLDivElement | null>; win: RowWindow } {
  const ref = useRef<HTMLDivElement | null>(null);
  const [box, setBox] = useState({ top: 0, height: 400 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setBox({ top: el.scrollTop, height: el.clientHeight || 400 });
    update();
    el.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => { el.removeEventListener('scroll', update); observer.disconnect(); };
  }, []);
  // Keep the row of the current event in view as the scrubber moves.
  useEffect(() => {
    const el = ref.current;
    if (!el || showIndex === undefined || showIndex < 0) return;
    // In the next frame, not in the commit: reading scrollTop here would force a layout per step.
    const frame = requestAnimationFrame(() => {
      const target = scrollToShow(showIndex, el.scrollTop, el.clientHeight, rowHeight);
      if (target !== undefined) el.scrollTop = target;
    });
    return () => cancelAnimationFrame(frame);
  }, [showIndex, rowHeight]);
  return { ref, win: rowWindow(box.top, box.height, rowHeight, count) };
}
