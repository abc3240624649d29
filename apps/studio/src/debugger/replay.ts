/**
 * The replay model: from a history (and the definition when there is one), what the graph shows
 * at every position of the timeline. Position N means "the first N events have happened"
 * (0 … events.length).
 *
 * Everything is computed once, in a few linear passes:
 *  1. attribution — each event is tied to a thread (the execution, a Map iteration, a Parallel
 *     branch) and to a state visit, following AWS's `previousEventId` links, which point into the
 *     iteration or branch an event belongs to even when concurrent ones interleave;
 *  2. per-visit status changes — with the whole visit in view, so a failed attempt that AWS
 *     retries later is 'retried', one that a Catch routes away is 'caught', and states still
 *     running when their iteration, branch or execution ended are 'aborted' (or 'failed' for the
 *     one the failure came from);
 *  3. per-position deltas — the status changes of each (state, thread) slot, bucketed by event.
 * A {@link ReplayCursor} then moves between positions by applying deltas forwards or backwards,
 * so scrubbing costs what changed, never a replay from the start.
 */
import { stateId as pointerStateId } from '../model/pointer';
import { enteredStateType, isAttemptStart, isExecutionEnd, isExited, isStateFailure } from './event-types';
import type { DebugEvent, ImportedHistory } from './history-import';
import { branchScope, classifyTransition, indexDefinition, mapProcessorScope, type DefinitionIndex, type StateInfo } from './definition-index';

export const STATE_STATUSES = ['not-started', 'running', 'succeeded', 'failed', 'caught', 'retried', 'aborted'] as const;
export type StateStatus = (typeof STATE_STATUSES)[number];
const S = { notStarted: 0, running: 1, succeeded: 2, failed: 3, caught: 4, retried: 5, aborted: 6 } as const;
const STATUS_COUNT = STATE_STATUSES.length;
/** Which status a state shows when its visits (across Map iterations) disagree: activity first, then trouble. */
const AGGREGATE_ORDER = [S.running, S.retried, S.failed, S.caught, S.aborted, S.succeeded];

export type ThreadKind = 'root' | 'iteration' | 'branch';

export interface ReplayThread {
  index: number;
  kind: ThreadKind;
  /** The Map or Parallel visit that owns the thread (-1 for the execution). */
  parentVisit: number;
  iteration?: number;
  branch?: number;
  /** Pointer of the definition scope whose states run in this thread. */
  scopeId: string;
  /** Event that began the thread (MapIterationStarted, the branch's first event; -1 for the root). */
  startEvent: number;
  /** Event that ended it (MapIteration*, the Parallel's outcome, the execution's end), -1 while open. */
  endEvent: number;
  outcome: 'running' | 'succeeded' | 'failed' | 'aborted';
  visits: number[];
  /** Slots (state × this thread) in order of first use. */
  slots: number[];
}

export interface Attempt {
  /** Event indices (-1 when absent). */
  scheduled: number;
  started: number;
  ended: number;
  outcome: 'running' | 'succeeded' | 'failed';
  error?: string;
  cause?: string;
  /** Back-off before this attempt: from the previous attempt's failure to this one's scheduling (ms). */
  waitBeforeMs?: number;
}

export interface StatusChange {
  at: number;
  status: StateStatus;
}

export interface Visit {
  index: number;
  stateId: string;
  name: string;
  /** Pass, Task, … (from the definition, else from the event type). */
  type: string;
  thread: number;
  /** Index of the Entered event. */
  entered: number;
  /** Index of the Exited event, -1 when the state never exited. */
  exited: number;
  /** Indices of every event attributed to this visit, in order. */
  events: number[];
  changes: StatusChange[];
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  attempts: Attempt[];
  assignedVariables?: Record<string, string>;
  /** Map iterations / Parallel branches this visit ran. */
  childThreads: number[];
  /** Map iterations by index. */
  iterations?: Map<number, number>;
  /** Parallel branches by index. */
  branches?: Map<number, number>;
}

export type TransitionKind = 'start' | 'next' | 'choice' | 'default' | 'catch' | 'end';

export interface Transition {
  /** Event index at which the transition happens (the target's Entered, or the source's Exited for 'end'). */
  at: number;
  thread: number;
  fromVisit: number;
  toVisit: number;
  /** State ids; `from` is undefined for 'start', `to` for 'end'. */
  from?: string;
  to?: string;
  kind?: TransitionKind;
  /** The studio graph's edge id when the definition names the transition. */
  edgeId?: string;
  /** Key to count by: the edge id, else `from->to`. */
  key: string;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

export interface ExecutionAt {
  status: ExecutionStatus;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
}

export interface ReplayOptions {
  /** The definition; without one the states and scopes are rebuilt from the history. */
  definition?: unknown;
}

export class ReplayModel {
  readonly events: readonly DebugEvent[];
  readonly definition?: unknown;
  readonly index: DefinitionIndex;
  readonly threads: ReplayThread[] = [];
  readonly visits: Visit[] = [];
  readonly transitions: Transition[] = [];
  /** Every state id seen (definition order first, then ones only the history knows). */
  readonly stateIds: string[] = [];
  readonly warnings: string[] = [];
  /** Per event: its thread and visit (-1 when the event belongs to no state, e.g. ExecutionStarted). */
  readonly eventThread: Int32Array;
  readonly eventVisit: Int32Array;
  /** Per event: index of the event its previousEventId names (-1 for none). */
  readonly previousIndex: Int32Array;
  /** Slot = (state, thread): the state's latest visit in that thread. */
  readonly slotState: number[] = [];
  readonly slotThread: number[] = [];
  readonly slotTimeline: StatusChange[][] = [];
  /** Deltas in CSR form: changes applied by event i are deltaSlot[deltaStart[i] … deltaStart[i+1]). */
  readonly deltaStart: Int32Array;
  readonly deltaSlot: Int32Array;
  readonly deltaFrom: Uint8Array;
  readonly deltaTo: Uint8Array;
  /** Per event: transitions it makes, CSR over `transitions` (sorted by `at`). */
  readonly transitionStart: Int32Array;
  /** Index of the execution's (last) end event, -1 when the history stops while it runs. */
  readonly endEvent: number = -1;
  /** Execution end events and ExecutionRedriven events, in order: a redriven run ends more than once. */
  private readonly lifecycle: number[] = [];

  private readonly stateNumber = new Map<string, number>();
  private readonly slotKey = new Map<string, number>();
  private readonly idToIndex = new Map<number, number>();
  private readonly openByName = new Map<string, number[]>();

  constructor(history: ImportedHistory | readonly DebugEvent[], options: ReplayOptions = {}) {
    const events = Array.isArray(history) ? (history as readonly DebugEvent[]) : (history as ImportedHistory).events;
    this.events = events;
    this.definition = options.definition ?? (Array.isArray(history) ? undefined : (history as ImportedHistory).definition);
    this.index = indexDefinition(this.definition);
    for (const id of this.index.byId.keys()) this.stateNumberOf(id);
    const n = events.length;
    this.eventThread = new Int32Array(n);
    this.eventVisit = new Int32Array(n).fill(-1);
    this.previousIndex = new Int32Array(n).fill(-1);
    this.threads.push(newThread(0, 'root', -1, '', -1));
    for (let i = 0; i < n; i++) {
      this.idToIndex.set(events[i].id, i);
      const prev = events[i].previousEventId;
      this.previousIndex[i] = prev > 0 ? (this.idToIndex.get(prev) ?? -1) : -1;
      this.attribute(i);
      if (isExecutionEnd(events[i].type)) (this as { endEvent: number }).endEvent = i;
      if (isExecutionEnd(events[i].type) || events[i].type === 'ExecutionRedriven') this.lifecycle.push(i);
    }
    for (const visit of this.visits) this.computeChanges(visit);
    this.closeUnfinished();
    this.classifyTransitions();
    const built = this.buildDeltas();
    this.deltaStart = built.start;
    this.deltaSlot = built.slot;
    this.deltaFrom = built.from;
    this.deltaTo = built.to;
    this.transitionStart = this.buildTransitionIndex();
  }

  get length(): number {
    return this.events.length;
  }

  // ───────────────────────── queries ─────────────────────────

  /** The execution as it stood after the first `position` events. */
  executionAt(position: number): ExecutionAt {
    const started = this.events[0]?.type === 'ExecutionStarted' ? this.events[0] : undefined;
    const result: ExecutionAt = { status: 'RUNNING', input: started ? str(started.details.input) : undefined };
    let last = -1;
    for (const i of this.lifecycle) if (i < position) last = i;
    if (last < 0 || this.events[last].type === 'ExecutionRedriven') return result;
    const end = this.events[last];
    const d = end.details;
    switch (end.type) {
      case 'ExecutionSucceeded':
        return { ...result, status: 'SUCCEEDED', output: str(d.output) };
      case 'ExecutionFailed':
        return { ...result, status: 'FAILED', error: str(d.error), cause: str(d.cause) };
      case 'ExecutionAborted':
        return { ...result, status: 'ABORTED', error: str(d.error), cause: str(d.cause) };
      default:
        return { ...result, status: 'TIMED_OUT', error: str(d.error), cause: str(d.cause) };
    }
  }

  /** A visit's status after `position` events. */
  visitStatusAt(visit: Visit, position: number): StateStatus {
    return statusIn(visit.changes, position);
  }

  /** The statuses of the states of one thread (a Map iteration, a Parallel branch) at `position`. */
  threadStatuses(thread: number, position: number): Map<string, StateStatus> {
    const result = new Map<string, StateStatus>();
    for (const slot of this.threads[thread].slots) {
      const status = statusIn(this.slotTimeline[slot], position);
      if (status !== 'not-started') result.set(this.stateIds[this.slotState[slot]], status);
    }
    return result;
  }

  /** The iterations of a Map visit, with their threads. */
  iterationsOf(mapVisit: number): { iteration: number; thread: number }[] {
    const iterations = this.visits[mapVisit]?.iterations;
    if (!iterations) return [];
    return [...iterations].map(([iteration, thread]) => ({ iteration, thread })).sort((a, b) => a.iteration - b.iteration);
  }

  /** Every visit of a state, in order. */
  visitsOf(stateId: string): Visit[] {
    return this.visits.filter((v) => v.stateId === stateId);
  }

  /** The event at `position - 1` is the one just applied: it and its visit are the focus. */
  focusAt(position: number): { event?: number; visit?: number; stateId?: string; thread: number } {
    if (position <= 0) return { thread: 0 };
    const event = Math.min(position, this.events.length) - 1;
    let visit = this.eventVisit[event];
    const thread = this.eventThread[event];
    // Iteration/branch events have no visit of their own: focus the Map/Parallel that owns them.
    if (visit < 0 && thread > 0) visit = this.threads[thread].parentVisit;
    return { event, visit: visit >= 0 ? visit : undefined, stateId: visit >= 0 ? this.visits[visit].stateId : undefined, thread };
  }

  /**
   * Variables in scope for a thread after `position` events: assignments of the thread itself, then
   * of the enclosing threads up to the moment this thread started (ASL gives iterations and
   * branches a child scope that sees the outer variables but not the siblings').
   */
  variablesAt(position: number, thread = 0): Record<string, unknown> {
    const chain: { thread: number; until: number }[] = [];
    let t = thread;
    let until = position;
    while (t >= 0) {
      chain.push({ thread: t, until });
      const th = this.threads[t];
      if (th.parentVisit < 0) break;
      until = Math.min(until, th.startEvent >= 0 ? th.startEvent : until);
      t = this.visits[th.parentVisit].thread;
    }
    const scope: Record<string, unknown> = {};
    for (let c = chain.length - 1; c >= 0; c--) {
      const { thread: ct, until: cu } = chain[c];
      for (const v of this.threads[ct].visits) {
        const visit = this.visits[v];
        if (visit.exited < 0 || visit.exited >= cu || !visit.assignedVariables) continue;
        for (const [name, text] of Object.entries(visit.assignedVariables)) scope[name] = parseMaybe(text);
      }
    }
    return scope;
  }

  /** Index of the first failure-like event at or after `from` (for "jump to next failure"), -1 if none. */
  nextFailure(from: number): number {
    for (let i = Math.max(0, from); i < this.events.length; i++) if (isFailureEvent(this.events[i].type)) return i;
    return -1;
  }

  /** Index of the last failure-like event before `before`, -1 if none. */
  previousFailure(before: number): number {
    for (let i = Math.min(before, this.events.length) - 1; i >= 0; i--) if (isFailureEvent(this.events[i].type)) return i;
    return -1;
  }

  /** Transitions taken in the first `position` events. */
  transitionsUntil(position: number): Transition[] {
    const end = this.transitionStart[Math.min(Math.max(position, 0), this.events.length)];
    return this.transitions.slice(0, end);
  }

  stateInfo(stateId: string): StateInfo | undefined {
    return this.index.byId.get(stateId);
  }

  /** A definition rebuilt from the history (states, their types and the transitions seen), for files without one. */
  inferDefinition(): Record<string, unknown> {
    return inferDefinitionFrom(this);
  }

  // ───────────────────────── pass 1: attribution ─────────────────────────

  private attribute(i: number): void {
    const event = this.events[i];
    const p = this.previousIndex[i];
    const ctxVisit = p >= 0 ? this.eventVisit[p] : -1;
    const ctxThread = p >= 0 ? this.eventThread[p] : 0;
    const type = event.type;
    const d = event.details;
    this.eventThread[i] = ctxThread;

    if (type === 'ExecutionRedriven') {
      // A redrive reopens the execution: its failed states run again after this event.
      this.eventThread[i] = 0;
      this.threads[0].endEvent = -1;
      this.threads[0].outcome = 'running';
      return;
    }
    if (type === 'ExecutionStarted' || isExecutionEnd(type)) {
      this.eventThread[i] = 0;
      if (isExecutionEnd(type)) this.endThread(0, i, type === 'ExecutionSucceeded' ? 'succeeded' : type === 'ExecutionAborted' ? 'aborted' : 'failed');
      return;
    }
    const enteredType = enteredStateType(type);
    if (enteredType) {
      this.enter(i, str(d.name) ?? '?', enteredType, p, ctxVisit, ctxThread);
      return;
    }
    if (type.startsWith('MapIteration')) {
      const name = str(d.name);
      const map = this.enclosing(ctxVisit, ctxThread, (v) => v.type === 'Map' && (name === undefined || v.name === name));
      const mapVisit = map >= 0 ? map : this.lastOpen(name);
      if (mapVisit < 0) return this.unattributed(i, `${type} #${event.id} names no Map state that is running`);
      const index = typeof d.index === 'number' ? d.index : -1;
      const visit = this.visits[mapVisit];
      visit.iterations ??= new Map();
      if (type === 'MapIterationStarted') {
        const info = this.index.byId.get(visit.stateId);
        const t = this.addThread('iteration', mapVisit, mapProcessorScope(visit.stateId, info?.state), i);
        this.threads[t].iteration = index;
        visit.iterations.set(index, t);
        this.eventThread[i] = t;
      } else {
        const t = visit.iterations.get(index);
        if (t === undefined) return this.unattributed(i, `${type} #${event.id} ends iteration ${index}, which never started`);
        this.eventThread[i] = t;
        this.endThread(t, i, type === 'MapIterationSucceeded' ? 'succeeded' : type === 'MapIterationFailed' ? 'failed' : 'aborted');
      }
      return;
    }
    let visit = -1;
    if (isExited(type)) {
      const name = str(d.name);
      visit = this.enclosing(ctxVisit, ctxThread, (v) => v.exited < 0 && v.name === name);
      if (visit < 0) visit = this.lastOpen(name);
    } else if (/^(Map|Parallel)State(Succeeded|Failed|Aborted)$/.test(type)) {
      const kind = type.startsWith('Map') ? 'Map' : 'Parallel';
      visit = this.enclosing(ctxVisit, ctxThread, (v) => v.exited < 0 && v.type === kind && !this.ended(v));
    } else if (type === 'EvaluationFailed' && typeof d.state === 'string') {
      const name = d.state;
      visit = this.enclosing(ctxVisit, ctxThread, (v) => v.exited < 0 && v.name === name);
      if (visit < 0) visit = this.lastOpen(name);
    } else {
      // Task work, MapStateStarted, MapRun*, ParallelStateStarted, *StateAborted: the visit the link points into.
      visit = ctxVisit >= 0 && this.visits[ctxVisit].exited < 0 ? ctxVisit : this.currentOf(ctxThread);
    }
    if (visit < 0) return this.unattributed(i, `${type} #${event.id} could not be tied to a state`);
    const v = this.visits[visit];
    this.eventVisit[i] = visit;
    this.eventThread[i] = v.thread;
    v.events.push(i);
    if (isExited(type)) {
      v.exited = i;
      v.output = str(d.output);
      if (d.assignedVariables && typeof d.assignedVariables === 'object') v.assignedVariables = d.assignedVariables as Record<string, string>;
      this.closeOpen(v);
    }
    if (/^(Map|Parallel)State(Succeeded|Failed|Aborted)$/.test(type)) {
      // Branches still running when the Parallel (or iterations when the Map) ends were stopped by it.
      const outcome = type.endsWith('Succeeded') ? 'succeeded' : type.endsWith('Failed') ? 'failed' : 'aborted';
      for (const t of v.childThreads) if (this.threads[t].endEvent < 0) this.endThread(t, i, outcome);
    }
  }

  private enter(i: number, name: string, enteredType: string, p: number, ctxVisit: number, ctxThread: number): void {
    const info = this.index.byName.get(name);
    let thread = ctxThread;
    const prevType = p >= 0 ? this.events[p].type : undefined;
    const parallel = prevType === 'ParallelStateStarted' ? ctxVisit : -1;
    if (info) {
      if (this.threads[thread].scopeId !== info.scopeId) thread = this.threadForScope(info, thread, parallel);
    } else if (parallel >= 0) {
      // No definition: every branch's first state links to ParallelStateStarted; number branches as they appear.
      const pv = this.visits[parallel];
      pv.branches ??= new Map();
      thread = this.branchThread(parallel, pv.branches.size, p);
    }
    const th = this.threads[thread];
    const id = info && info.scopeId === th.scopeId ? info.id : pointerStateId(th.scopeId, name);
    const visit: Visit = {
      index: this.visits.length, stateId: id, name, type: info?.type || enteredType, thread, entered: i, exited: -1,
      events: [i], changes: [], attempts: [], childThreads: [], input: str(this.events[i].details.input),
    };
    this.visits.push(visit);
    this.eventVisit[i] = visit.index;
    this.eventThread[i] = thread;
    const previous = th.visits.length > 0 ? th.visits[th.visits.length - 1] : -1;
    th.visits.push(visit.index);
    this.transitions.push({
      at: i, thread, fromVisit: previous, toVisit: visit.index,
      from: previous >= 0 ? this.visits[previous].stateId : undefined, to: id, key: '',
    });
    let list = this.openByName.get(name);
    if (!list) this.openByName.set(name, (list = []));
    list.push(visit.index);
    this.slotFor(this.stateNumberOf(id), thread);
  }

  /** The thread a state of another scope belongs to: a Parallel branch, an enclosing thread, or any open one. */
  private threadForScope(info: StateInfo, from: number, parallel: number): number {
    if (info.branch !== undefined) {
      const owner = parallel >= 0 && this.visits[parallel].stateId === info.ownerId
        ? parallel
        : this.enclosing(-1, from, (v) => v.stateId === info.ownerId && v.exited < 0);
      const ownerVisit = owner >= 0 ? owner : this.lastOpen(this.index.byId.get(info.ownerId ?? '')?.name);
      if (ownerVisit >= 0) return this.branchThread(ownerVisit, info.branch, -1);
    }
    for (let t: number = from; t >= 0; ) {
      if (this.threads[t].scopeId === info.scopeId) return t;
      const pv = this.threads[t].parentVisit;
      t = pv >= 0 ? this.visits[pv].thread : -1;
    }
    for (let t = this.threads.length - 1; t >= 0; t--) {
      if (this.threads[t].scopeId === info.scopeId && this.threads[t].endEvent < 0) return t;
    }
    this.warn(`State '${info.name}' was entered outside its ${info.ownerId ? 'branch or iteration' : 'scope'}; shown where the history links it.`);
    return from;
  }

  private branchThread(parallelVisit: number, branch: number, startEvent: number): number {
    const pv = this.visits[parallelVisit];
    pv.branches ??= new Map();
    const existing = pv.branches.get(branch);
    if (existing !== undefined && this.threads[existing].endEvent < 0) return existing;
    const t = this.addThread('branch', parallelVisit, branchScope(pv.stateId, branch), startEvent);
    this.threads[t].branch = branch;
    pv.branches.set(branch, t);
    return t;
  }

  private addThread(kind: ThreadKind, parentVisit: number, scopeId: string, startEvent: number): number {
    const t = this.threads.length;
    this.threads.push(newThread(t, kind, parentVisit, scopeId, startEvent));
    this.visits[parentVisit].childThreads.push(t);
    return t;
  }

  private endThread(t: number, at: number, outcome: ReplayThread['outcome']): void {
    const thread = this.threads[t];
    if (thread.endEvent >= 0) return;
    thread.endEvent = at;
    thread.outcome = outcome;
  }

  /** Walk out from a visit through its thread's owners until `match` holds; -1 when nothing does. */
  private enclosing(visit: number, thread: number, match: (v: Visit) => boolean): number {
    let v = visit;
    let t = thread;
    for (let guard = 0; guard < 1000; guard++) {
      if (v >= 0) {
        if (match(this.visits[v])) return v;
        t = this.visits[v].thread;
      } else {
        const cur = this.currentOf(t);
        if (cur >= 0 && match(this.visits[cur])) return cur;
      }
      if (t < 0) return -1;
      v = this.threads[t].parentVisit;
      if (v < 0) return -1;
    }
    return -1;
  }

  /** The thread's last visit when it has not exited yet. */
  private currentOf(thread: number): number {
    const visits = this.threads[thread]?.visits;
    if (!visits || visits.length === 0) return -1;
    const last = visits[visits.length - 1];
    return this.visits[last].exited < 0 ? last : -1;
  }

  private lastOpen(name: string | undefined): number {
    if (name === undefined) return -1;
    const list = this.openByName.get(name);
    return list && list.length > 0 ? list[list.length - 1] : -1;
  }

  private closeOpen(visit: Visit): void {
    const list = this.openByName.get(visit.name);
    if (!list) return;
    const at = list.lastIndexOf(visit.index);
    if (at >= 0) list.splice(at, 1);
  }

  private ended(v: Visit): boolean {
    return v.events.some((e) => /^(Map|Parallel)State(Succeeded|Aborted)$/.test(this.events[e].type));
  }

  /** The event stays in the table (tied to no state) and the replay says why. */
  private unattributed(_event: number, why: string): void {
    this.warn(why);
  }

  private warn(message: string): void {
    if (this.warnings.length < 50 && !this.warnings.includes(message)) this.warnings.push(message);
  }

  // ───────────────────────── pass 2: statuses ─────────────────────────

  private computeChanges(visit: Visit): void {
    const { events } = this;
    const changes = visit.changes;
    let status: number = S.notStarted;
    const set = (at: number, s: number) => {
      if (s === status) return;
      status = s;
      if (changes.length > 0 && changes[changes.length - 1].at === at) changes[changes.length - 1].status = STATE_STATUSES[s];
      else changes.push({ at, status: STATE_STATUSES[s] });
    };
    let attempt: Attempt | undefined;
    let lastFailureTime = NaN;
    for (let j = 0; j < visit.events.length; j++) {
      const k = visit.events[j];
      const ev = events[k];
      const type = ev.type;
      const d = ev.details;
      if (k === visit.entered) {
        set(k, visit.type === 'Fail' ? S.failed : S.running);
        if (visit.type === 'Fail') {
          const state = this.index.byId.get(visit.stateId)?.state;
          visit.error = str(state?.Error);
          visit.cause = str(state?.Cause);
        }
      } else if (isAttemptStart(type)) {
        attempt = { scheduled: k, started: -1, ended: -1, outcome: 'running' };
        if (!Number.isNaN(lastFailureTime) && !Number.isNaN(ev.time)) attempt.waitBeforeMs = ev.time - lastFailureTime;
        visit.attempts.push(attempt);
        set(k, S.running);
      } else if (/Started$/.test(type) && attempt && attempt.started < 0 && !/^(Map|Parallel)/.test(type)) {
        attempt.started = k;
      } else if (/^(Task|LambdaFunction|Activity)Succeeded$/.test(type)) {
        if (attempt) {
          attempt.ended = k;
          attempt.outcome = 'succeeded';
        }
      } else if (isStateFailure(type)) {
        visit.error = str(d.error);
        visit.cause = str(d.cause);
        lastFailureTime = ev.time;
        if (attempt && attempt.ended < 0) {
          attempt.ended = k;
          attempt.outcome = 'failed';
          attempt.error = visit.error;
          attempt.cause = visit.cause;
        }
        const next = j + 1 < visit.events.length ? events[visit.events[j + 1]].type : undefined;
        const retried = next !== undefined && (isAttemptStart(next) || next === 'MapStateStarted' || next === 'ParallelStateStarted');
        set(k, retried ? S.retried : visit.exited >= 0 ? S.caught : S.failed);
      } else if (type === 'MapStateStarted' || type === 'ParallelStateStarted') {
        set(k, S.running);
      } else if (isExited(type)) {
        if (status !== S.caught) set(k, S.succeeded);
      } else if (/StateAborted$/.test(type)) {
        set(k, S.aborted);
      }
    }
  }

  /**
   * States still running when their iteration, branch or the execution ended were stopped:
   * 'failed' if the failure came from them (the end event's link chain passes through them),
   * 'aborted' otherwise.
   */
  private closeUnfinished(): void {
    const origins = new Set<number>();
    for (const thread of this.threads) {
      if (thread.endEvent < 0 || !/(Failed|TimedOut)$/.test(this.events[thread.endEvent].type)) continue;
      let e = this.previousIndex[thread.endEvent];
      for (let steps = 0; e >= 0 && steps < 64; steps++, e = this.previousIndex[e]) {
        const v = this.eventVisit[e];
        if (v >= 0) origins.add(v);
      }
    }
    for (const visit of this.visits) {
      const last = visit.changes[visit.changes.length - 1]?.status;
      if (last !== 'running' && last !== 'retried') continue;
      const closing = this.closingEvent(visit.thread);
      if (closing < 0) continue;
      visit.changes.push({ at: Math.max(closing, visit.changes[visit.changes.length - 1].at), status: origins.has(visit.index) ? 'failed' : 'aborted' });
      dedupeLast(visit.changes);
    }
  }

  /** The event that ended a thread or, if it has none, the nearest enclosing one that ended. */
  private closingEvent(thread: number): number {
    for (let t = thread; t >= 0; ) {
      const th = this.threads[t];
      if (th.endEvent >= 0) return th.endEvent;
      if (th.parentVisit < 0) return -1;
      const owner = this.visits[th.parentVisit];
      // A Map/Parallel that exited (caught) ended its children too.
      if (owner.exited >= 0) return owner.exited;
      t = owner.thread;
    }
    return -1;
  }

  private classifyTransitions(): void {
    this.classifyEach();
    // A thread that succeeded left through its last state's End.
    const ends: Transition[] = [];
    for (const thread of this.threads) {
      const last = thread.visits[thread.visits.length - 1];
      if (last === undefined || thread.outcome !== 'succeeded') continue;
      const visit = this.visits[last];
      if (visit.exited < 0 || visit.changes.some((c) => c.status === 'caught')) continue;
      ends.push({ at: visit.exited, thread: thread.index, fromVisit: last, toVisit: -1, from: visit.stateId, kind: 'end', edgeId: `${visit.stateId}#end`, key: `${visit.stateId}#end` });
    }
    if (ends.length > 0) {
      this.transitions.push(...ends);
      this.transitions.sort((a, b) => a.at - b.at);
    }
    if (this.definition === undefined && this.visits.length > 0) {
      // No definition: label the transitions against the one rebuilt from the history, so the
      // path can be drawn on the graph the studio builds from it.
      (this as { index: DefinitionIndex }).index = indexDefinition(inferDefinitionFrom(this));
      this.classifyEach();
    }
  }

  private classifyEach(): void {
    for (const tr of this.transitions) {
      if (tr.kind === 'end') continue;
      if (tr.fromVisit < 0) {
        tr.kind = 'start';
        tr.edgeId = `${this.threads[tr.thread].scopeId}#start`;
      } else {
        const from = this.visits[tr.fromVisit];
        const caught = from.changes.some((c) => c.status === 'caught');
        const { kind, edgeId } = classifyTransition(this.index.byId.get(from.stateId), this.visits[tr.toVisit].name, caught);
        tr.kind = kind ?? (caught ? 'catch' : undefined);
        tr.edgeId = edgeId;
      }
      tr.key = tr.edgeId ?? `${tr.from ?? ''}->${tr.to ?? ''}`;
    }
  }

  // ───────────────────────── pass 3: deltas ─────────────────────────

  private stateNumberOf(id: string): number {
    let n = this.stateNumber.get(id);
    if (n === undefined) {
      n = this.stateIds.length;
      this.stateIds.push(id);
      this.stateNumber.set(id, n);
    }
    return n;
  }

  private slotFor(state: number, thread: number): number {
    const key = `${thread}:${state}`;
    let slot = this.slotKey.get(key);
    if (slot === undefined) {
      slot = this.slotState.length;
      this.slotState.push(state);
      this.slotThread.push(thread);
      this.slotTimeline.push([]);
      this.slotKey.set(key, slot);
      this.threads[thread].slots.push(slot);
    }
    return slot;
  }

  private buildDeltas(): { start: Int32Array; slot: Int32Array; from: Uint8Array; to: Uint8Array } {
    // A slot shows its latest visit; visits of one thread follow one another, so their changes concatenate.
    for (const visit of this.visits) {
      const slot = this.slotFor(this.stateNumber.get(visit.stateId)!, visit.thread);
      const timeline = this.slotTimeline[slot];
      for (const change of visit.changes) {
        if (timeline.length > 0 && timeline[timeline.length - 1].at >= change.at) {
          // Same event (or an out-of-order link): the later word wins.
          timeline[timeline.length - 1] = { at: timeline[timeline.length - 1].at, status: change.status };
        } else timeline.push(change);
      }
    }
    const n = this.events.length;
    const counts = new Int32Array(n + 1);
    let total = 0;
    for (const timeline of this.slotTimeline) for (const c of timeline) { counts[c.at]++; total++; }
    const start = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) start[i + 1] = start[i] + counts[i];
    const fill = start.slice(0, n);
    const slot = new Int32Array(total);
    const from = new Uint8Array(total);
    const to = new Uint8Array(total);
    this.slotTimeline.forEach((timeline, s) => {
      let previous: number = S.notStarted;
      for (const c of timeline) {
        const code = STATUS_CODE[c.status];
        const k = fill[c.at]++;
        slot[k] = s;
        from[k] = previous;
        to[k] = code;
        previous = code;
      }
    });
    return { start, slot, from, to };
  }

  private buildTransitionIndex(): Int32Array {
    const n = this.events.length;
    const start = new Int32Array(n + 1);
    let k = 0;
    for (let position = 0; position <= n; position++) {
      while (k < this.transitions.length && this.transitions[k].at < position) k++;
      start[position] = k;
    }
    return start;
  }
}

const STATUS_CODE: Record<StateStatus, number> = Object.fromEntries(STATE_STATUSES.map((s, i) => [s, i])) as Record<StateStatus, number>;

/**
 * A position on the timeline with the graph's state there. Moving applies the deltas between
 * the old and new positions (forwards or backwards), so stepping costs O(changes).
 */
export class ReplayCursor {
  private pos = 0;
  private readonly slotStatus: Uint8Array;
  private readonly counts: Int32Array;
  private readonly aggregate: Uint8Array;
  private readonly transitionCounts = new Map<string, number>();
  private readonly touched: Int32Array;
  private readonly isTouched: Uint8Array;
  private touchedCount = 0;
  private readonly stateNumbers: Map<string, number>;

  constructor(readonly model: ReplayModel, position = 0) {
    this.slotStatus = new Uint8Array(model.slotState.length);
    this.counts = new Int32Array(model.stateIds.length * STATUS_COUNT);
    this.aggregate = new Uint8Array(model.stateIds.length);
    this.touched = new Int32Array(model.stateIds.length);
    this.isTouched = new Uint8Array(model.stateIds.length);
    this.stateNumbers = new Map(model.stateIds.map((id, n) => [id, n]));
    this.seek(position);
  }

  get position(): number {
    return this.pos;
  }

  /** Move to `position` (clamped). Returns the ids of states whose shown status changed. */
  seek(position: number): string[] {
    const target = Math.max(0, Math.min(Math.trunc(position), this.model.length));
    // Scrubbing must not allocate per step (GC pauses are what drop frames), hence the reused stack.
    this.touchedCount = 0;
    const m = this.model;
    while (this.pos < target) {
      const i = this.pos;
      for (let k = m.deltaStart[i]; k < m.deltaStart[i + 1]; k++) this.apply(m.deltaSlot[k], m.deltaFrom[k], m.deltaTo[k]);
      for (let t = m.transitionStart[i]; t < m.transitionStart[i + 1]; t++) this.count(m.transitions[t].key, 1);
      this.pos++;
    }
    while (this.pos > target) {
      const i = this.pos - 1;
      for (let k = m.deltaStart[i + 1] - 1; k >= m.deltaStart[i]; k--) this.apply(m.deltaSlot[k], m.deltaTo[k], m.deltaFrom[k]);
      for (let t = m.transitionStart[i + 1] - 1; t >= m.transitionStart[i]; t--) this.count(m.transitions[t].key, -1);
      this.pos--;
    }
    const changed: string[] = [];
    for (let k = 0; k < this.touchedCount; k++) {
      const state = this.touched[k];
      this.isTouched[state] = 0;
      const after = this.aggregateOf(state);
      if (this.aggregate[state] !== after) {
        this.aggregate[state] = after;
        changed.push(m.stateIds[state]);
      }
    }
    return changed;
  }

  step(delta = 1): string[] {
    return this.seek(this.pos + delta);
  }

  /** A state's status across all its threads: running if any iteration runs it, else the worst outcome. */
  statusOf(stateId: string): StateStatus {
    const n = this.stateNumbers.get(stateId);
    return n === undefined ? 'not-started' : STATE_STATUSES[this.aggregate[n]];
  }

  /** Every state that has started, with its status. */
  statuses(): Map<string, StateStatus> {
    const result = new Map<string, StateStatus>();
    this.aggregate.forEach((s, n) => {
      if (s !== S.notStarted) result.set(this.model.stateIds[n], STATE_STATUSES[s]);
    });
    return result;
  }

  /** Transition keys (graph edge ids where known) taken so far, with how often. */
  takenTransitions(): ReadonlyMap<string, number> {
    return this.transitionCounts;
  }

  private apply(slot: number, from: number, to: number): void {
    const state = this.model.slotState[slot];
    this.slotStatus[slot] = to;
    const base = state * STATUS_COUNT;
    if (from !== S.notStarted) this.counts[base + from]--;
    if (to !== S.notStarted) this.counts[base + to]++;
    if (this.isTouched[state] === 0) {
      this.isTouched[state] = 1;
      this.touched[this.touchedCount++] = state;
    }
  }

  private aggregateOf(state: number): number {
    const base = state * STATUS_COUNT;
    for (const s of AGGREGATE_ORDER) if (this.counts[base + s] > 0) return s;
    return S.notStarted;
  }

  private count(key: string, delta: number): void {
    const n = (this.transitionCounts.get(key) ?? 0) + delta;
    if (n > 0) this.transitionCounts.set(key, n);
    else this.transitionCounts.delete(key);
  }
}

/** Build the model for an imported history (the definition from the file unless given). */
export function createReplay(history: ImportedHistory, definition?: unknown): ReplayModel {
  return new ReplayModel(history, { definition: definition ?? history.definition });
}

function isFailureEvent(type: string): boolean {
  return isStateFailure(type) || type === 'ExecutionFailed' || type === 'ExecutionTimedOut' || type === 'ExecutionAborted' || type === 'MapIterationFailed';
}

function newThread(index: number, kind: ThreadKind, parentVisit: number, scopeId: string, startEvent: number): ReplayThread {
  return { index, kind, parentVisit, scopeId, startEvent, endEvent: -1, outcome: 'running', visits: [], slots: [] };
}

function statusIn(changes: readonly StatusChange[], position: number): StateStatus {
  // Binary search for the last change applied before `position` (change at event i applies at i+1).
  let lo = 0;
  let hi = changes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (changes[mid].at < position) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? 'not-started' : changes[found].status;
}

function dedupeLast(changes: StatusChange[]): void {
  const n = changes.length;
  if (n >= 2 && changes[n - 2].at === changes[n - 1].at) changes.splice(n - 2, 1);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Recorded payloads are JSON text; show them as values where they parse. */
export function parseMaybe(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function inferDefinitionFrom(model: ReplayModel): Record<string, unknown> {
  // Scopes by pointer; each holds states by name with the Next seen most often.
  const scopes = new Map<string, { StartAt?: string; States: Record<string, Record<string, unknown>> }>();
  const scope = (id: string) => {
    let s = scopes.get(id);
    if (!s) scopes.set(id, (s = { States: {} }));
    return s;
  };
  for (const visit of model.visits) {
    const scopeId = model.threads[visit.thread].scopeId;
    const s = scope(scopeId);
    const state = (s.States[visit.name] ??= { Type: visit.type });
    if (visit.type === 'Map') state.ItemProcessor ??= scope(mapProcessorScope(visit.stateId, undefined));
    if (visit.type === 'Parallel') {
      const branches = (state.Branches ??= []) as unknown[];
      for (const [b] of visit.branches ?? []) branches[b] ??= scope(branchScope(visit.stateId, b));
    }
  }
  for (const tr of model.transitions) {
    const to = tr.toVisit >= 0 ? model.visits[tr.toVisit] : undefined;
    const s = scope(model.threads[tr.thread].scopeId);
    if (tr.kind === 'start' && to) s.StartAt ??= to.name;
    else if (tr.kind === 'end' && tr.fromVisit >= 0) {
      const state = s.States[model.visits[tr.fromVisit].name];
      if (state.Type !== 'Succeed' && state.Type !== 'Fail' && state.Next === undefined) state.End = true;
    } else if (tr.fromVisit >= 0 && to) {
      const from = s.States[model.visits[tr.fromVisit].name];
      if (!from) continue;
      if (tr.kind === 'catch' || model.visits[tr.fromVisit].changes.some((c) => c.status === 'caught')) {
        const catches = (from.Catch ??= []) as { ErrorEquals: string[]; Next: string }[];
        if (!catches.some((c) => c.Next === to.name)) catches.push({ ErrorEquals: ['States.ALL'], Next: to.name });
      } else if (from.Type === 'Choice') {
        const choices = (from.Choices ??= []) as { Next: string }[];
        if (!choices.some((c) => c.Next === to.name)) choices.push({ Next: to.name });
      } else if (from.Next === undefined) {
        from.Next = to.name;
        delete from.End;
      }
    }
  }
  const root = scope('');
  return { ...(root.StartAt !== undefined && { StartAt: root.StartAt }), States: root.States };
}
