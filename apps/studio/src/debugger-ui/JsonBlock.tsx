/** A labelled, collapsible JSON payload; long ones show their head until asked for all. */
import { useState } from 'react';
import { headLines, prettyJson } from './format';

export function JsonBlock({ label, value, testId, open = true, note }: { label: string; value: unknown; testId?: string; open?: boolean; note?: string }) {
  const [all, setAll] = useState(false);
  return (
    <details className="dbg-block" open={open} data-testid={testId}>
      <summary>{label}{note && <span className="dbg-note">{note}</span>}</summary>
      <JsonText value={value} all={all} onAll={() => setAll(true)} lines={40} />
    </details>
  );
}

export function JsonText({ value, all, onAll, lines, small }: { value: unknown; all?: boolean; onAll?(): void; lines: number; small?: boolean }) {
  const text = prettyJson(value, all ? 200_000 : 20_000);
  if (text === '') return <div className="dbg-empty">—</div>;
  const { head, hidden } = all ? { head: text, hidden: 0 } : headLines(text, lines);
  return (
    <>
      <pre className={`dbg-json${small ? ' is-small' : ''}`}>{head}</pre>
      {hidden > 0 && onAll && <button type="button" className="link dbg-more" onClick={onAll}>show {hidden.toLocaleString('en')} more line{hidden === 1 ? '' : 's'}</button>}
      {hidden > 0 && !onAll && <div className="dbg-note">… {hidden.toLocaleString('en')} more lines</div>}
    </>
  );
}
