/**
 * Drilling into one Map iteration or Parallel branch: the states of its scope show that thread's
 * statuses and transitions only (instead of the combination over every iteration).
 */
import type { ReplayModel, StateStatus, Visit } from '../debugger/replay';

const inScope = (id: string, scopeId: string) => id.startsWith(`${scopeId}/`) || id === `${scopeId}#start`;

export function drillStatuses(model: ReplayModel, base: ReadonlyMap<string, StateStatus>, thread: number, position: number): Map<string, StateStatus> {
  const scopeId = model.threads[thread].scopeId;
  const result = new Map<string, StateStatus>();
  for (const [id, s] of base) if (!inScope(id, scopeId)) result.set(id, s);
  for (const [id, s] of model.threadStatuses(thread, position)) result.set(id, s);
  return result;
}

export function drillTaken(model: ReplayModel, base: ReadonlySet<string>, thread: number, position: number): Set<string> {
  const scopeId = model.threads[thread].scopeId;
  const result = new Set<string>();
  for (const key of base) if (!inScope(key, scopeId)) result.add(key);
  for (const t of model.transitionsUntil(position)) if (t.thread === thread) result.add(t.key);
  return result;
}

/** A label for the drilled thread: "Resize each image › iteration 3". */
export function threadLabel(model: ReplayModel, thread: number): string {
  const th = model.threads[thread];
  const owner = model.visits[th.parentVisit];
  return th.kind === 'iteration' ? `${owner?.name ?? 'Map'} › iteration ${th.iteration}` : `${owner?.name ?? 'Parallel'} › branch ${(th.branch ?? 0) + 1}`;
}

/** The visit of a state the panel should show: in the drilled thread if any, else the latest one started by `position`. */
export function visitForState(model: ReplayModel, stateId: string, position: number, thread?: number): number | undefined {
  const visits = visitsOfState(model, stateId);
  if (visits.length === 0) return undefined;
  const pool = thread !== undefined ? visits.filter((v) => v.thread === thread) : visits;
  const list = pool.length > 0 ? pool : visits;
  let pick = list[0];
  for (const v of list) if (v.entered < position) pick = v;
  return pick.index;
}

const byState = new WeakMap<ReplayModel, Map<string, Visit[]>>();

/** A state's visits in order, indexed once per model (the model's own lookup scans every visit). */
export function visitsOfState(model: ReplayModel, stateId: string): Visit[] {
  let index = byState.get(model);
  if (!index) {
    index = new Map();
    for (const v of model.visits) {
      const list = index.get(v.stateId);
      if (list) list.push(v);
      else index.set(v.stateId, [v]);
    }
    byState.set(model, index);
  }
  return index.get(stateId) ?? [];
}
