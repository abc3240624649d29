/**
 * Finds where a JSON pointer lives in JSON text, so diagnostics that only carry a pointer can still
 * be underlined in the code pane. A small scanner, not a parser: it assumes the text is valid JSON
 * (it is only called on text that parsed).
 */
import { parsePointer } from './pointer';

export interface TextRange { from: number; to: number }

export function locatePointer(text: string, pointer: string): TextRange | undefined {
  const target = parsePointer(pointer);
  let pos = 0;
  const ws = () => { while (pos < text.length && /\s/.test(text[pos])) pos++; };
  const skipString = () => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const skipValue = (): void => {
    ws();
    const c = text[pos];
    if (c === '"') { skipString(); return; }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      pos++;
      ws();
      if (text[pos] === close) { pos++; return; }
      for (;;) {
        if (c === '{') { ws(); skipString(); ws(); pos++; }
        skipValue();
        ws();
        if (text[pos] === ',') { pos++; continue; }
        pos++;
        return;
      }
    }
    while (pos < text.length && !/[\s,\]}]/.test(text[pos])) pos++;
  };
  /** Descends into the value at `pos`; returns the range of the key (or value) matching `depth`. */
  let keyRange: TextRange | undefined;
  for (let depth = 0; depth <= target.length; depth++) {
    ws();
    const valueStart = pos;
    if (depth === target.length) {
      skipValue();
      // Underline the key and the start of the value for containers, the whole value for scalars.
      if (keyRange && text[valueStart] !== '{' && text[valueStart] !== '[') return { from: keyRange.from, to: pos };
      return keyRange ?? { from: valueStart, to: pos };
    }
    const segment = target[depth];
    const c = text[pos];
    if (c === '{') {
      pos++;
      let found = false;
      for (;;) {
        ws();
        if (text[pos] === '}') break;
        const keyStart = pos;
        const key = skipString();
        const keyEnd = pos;
        ws(); pos++; // colon
        if (key === segment) { keyRange = { from: keyStart, to: keyEnd }; found = true; break; }
        skipValue();
        ws();
        if (text[pos] === ',') pos++;
      }
      if (!found) return keyRange;
    } else if (c === '[') {
      pos++;
      const index = Number(segment);
      let found = false;
      for (let i = 0; ; i++) {
        ws();
        if (text[pos] === ']') break;
        if (i === index) { found = true; keyRange = undefined; break; }
        skipValue();
        ws();
        if (text[pos] === ',') pos++;
      }
      if (!found) return keyRange;
    } else {
      return keyRange;
    }
  }
  return keyRange;
}

/** The exact range of the value at a pointer (for rewriting it in place), or undefined. */
export function locateValue(text: string, pointer: string): TextRange | undefined {
  const key = locatePointer(text, pointer);
  if (!key) return undefined;
  // locatePointer returns the key (or key + scalar value); the value starts after the colon.
  let pos = key.from;
  if (text[pos] === '"' && pointer !== '') {
    // A string followed by a colon is the key; otherwise it is the value itself (an array item).
    let after = endOfValue(text, pos)!;
    while (/\s/.test(text[after] ?? '')) after++;
    if (text[after] === ':') {
      pos = after + 1;
      while (/\s/.test(text[pos] ?? '')) pos++;
    }
  }
  const end = endOfValue(text, pos);
  return end === undefined ? undefined : { from: pos, to: end };
}

function endOfValue(text: string, start: number): number | undefined {
  const c = text[start];
  if (c === '"') {
    let pos = start + 1;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    return pos + 1;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let pos = start; pos < text.length; pos++) {
      const ch = text[pos];
      if (ch === '"') { pos++; while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1; continue; }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') { depth--; if (depth === 0) return pos + 1; }
    }
    return undefined;
  }
  let pos = start;
  while (pos < text.length && !/[\s,\]}]/.test(text[pos])) pos++;
  return pos;
}

/** Line and column (1-based) → offset. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + Math.max(column - 1, 0), text.length);
}
