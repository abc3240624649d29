/**
 * How the inspector's text boxes map to field values: numbers, JSONata `{% %}` strings, JSON
 * templates, and `null` for paths (which in ASL means "discard").
 */
import type { JsonValue } from './asl';
import { checkJsonata, checkJsonataValue, checkJsonPath } from './syntax';

export type Parsed = { ok: true; value: JsonValue | undefined } | { ok: false; message: string };

const isExpression = (text: string) => text.trim().startsWith('{%');

export function parseNumberOrExpression(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  if (isExpression(trimmed)) {
    const error = checkJsonata(trimmed);
    return error ? { ok: false, message: error } : { ok: true, value: trimmed };
  }
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return { ok: true, value: Number(trimmed) };
  return { ok: false, message: 'A number, or a JSONata expression in {% %}' };
}

/** An expression field: `{% … %}` text, JSON (objects, numbers …), or else a plain string. */
export function parseExpressionText(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  if (isExpression(trimmed)) {
    const error = checkJsonata(trimmed);
    return error ? { ok: false, message: error } : { ok: true, value: trimmed };
  }
  if (/^[[{"]/.test(trimmed) || /^(-?\d|true$|false$|null$)/.test(trimmed)) {
    try {
      const value = JSON.parse(trimmed) as JsonValue;
      const error = checkJsonataValue(value);
      return error ? { ok: false, message: error } : { ok: true, value };
    } catch (e) {
      if (/^[[{"]/.test(trimmed)) return { ok: false, message: e instanceof Error ? e.message : 'invalid JSON' };
    }
  }
  return { ok: true, value: text };
}

export function formatExpression(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') {
    // A string that would read back as something else is shown quoted.
    return parseExpressionText(value).ok && (parseExpressionText(value) as { value: unknown }).value === value ? value : JSON.stringify(value);
  }
  return JSON.stringify(value, null, 2);
}

export function parsePathText(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  if (trimmed === 'null') return { ok: true, value: null };
  const error = checkJsonPath(trimmed);
  return error ? { ok: false, message: error } : { ok: true, value: trimmed };
}

export function formatPath(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  return value === null ? 'null' : String(value);
}
