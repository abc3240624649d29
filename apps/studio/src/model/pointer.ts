/**
 * JSON pointers (RFC 6901) are the studio's addresses: a state's id is the pointer to it in the
 * definition, so the validator's diagnostic locations map onto graph nodes without a lookup table.
 */
import { isObject, type JsonValue } from './asl';

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function toPointer(segments: readonly string[]): string {
  return segments.map((s) => '/' + escapeSegment(s)).join('');
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapeSegment);
}

/** The id of a state: the pointer of its scope followed by `/States/<name>`. */
export function stateId(scopeId: string, name: string): string {
  return `${scopeId}/States/${escapeSegment(name)}`;
}

export function getAt(root: unknown, segments: readonly string[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

/**
 * Returns a copy of `root` with the value at `segments` replaced (or removed when `value` is
 * undefined). Only the objects on the path are copied, so untouched states keep their identity —
 * the React side relies on that to skip re-rendering them. Key order is preserved.
 */
export function setAt(root: JsonValue, segments: readonly string[], value: JsonValue | undefined): JsonValue {
  if (segments.length === 0) {
    if (value === undefined) throw new Error('cannot remove the root');
    return value;
  }
  const [head, ...rest] = segments;
  if (Array.isArray(root)) {
    const index = Number(head);
    const copy = root.slice();
    if (rest.length === 0 && value === undefined) copy.splice(index, 1);
    else copy[index] = setAt(copy[index] ?? {}, rest, value);
    return copy;
  }
  const source = isObject(root) ? root : {};
  if (rest.length === 0 && value === undefined) {
    const { [head]: _removed, ...others } = source;
    return others;
  }
  return { ...source, [head]: setAt(source[head] ?? {}, rest, value) };
}
