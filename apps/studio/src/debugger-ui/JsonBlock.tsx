/**
 * A labelled, collapsible JSON payload; long ones show their head until asked for all.
 * Both components are memoised on the value's identity (strings by value), and the shown text is
 * cached per value: scrubbing flips between a few visits (a Map and its iterations' states), and
 * each flip must not pretty-print, split or re-render payloads that did not change.
 */
import { memo, useCallback, useState } from 'react';
import { headLines, prettyJson } from './format';

export const JsonBlock = memo(function JsonBlock({ label, value, testId, open = true, note }: { label: string; value: unknown; testId?: string; open?: boolean; note?: string }) {
  const [all, setAll] = useState(false);
  const showAll = useCallback(() => setAll(true), []);
  return (
    <details className="dbg-block" open={open} data-testid={testId}>
      <summary>{label}{note && <span className="dbg-note">{note}</span>}</summary>
      <JsonText value={value} all={all} onAll={showAll} lines={40} />
    </details>
  );
});

export const JsonText = memo(function JsonText({ value, all, onAll, lines, small }: { value: unknown; all?: boolean; onAll?(): void; lines: number; small?: boolean }) {
  const { head, hidden, empty } = shownText(value, !!all, lines);
  if (empty) return <div className="dbg-empty">—</div>;
  return (
    <>
      <pre className={`dbg-json${small ? ' is-small' : ''}`}>{head}</pre>
      {hidden > 0 && onAll && <button type="button" className="link dbg-more" onClick={onAll}>show {hidden.toLocaleString('en')} more line{hidden === 1 ? '' : 's'}</button>}
      {hidden > 0 && !onAll && <div className="dbg-note">… {hidden.toLocaleString('en')} more lines</div>}
    </>
  );
});

interface Shown { head: string; hidden: number; empty: boolean }
/** Per object value (weakly) or per string value (the last few), per variant: the text to show. */
const byObject = new WeakMap<object, Map<string, Shown>>();
const byString = new Map<string, Map<string, Shown>>();

function shownText(value: unknown, all: boolean, lines: number): Shown {
  const variant = `${all ? 'all' : lines}`;
  let cache: Map<string, Shown> | undefined;
  if (typeof value === 'object' && value !== null) {
    cache = byObject.get(value);
    if (!cache) byObject.set(value, (cache = new Map()));
  } else if (typeof value === 'string' && value.length > 200) {
    cache = byString.get(value);
    if (!cache) {
      if (byString.size >= 32) byString.delete(byString.keys().next().value!);
      byString.set(value, (cache = new Map()));
    }
  }
  const hit = cache?.get(variant);
  if (hit) return hit;
  const text = prettyJson(value, all ? 200_000 : 20_000);
  const shown = { ...(all ? { head: text, hidden: 0 } : headLines(text, lines)), empty: text === '' };
  cache?.set(variant, shown);
  return shown;
}
