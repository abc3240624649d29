/**
 * Invariants of a replay, checked at every position: each visit's status follows from its own
 * events (read the way a person reads a history), the cursor's aggregate equals a from-scratch
 * recomputation, and scrubbing backwards lands where scrubbing forwards does.
 */
import { expect } from 'vitest';
import { ReplayCursor, type ReplayModel, type StateStatus, type Visit } from '../../src/debugger/replay';
import { enteredStateType, isAttemptStart, isExited, isStateFailure } from '../../src/debugger/event-types';

export /** What a visit's status must be after `position` events, read straight off the visit's events. */
function expectedVisitStatus(model: ReplayModel, visit: Visit, position: number): StateStatus[] {
  const events = model.events;
  const seen = visit.events.filter((e) => e < position);
  if (seen.length === 0) return ['not-started'];
  if (visit.type === 'Fail') return ['failed'];
  const types = seen.map((e) => events[e].type);
  const allTypes = visit.events.map((e) => events[e].type);
  const failureRetriedLater = (k: number) => allTypes.slice(k + 1).some((t) => isAttemptStart(t) || t === 'MapStateStarted' || t === 'ParallelStateStarted');
  const lastFailure = allTypes.reduce((found, t, k) => (isStateFailure(t) ? k : found), -1);
  const caught = lastFailure >= 0 && !failureRetriedLater(lastFailure) && visit.exited >= 0;
  if (types.some(isExited)) return [caught ? 'caught' : 'succeeded'];
  if (types.some((t) => /StateAborted$/.test(t))) return ['aborted'];
  const k = types.length - 1;
  if (isStateFailure(types[k])) return [failureRetriedLater(k) ? 'retried' : caught ? 'caught' : 'failed'];
  // Still inside the visit: running, unless its iteration/branch/execution already ended.
  const closing = visit.changes[visit.changes.length - 1];
  if ((closing.status === 'aborted' || closing.status === 'failed') && closing.at < position && closing.at > seen[seen.length - 1]) {
    return ['aborted', 'failed'];
  }
  return ['running'];
}


export /** The graph's status of each state, recomputed from scratch: the worst of its threads' latest visits. */
function aggregateByThreads(model: ReplayModel, position: number): Map<string, StateStatus> {
  const order: StateStatus[] = ['running', 'retried', 'failed', 'caught', 'aborted', 'succeeded'];
  const byState = new Map<string, StateStatus[]>();
  for (const thread of model.threads) {
    for (const [id, status] of model.threadStatuses(thread.index, position)) {
      byState.set(id, [...(byState.get(id) ?? []), status]);
    }
  }
  const result = new Map<string, StateStatus>();
  for (const id of model.stateIds) {
    const statuses = byState.get(id);
    if (statuses) result.set(id, order.find((s) => statuses.includes(s))!);
  }
  return result;
}


/** Checks every position of a replay; returns the cursor left at the end. */
export function checkReplayInvariants(model: ReplayModel): ReplayCursor {
  const n = model.length;
  for (const visit of model.visits) {
    for (const e of visit.events) {
      const ev = model.events[e];
      if (enteredStateType(ev.type) || isExited(ev.type)) expect(ev.details.name).toBe(visit.name);
    }
  }
  const cursor = new ReplayCursor(model);
  for (let position = 0; position <= n; position++) {
    for (const visit of model.visits) {
      const actual = model.visitStatusAt(visit, position);
      expect(expectedVisitStatus(model, visit, position), `${visit.stateId} (visit ${visit.index}) at ${position}`).toContain(actual);
    }
    cursor.seek(position);
    expect(cursor.statuses()).toEqual(aggregateByThreads(model, position));
  }
  // Nothing is left running or waiting for a retry once the execution has ended.
  if (model.endEvent >= 0) {
    for (const [id, status] of cursor.statuses()) expect(['running', 'retried'], id).not.toContain(status);
  }
  const half = Math.floor(n / 2);
  const forward = new ReplayCursor(model, half).statuses();
  cursor.seek(half);
  expect(cursor.statuses()).toEqual(forward);
  cursor.seek(0);
  expect(cursor.statuses().size).toBe(0);
  expect(cursor.takenTransitions().size).toBe(0);
  cursor.seek(n);
  return cursor;
}
