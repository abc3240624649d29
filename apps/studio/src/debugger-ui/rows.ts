/**
 * Virtual scrolling without a library: rows of one fixed height, so the visible slice is plain
 * arithmetic, and the expandable events table flattened to the rows currently shown.
 */
import type { EventRow } from '../debugger/events-table';

export interface RowWindow {
  start: number;
  end: number;
  /** Space above the first rendered row (px). */
  offset: number;
  total: number;
}

export function rowWindow(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 6): RowWindow {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { start: first, end: Math.max(first, last), offset: first * rowHeight, total: count * rowHeight };
}

/** The scrollTop that brings row `index` into view, or undefined when it already is. */
export function scrollToShow(index: number, scrollTop: number, viewport: number, rowHeight: number): number | undefined {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return undefined;
}

export interface FlatRow {
  row: EventRow;
  /** Index of the top-level row it belongs to. */
  top: number;
  child: boolean;
}

/**
 * Top-level rows, each followed by its children when expanded. Also returns, per top-level row,
 * its index in the flat list (to scroll the table with the scrubber).
 */
export function flattenRows(rows: readonly EventRow[], expanded: ReadonlySet<number>): { flat: FlatRow[]; flatIndexOfTop: Int32Array } {
  const flat: FlatRow[] = [];
  const flatIndexOfTop = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    flatIndexOfTop[i] = flat.length;
    flat.push({ row: rows[i], top: i, child: false });
    if (expanded.has(i)) for (const child of rows[i].children) flat.push({ row: child, top: i, child: true });
  }
  return { flat, flatIndexOfTop };
}
