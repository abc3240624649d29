/** Which kept runs count for coverage: those of the machine on the canvas (same definition text). */
import type { RunSummary } from '../debugger/runs-store';

export function sameMachine(a: unknown, b: unknown): boolean {
  return a !== undefined && b !== undefined && canonical(a) === canonical(b);
}

/** Key order does not make two machines different. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export function coverageCandidates(runs: readonly RunSummary[], limit = 200): RunSummary[] {
  return runs.slice(0, limit);
}
