/** A labelled, collapsible JSON payload. */
import { prettyJson } from './format';

export function JsonBlock({ label, value, testId, open = true, note }: { label: string; value: unknown; testId?: string; open?: boolean; note?: string }) {
  // Large payloads are cut: laying out megabytes of text would stall every scrubber step.
  const text = prettyJson(value, 5000);
  return (
    <details className="dbg-block" open={open} data-testid={testId}>
      <summary>{label}{note && <span className="dbg-note">{note}</span>}</summary>
      {text === '' ? <div className="dbg-empty">—</div> : <pre className="dbg-json">{text}</pre>}
    </details>
  );
}
