/**
 * Formatting shared by the commands, so `stepwise validate` and `stepwise run` report the same
 * problem the same way: `file:line:col CODE message`, the shape editors and CI annotators parse.
 */
import type { Diagnostic } from '@stepwise/engine';

/** One diagnostic as `file:line:col CODE [warning: ]message[ (at /json/pointer)]`. */
export function formatDiagnostic(file: string, diagnostic: Pick<Diagnostic, 'severity' | 'code' | 'message' | 'location' | 'line' | 'column'>): string {
  const where = `${file}:${diagnostic.line ?? 1}:${diagnostic.column ?? 1}`;
  const severity = diagnostic.severity === 'WARNING' ? 'warning: ' : '';
  const pointer = diagnostic.location === '' ? '' : ` (at ${diagnostic.location})`;
  return `${where} ${diagnostic.code} ${severity}${diagnostic.message}${pointer}`;
}

/**
 * A duration for people: `0ms`, `250ms`, `1.5s`, `2m 3s`, `1d`, `1d 2h`, `1h 5s`. Virtual-time runs
 * show day-long waits next to millisecond tasks, so the unit adapts rather than padding to one.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(ms < 10_000 ? 2 : 1))}s`;
  let seconds = Math.round(ms / 1000);
  const days = Math.floor(seconds / 86_400);
  seconds -= days * 86_400;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const parts: [number, string][] = [[days, 'd'], [hours, 'h'], [minutes, 'm'], [seconds, 's']];
  // Only the units that are not zero: `1d 5s` reads better than `1d0h00m05s`.
  const shown = parts.filter(([value]) => value > 0).map(([value, unit]) => `${value}${unit}`);
  return shown.join(' ');
}

/**
 * Why JSON text did not parse, with line and column: Node's own message only gives an offset
 * ("... in JSON at position 17"), which is useless for a file.
 */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /at position (\d+)/.exec(message);
  const position = match ? Number(match[1]) : /end of JSON input/i.test(message) ? text.length : undefined;
  // Node 20 appends the offset and sometimes a snippet; we give the line and column instead.
  const reason = message
    .replace(/\s*(in JSON )?at position \d+.*$/s, '')
    // Node 20 quotes the whole text after an unexpected token: too long to show for a file.
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/^Unexpected end of JSON input$/, 'Unexpected end of input');
  if (position === undefined) return reason;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${reason} at line ${line}, column ${column}`;
}
