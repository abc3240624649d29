/**
 * Text ⇄ definition. JSON keeps the user's indentation; YAML is read and written with the `yaml`
 * package. Parse failures come back as values, never exceptions, so the UI can keep the last
 * good graph while showing what is wrong with the text.
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { JsonValue } from './asl';

export type TextFormat = 'json' | 'yaml';

export type ParseResult =
  | { ok: true; value: JsonValue }
  | { ok: false; message: string; line?: number; column?: number; offset?: number };

export function formatOfFileName(name: string): TextFormat {
  return /\.ya?ml$/i.test(name) ? 'yaml' : 'json';
}

export function parseJson(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    if (lineColumn) return { ok: false, message, line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
    // Without a position (e.g. "Unexpected end of JSON input") the problem is at the end.
    const offset = position ? Number(position[1]) : text.length;
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { ok: false, message, line, column: offset - before.lastIndexOf('\n'), offset };
  }
}

export function parseText(text: string, format: TextFormat): ParseResult {
  if (format === 'json') return parseJson(text);
  try {
    return { ok: true, value: parseYaml(text) as JsonValue };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The indentation the text already uses (two spaces when it cannot tell). */
export function detectIndent(text: string): string {
  const match = /^([ \t]+)\S/m.exec(text);
  return match ? match[1] : '  ';
}

export function toJson(value: JsonValue, indent = '  '): string {
  return JSON.stringify(value, null, indent) + '\n';
}

export function toYaml(value: JsonValue): string {
  return stringifyYaml(value, { lineWidth: 0 });
}
