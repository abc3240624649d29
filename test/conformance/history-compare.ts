/**
 * Field-by-field comparison of a recorded AWS history with ours: ids, previousEventId, types
 * and every detail field. JSON text fields are compared as parsed JSON (the corpus re-serialised
 * them); recording placeholders (`<region>`, `<uuid:1>`, `snf_role_arn`, …) match anything.
 */
import type { HistoryEvent } from '@stepwise/engine';

const PLACEHOLDER = /<[^<>\s"]{1,60}>|snf_role_arn|111111111111|\bdate\b|\btimestamp\b/g;
/** Detail fields whose value is about the recording's environment, not the machine's behaviour. */
const ENVIRONMENT_FIELDS = new Set(['roleArn', 'region', 'resource', 'mapRunArn', 'taskCredentials']);

export function compareHistories(expected: HistoryEvent[], actual: HistoryEvent[]): string | undefined {
  if (expected.length !== actual.length) return `history has ${actual.length} events, AWS recorded ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e.type !== a.type) return `event ${i + 1}: type ${a.type}, expected ${e.type}`;
    if (e.id !== a.id || e.previousEventId !== a.previousEventId) {
      return `event ${i + 1} (${e.type}): id/previousEventId ${a.id}/${a.previousEventId}, expected ${e.id}/${e.previousEventId}`;
    }
    const key = Object.keys(e).find((k) => k.endsWith('EventDetails'));
    const actualKey = Object.keys(a).find((k) => k.endsWith('EventDetails'));
    const ed = (key ? e[key as keyof HistoryEvent] : undefined) as Record<string, unknown> | undefined;
    const ad = (actualKey ? a[actualKey as keyof HistoryEvent] : undefined) as Record<string, unknown> | undefined;
    if (isEmpty(ed) !== isEmpty(ad) || (key && actualKey && key !== actualKey)) return `event ${i + 1} (${e.type}): details ${actualKey ?? 'none'}, expected ${key ?? 'none'}`;
    if (!ed || !ad) continue;
    for (const field of new Set([...Object.keys(ed), ...Object.keys(ad)])) {
      if (ENVIRONMENT_FIELDS.has(field)) continue;
      if (!valuesMatch(ed[field], ad[field])) {
        return `event ${i + 1} (${e.type}).${field}: ${short(ad[field])}, expected ${short(ed[field])}`;
      }
    }
  }
  return undefined;
}

function isEmpty(details: Record<string, unknown> | undefined): boolean {
  return !details || Object.keys(details).length === 0;
}

function valuesMatch(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'string' && typeof actual === 'string') {
    if (expected === actual) return true;
    const e = tryParse(expected);
    const a = tryParse(actual);
    if (e.ok && a.ok && typeof e.value === 'object' && e.value !== null) return deepMatch(e.value, a.value);
    return stringMatch(expected, actual);
  }
  return deepMatch(expected, actual);
}

function deepMatch(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'string' && typeof actual === 'string') return valuesMatch(expected, actual);
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((v, i) => deepMatch(v, actual[i]));
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const ek = Object.keys(expected);
    const ak = Object.keys(actual);
    return ek.length === ak.length && ek.every((k) => k in actual && deepMatch((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]));
  }
  return expected === actual;
}

function stringMatch(expected: string, actual: string): boolean {
  if (!PLACEHOLDER.test(expected)) return false;
  PLACEHOLDER.lastIndex = 0;
  const pattern = expected
    .split(PLACEHOLDER)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*?');
  return new RegExp(`^${pattern}$`, 's').test(actual);
}

function tryParse(text: string): { ok: boolean; value?: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
