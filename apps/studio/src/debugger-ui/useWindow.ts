/**
 * A scroll container's visible row window, following one row (the scrubber's) as it moves.
 *
 * Rows have one fixed height, so where everything is comes from arithmetic, never from the DOM.
 * The offset the window is computed from is the one this hook sets: when the followed row changes,
 * the render derives the scroll offset that shows it, renders the rows for that offset, and the
 * layout effect writes `scrollTop` once — no read before or after the write, so a step costs one
 * layout and one render, not a forced layout plus a second render from the scroll event. The
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

  // Derived during render (refs hold the element's state, which only commits and scroll events change).
  let at = top.current;
  if (showIndex !== undefined && showIndex >= 0 && showIndex !== shown.current) {
    const target = scrollToShow(showIndex, at, viewport, rowHeight);
    if (target !== undefined) at = target;
  }
  at = Math.max(0, Math.min(Math.round(at), Math.max(0, count * rowHeight - Math.floor(viewport))));

  useLayoutEffect(() => {
    shown.current = showIndex;
    const el = ref.current;
    if (!el || at === top.current) return;
    top.current = at;
    el.scrollTop = at;
  });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onScroll = () => {
      const t = el.scrollTop;
      // Our own write coming back as an event: nothing to do.
      if (Math.abs(t - top.current) < 1) return;
      top.current = t;
      rerender();
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver((entries) => {
      const height = entries[entries.length - 1]?.contentRect.height;
      if (height) setViewport((v) => (v === height ? v : height));
    });
    observer.observe(el);
    return () => { el.removeEventListener('scroll', onScroll); observer.disconnect(); };
  }, []);

  return { ref, win: rowWindow(at, viewport, rowHeight, count) };
}
