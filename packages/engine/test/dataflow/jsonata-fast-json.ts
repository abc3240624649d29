/** Shared by the fast path's tests: its answer against jsonata-js's, as the engine takes both. */
import { expect } from 'vitest';
import { toJsonResult } from '../../src/dataflow/jsonata-values.ts';

/**
 * The fast path's answer is the JSON the engine makes of jsonata's (toJsonResult): the same
 * structure and the same text, key order included, with no null-prototype object left in it.
 */
export function expectSameJson(fast: unknown, jsonataRaw: unknown, text: string): void {
  const reference = toJsonResult(jsonataRaw);
  if (reference.kind === 'undefined') {
    expect(fast, text).toBeUndefined();
    return;
  }
  expect(toJsonResult(fast), text).toEqual(reference);
  expect(JSON.stringify(fast), text).toBe(JSON.stringify(reference.kind === 'value' ? reference.value : undefined));
  expect(hasNullPrototype(fast), `${text}: a null-prototype object in the answer`).toBe(false);
}

function hasNullPrototype(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (!Array.isArray(value) && Object.getPrototypeOf(value) === null) return true;
  return Object.values(value).some(hasNullPrototype);
}
