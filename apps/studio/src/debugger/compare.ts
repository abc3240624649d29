/**
 * Comparing two runs of the same machine: each run's path as a list of steps (state visits, in
 * the order they began, labelled with the iteration/branch they ran in), and the first point
 * where the runs part: a different state taken, the same state ending differently, or the same
 * state producing a different output. Steps are matched per thread (execution, iteration N,
 * branch N), so concurrent iterations that interleave differently do not count as divergence.
 */
import type { ReplayModel, StateStatus } from './replay';
import { parseMaybe } from './replay';

export interface PathStep {
  visit: number;
  stateId: string;
  name: string;
  /** '' for the execution, else e.g. "Fan out[3]" or "Both branch 2" (nested with ' › '). */
  lane: string;
  /** Position of the step within its lane. */
  ordinal: number;
  status: StateStatus;
  output?: string;
  error?: string;
}

export type DivergenceReason = 'state' | 'status' | 'output' | 'missing' | 'execution-output' | 'execution-status';

export interface Divergence {
  reason: DivergenceReason;
  lane: string;
  ordinal: number;
  /** Index into each run's steps (undefined where that run has no such step). */
  left?: number;
  right?: number;
  message: string;
}

export interface RunComparison {
  left: PathStep[];
  right: PathStep[];
  /** The first divergence in the left run's order, undefined when the runs agree. */
  divergence?: Divergence;
  sameOutcome: boolean;
}

export function pathOf(model: ReplayModel): PathStep[] {
  const lanes: string[] = [];
  for (const thread of model.threads) {
    if (thread.parentVisit < 0) {
      lanes[thread.index] = '';
      continue;
    }
    const owner = model.visits[thread.parentVisit];
    const ownerOrdinal = model.threads[owner.thread].visits.indexOf(owner.index);
    // The owner's ordinal keeps a Map visited twice (in a loop) apart.
    const here = thread.kind === 'iteration' ? `${owner.name}#${ownerOrdinal}[${thread.iteration}]` : `${owner.name}#${ownerOrdinal} branch ${(thread.branch ?? 0) + 1}`;
    lanes[thread.index] = lanes[owner.thread] ? `${lanes[owner.thread]} › ${here}` : here;
  }
  return model.visits.map((visit) => ({
    visit: visit.index, stateId: visit.stateId, name: visit.name, lane: lanes[visit.thread],
    ordinal: model.threads[visit.thread].visits.indexOf(visit.index),
    status: visit.changes[visit.changes.length - 1]?.status ?? 'not-started',
    output: visit.output, error: visit.error,
  }));
}

export function compareRuns(left: ReplayModel, right: ReplayModel): RunComparison {
  const a = pathOf(left);
  const b = pathOf(right);
  const key = (s: PathStep) => `${s.lane}\u0000${s.ordinal}`;
  const rightByKey = new Map(b.map((s, i) => [key(s), i]));
  const leftKeys = new Set(a.map(key));
  let divergence: Divergence | undefined;
  for (let i = 0; i < a.length && !divergence; i++) {
    const s = a[i];
    const j = rightByKey.get(key(s));
    const where = `${s.lane ? `${s.lane}, ` : ''}step ${s.ordinal + 1}`;
    if (j === undefined) {
      divergence = { reason: 'missing', lane: s.lane, ordinal: s.ordinal, left: i, message: `${where}: only the first run reaches ${s.name}.` };
    } else if (b[j].stateId !== s.stateId) {
      divergence = { reason: 'state', lane: s.lane, ordinal: s.ordinal, left: i, right: j, message: `${where}: ${s.name} in the first run, ${b[j].name} in the second.` };
    } else if (b[j].status !== s.status) {
      divergence = { reason: 'status', lane: s.lane, ordinal: s.ordinal, left: i, right: j, message: `${where}: ${s.name} ${s.status} in the first run, ${b[j].status} in the second.` };
    } else if (!sameJson(s.output, b[j].output)) {
      divergence = { reason: 'output', lane: s.lane, ordinal: s.ordinal, left: i, right: j, message: `${where}: ${s.name} produced different output.` };
    }
  }
  if (!divergence) {
    const extra = b.findIndex((s) => !leftKeys.has(key(s)));
    if (extra >= 0) {
      const s = b[extra];
      divergence = { reason: 'missing', lane: s.lane, ordinal: s.ordinal, right: extra, message: `${s.lane ? `${s.lane}, ` : ''}step ${s.ordinal + 1}: only the second run reaches ${s.name}.` };
    }
  }
  const ea = left.executionAt(left.length);
  const eb = right.executionAt(right.length);
  const sameOutcome = ea.status === eb.status && sameJson(ea.output, eb.output) && ea.error === eb.error;
  if (!divergence && !sameOutcome) {
    divergence = ea.status !== eb.status
      ? { reason: 'execution-status', lane: '', ordinal: -1, message: `The first run ${ea.status}, the second ${eb.status}.` }
      : { reason: 'execution-output', lane: '', ordinal: -1, message: 'The runs ended with different output.' };
  }
  return { left: a, right: b, divergence, sameOutcome };
}

/** Recorded payloads are JSON text whose spacing and key order may differ: compare as values. */
function sameJson(x: string | undefined, y: string | undefined): boolean {
  if (x === y) return true;
  if (x === undefined || y === undefined) return false;
  return canonical(parseMaybe(x)) === canonical(parseMaybe(y));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
