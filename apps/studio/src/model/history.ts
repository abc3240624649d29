/**
 * Undo/redo over immutable snapshots. Snapshots share structure (edit operations copy only their
 * path), so keeping a hundred of them costs little. Consecutive edits with the same `coalesceKey`
 * (typing in one inspector field) merge into one undo step.
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  lastKey?: string;
}

export const HISTORY_LIMIT = 200;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

export function pushHistory<T>(history: History<T>, next: T, coalesceKey?: string): History<T> {
  if (Object.is(next, history.present)) return history;
  if (coalesceKey !== undefined && coalesceKey === history.lastKey) {
    return { past: history.past, present: next, future: [], lastKey: coalesceKey };
  }
  const past = [...history.past, history.present];
  if (past.length > HISTORY_LIMIT) past.shift();
  return { past, present: next, future: [], lastKey: coalesceKey };
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  const past = history.past.slice(0, -1);
  return { past, present: history.past[history.past.length - 1], future: [history.present, ...history.future] };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  const [present, ...future] = history.future;
  return { past: [...history.past, history.present], present, future };
}

export const canUndo = (history: History<unknown>) => history.past.length > 0;
export const canRedo = (history: History<unknown>) => history.future.length > 0;
