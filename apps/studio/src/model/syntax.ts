/**
 * Quick syntax checks for the inspector's expression fields, so a typo shows while typing rather
 * than only after validation: JSONata through the jsonata parser, JSONPath with a shape check.
 */
import jsonata from 'jsonata';

/** An error message, or undefined when the JSONata expression parses. `{% %}` is optional. */
export function checkJsonata(text: string): string | undefined {
  const match = /^\{%([\s\S]*)%\}$/.exec(text.trim());
  const expression = match ? match[1] : text;
  try {
    jsonata(expression);
    return undefined;
  } catch (error) {
    const e = error as { message?: string; position?: number };
    return e.position !== undefined ? `${e.message} (at ${e.position})` : (e.message ?? 'invalid JSONata');
  }
}

/** An error message, or undefined when the path is a plausible JSONPath / reference path. */
export function checkJsonPath(text: string): string | undefined {
  if (!/^\$\$?(?=$|[.[])/.test(text)) return 'A path starts with $ (or $$ for the context object)';
  let depth = 0;
  let quote: string | null = null;
  for (const c of text) {
    if (quote) { if (c === quote) quote = null; continue; }
    if (c === "'" || c === '"') quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth < 0) return 'Unbalanced ]';
  }
  if (quote) return 'Unclosed quote';
  if (depth !== 0) return 'Unclosed [';
  if (/\.\.\.|\.$/.test(text)) return 'A path cannot end with or repeat dots';
  return undefined;
}

/** Checks a JSON value whose strings may be JSONata (`{% %}`); returns the first problem found. */
export function checkJsonataValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim().startsWith('{%') ? checkJsonata(value) : undefined;
  if (Array.isArray(value)) { for (const v of value) { const e = checkJsonataValue(v); if (e) return e; } return undefined; }
  if (value && typeof value === 'object') { for (const v of Object.values(value)) { const e = checkJsonataValue(v); if (e) return e; } }
  return undefined;
}
