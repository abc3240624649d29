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
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return javaNumberToString(v);
  if (Array.isArray(v)) return `[${v.map(javaToString).join(', ')}]`;
  return `{${Object.keys(v)
    .map((k) => `${k}=${javaToString(v[k])}`)
    .join(', ')}}`;
}

/**
 * Java's rendering of a parsed JSON number: integers print plainly (Jackson reads them as
 * int/long), other numbers as Double.toString does — plain between 10^-3 and 10^7, otherwise
 * `1.0E-7` / `1.5E10` style.
 */
export function javaNumberToString(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 });
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) return String(n);
  const [mantissa, exponent] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}
