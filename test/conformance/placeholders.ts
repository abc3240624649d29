/**
 * The corpus keeps the placeholders LocalStack's snapshot tool wrote over values an engine
 * cannot reproduce (ARNs, ids, timestamps). Where a case lists them in `normalized`, they
 * match anything; so does an ISO-8601 timestamp against the word `date`.
 */
import type { Json } from '@stepwise/engine';
import { isDeepStrictEqual } from 'node:util';

export function matchesWithPlaceholders(expected: Json | undefined, actual: Json | undefined, tokens: readonly string[]): boolean {
  if (tokens.length === 0) return isDeepStrictEqual(expected, actual);
  return matchValue(expected ?? null, actual ?? null, tokens);
}

function matchValue(expected: Json, actual: Json, tokens: readonly string[]): boolean {
  if (typeof expected === 'string' && typeof actual === 'string') return stringMatches(expected, actual, tokens);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matchValue(e, actual[i], tokens));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = Object.keys(expected);
    return keys.length === Object.keys(actual).length && keys.every((k) => k in actual && matchValue(expected[k], actual[k], tokens));
  }
  return expected === actual;
}

export function stringMatches(expected: string, actual: string, tokens: readonly string[]): boolean {
  if (expected === actual) return true;
  const wildcards = [...tokens, 'date'];
  if (!wildcards.some((t) => expected.includes(t))) return false;
  let pattern = '';
  let rest = expected;
  while (rest.length) {
    const hit = wildcards
      .map((t) => ({ t, i: rest.indexOf(t) }))
      .filter((h) => h.i >= 0)
      .sort((a, b) => a.i - b.i)[0];
    if (!hit) {
      pattern += escape(rest);
      break;
    }
    pattern += escape(rest.slice(0, hit.i)) + '.*?';
    rest = rest.slice(hit.i + hit.t.length);
  }
  return new RegExp(`^${pattern}$`, 's').test(actual);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
