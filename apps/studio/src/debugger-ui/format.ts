/** Small text formatting for the debugger's lists and panels. */

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Local date and time, compact: "24 Nov 03:55:12". Empty text for unknown times. */
export function formatStart(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = new Date(t);
  const month = d.toLocaleString('en', { month: 'short' });
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getDate()} ${month} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A JSON payload as the panels show it: pretty when it parses, as-is otherwise, shortened past `limit`. */
export function prettyJson(value: unknown, limit = 20_000): string {
  if (typeof value === 'string' && value.length > 2000) {
    // Scrubbing shows the same few big payloads again and again: pretty-print each once.
    const key = `${limit}:${value}`;
    const hit = prettyCache.get(key);
    if (hit !== undefined) return hit;
    const text = prettyUncached(value, limit);
    if (prettyCache.size > 64) prettyCache.delete(prettyCache.keys().next().value!);
    prettyCache.set(key, text);
    return text;
  }
  return prettyUncached(value, limit);
}

const prettyCache = new Map<string, string>();

function prettyUncached(value: unknown, limit: number): string {
  let text: string;
  if (typeof value === 'string') {
    try {
      text = JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      text = value;
    }
  } else if (value === undefined) return '';
  else text = JSON.stringify(value, null, 2) ?? String(value);
  return text.length > limit ? `${text.slice(0, limit)}\n… (${(text.length - limit).toLocaleString()} more characters)` : text;
}

/**
 * The first `lines` lines of a text, and how many were left out. Panels show a payload's head:
 * laying out (shaping) tens of kilobytes of text on every scrubber step is what drops frames.
 */
export function headLines(text: string, lines: number): { head: string; hidden: number } {
  let at = -1;
  for (let n = 0; n < lines; n++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return { head: text, hidden: 0 };
  }
  let hidden = 0;
  for (let i = at; i >= 0; i = text.indexOf('\n', i + 1)) hidden++;
  return { head: text.slice(0, at), hidden };
}
