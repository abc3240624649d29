/**
 * A scroll container's visible row window, following one row (the scrubber's) as it moves.
 *
 * Rows have one fixed height, so where everything is comes from arithmetic, never from the DOM.
 * The offset the window is computed from is the one this hook sets: when the followed row changes,
 * the render derives the scroll offset that shows it, renders the rows for that offset, and
 * `scrollTop` is written once, in the next frame's animation callbacks — no read before or after
 * the write, so a step costs one layout and one render, not a forced layout plus a second render
 * from the scroll event. The
 * element is read only in its own scroll events (the user scrolling, where layout is clean) and
 * sized from ResizeObserver entries.
 */
import { useLayoutEffect, useReducer, useRef, useState } from 'react';
import { rowWindow, scrollToShow, type RowWindow } from './rows';

export function useRowWindow(count: number, rowHeight: number, showIndex?: number): { ref: React.RefObject<HTMLDivElement | null>; win: RowWindow } {
  const ref = useRef<HTMLDivElement | null>(null);
  const [viewport, setViewport] = useState(400);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  /** The element's scroll offset: the last one written here, or read in a scroll event. */
  const top = useRef(0);
  /** The followed row of the last commit: the table follows a row when it changes, not on every render. */
  const shown = useRef<number | undefined>(undefined);
  /** The animation frame request that writes `top` to the element, if one is pending. */
  const write = useRef(0);
  /** A write whose scroll event has not come yet: that event is ours, and is not read. */
  const echo = useRef(false);

  // Derived during render (refs hold the element's state, which only commits and scroll events change).
  let at = top.current;
  if (showIndex !== undefined && showIndex >= 0 && showIndex !== shown.current) {
    const target = scrollToShow(showIndex, at, viewport, rowHeight);
    if (target !== undefined) at = target;
  }
  at = Math.max(0, Math.min(Math.round(at), Math.max(0, count * rowHeight - Math.floor(viewport))));

  useLayoutEffect(() => {
    shown.current = showIndex;
    if (!ref.current || at === top.current) return;
    top.current = at;
    // Written in the next frame's animation callbacks, not here: the commit has just changed the DOM,
    // so a write now forces a layout of it, and the frame lays out again for what changes before it
    // (the next step's urgent render, which comes with the input, before these callbacks). There, the
    // two are one layout. The rows for the new offset are already rendered; no frame paints between.
    if (!write.current) write.current = requestAnimationFrame(() => {
      write.current = 0;
      const el = ref.current;
      if (!el) return;
      // One layout for the read and the write; an offset that does not change fires no event.
      const before = el.scrollTop;
      el.scrollTop = top.current;
      echo.current = el.scrollTop !== before;
    });
  });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onScroll = () => {
      // Our own write coming back as an event: nothing to do, and not read (the next step's commit may
      // have changed the DOM since, and reading scrollTop would lay it out here, before the frame).
      if (echo.current) { echo.current = false; return; }
      const t = el.scrollTop;
      if (Math.abs(t - top.current) < 1) return;
      // The user scrolled before a pending write: their offset wins.
      cancelAnimationFrame(write.current);
      write.current = 0;
      top.current = t;
      rerender();
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver((entries) => {
      const height = entries[entries.length - 1]?.contentRect.height;
      if (height) setViewport((v) => (v === height ? v : height));
    });
    observer.observe(el);
    return () => { el.removeEventListener('scroll', onScroll); observer.disconnect(); cancelAnimationFrame(write.current); };
  }, []);

  return { ref, win: rowWindow(at, viewport, rowHeight, count) };
}
