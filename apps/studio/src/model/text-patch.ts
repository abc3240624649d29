/**
 * Keeps the user's formatting when the graph or the inspector edits the definition: instead of
 * re-serialising the whole document, find the smallest subtree that changed (edits share
 * structure, so unchanged subtrees are identical objects) and rewrite only its text. The result is
 * checked by parsing it back; anything surprising falls back to a full, cleanly indented rewrite.
 */
import { isObject, type JsonValue } from './asl';
import { locateValue } from './json-locate';
import { toPointer } from './pointer';
import { detectIndent, toJson } from './serialize';

/** The path to the one subtree holding every difference between `before` and `after`. */
export function changedSubtree(before: JsonValue, after: JsonValue): string[] {
  const path: string[] = [];
  let a: JsonValue = before;
  let b: JsonValue = after;
  for (;;) {
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      const other: JsonValue[] = b;
      const differing = a.flatMap((item, i) => (item === other[i] ? [] : [i]));
      if (differing.length !== 1) return path;
      path.push(String(differing[0]));
      a = a[differing[0]];
      b = other[differing[0]];
      continue;
    }
    if (isObject(a) && isObject(b)) {
      const keysA = Object.keys(a);
      const keysB = Object.keys(b);
      if (keysA.length !== keysB.length || keysA.some((k, i) => k !== keysB[i])) return path;
      const differing = keysA.filter((k) => a && (a as Record<string, JsonValue>)[k] !== (b as Record<string, JsonValue>)[k]);
      if (differing.length !== 1) return path;
      path.push(differing[0]);
      a = a[differing[0]];
      b = b[differing[0]];
      continue;
    }
    return path;
  }
}

function sameJson(x: unknown, y: unknown): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

/** The new text for `after`, rewriting as little of `text` (which holds `before`) as it can. */
export function patchText(text: string, before: JsonValue, after: JsonValue): string {
  const indent = detectIndent(text);
  const path = changedSubtree(before, after);
  if (path.length > 0) {
    const range = locateValue(text, toPointer(path));
    if (range) {
      let value: JsonValue = after;
      for (const segment of path) value = Array.isArray(value) ? value[Number(segment)] : (value as Record<string, JsonValue>)[segment];
      const lineStart = text.lastIndexOf('\n', range.from - 1) + 1;
      const leading = /^[ \t]*/.exec(text.slice(lineStart))![0];
      const serialised = JSON.stringify(value, null, indent).replace(/\n/g, '\n' + leading);
      const patched = text.slice(0, range.from) + serialised + text.slice(range.to);
      try {
        if (sameJson(JSON.parse(patched), after)) return patched;
      } catch {
        // fall through to the full rewrite
      }
    }
  }
  return toJson(after, indent);
}
