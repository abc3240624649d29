/** Shared by the fast path's tests: its results, as the engine takes them, against jsonata's. */
import { expect } from 'vitest';
import type { JsonataResult } from '../../src/dataflow/jsonata-values.ts';

/**
 * The same JSON text as jsonata's converted result (-0 inside a bound value may stay -0, as any
 * value the engine shares does: JSON writes both 0), and nothing in it with a null prototype.
 */
export function expectSameJson(fast: JsonataResult, reference: JsonataResult, text: string): void {
  expect(fast.kind, text).toBe(reference.kind);
  if (fast.kind !== 'value' || reference.kind !== 'value') return;
  expect(JSON.stringify(fast.value), text).toBe(JSON.stringify(reference.value));
  expect(hasNullPrototype(fast.value), `${text}: a null-prototype object left in the result`).toBe(false);
}

function hasNullPrototype(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (!Array.isArray(value) && Object.getPrototypeOf(value) === null) return true;
  return Object.values(value).some(hasNullPrototype);
}
