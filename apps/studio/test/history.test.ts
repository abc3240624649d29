import { expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, pushHistory, redo, undo } from '../src/model/history';

it('undo and redo walk the snapshots', () => {
  let h = createHistory('a');
  h = pushHistory(h, 'b');
  h = pushHistory(h, 'c');
  h = undo(h);
  expect(h.present).toBe('b');
  h = undo(h);
  expect(h.present).toBe('a');
  expect(canUndo(h)).toBe(false);
  h = redo(h);
  expect(h.present).toBe('b');
  h = pushHistory(h, 'd');
  expect(canRedo(h)).toBe(false);
  expect(undo(h).present).toBe('b');
});

it('edits with the same coalesce key merge into one step', () => {
  let h = createHistory('');
  for (const text of ['h', 'he', 'hel']) h = pushHistory(h, text, 'field:Comment');
  h = pushHistory(h, 'x', 'other');
  expect(undo(h).present).toBe('hel');
  expect(undo(undo(h)).present).toBe('');
});

it('pushing the same value is not a step', () => {
  const h = createHistory(1);
  expect(pushHistory(h, 1)).toBe(h);
});
