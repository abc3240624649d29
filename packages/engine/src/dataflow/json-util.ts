/** Small helpers over JSON values used by the intrinsics. */
import type { Json } from '../json.ts';

/** Structural equality (object key order ignored), for ArrayContains and ArrayUnique. */
export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!Object.hasOwn(b, k) || !deepEqual(a[k], b[k])) return false;
  return true;
}

/**
 * How AWS renders a value inside States.Format: Java's toString of the parsed value.
 * Recorded: objects print as `{Arg1=1, Arg2=[]}`, strings without quotes, null as `null`.
 */
export function javaToString(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(javaToString).join(', ')}]`;
  return `{${Object.keys(v)
    .map((k) => `${k}=${javaToString(v[k])}`)
    .join(', ')}}`;
}
