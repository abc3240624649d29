/**
 * The event recorder: ids, previousEventId links and details in the shape of AWS
 * `GetExecutionHistory`. Payloads are kept as values and turned into JSON text only when an
 * event is read, so a run that nobody inspects pays nothing for serialisation.
 */
import type { Clock } from './clock.ts';
import type { Json, JsonObject } from './json.ts';
import { StatesError, StatesErrors } from './errors.ts';

/** Every event type these states record; an event stores its type as its index here. */
const EVENT_TYPES = [
  'ExecutionStarted', 'ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut',
  'PassStateEntered', 'PassStateExited', 'TaskStateEntered', 'TaskStateExited', 'TaskStateAborted',
  'ChoiceStateEntered', 'ChoiceStateExited', 'WaitStateEntered', 'WaitStateExited', 'WaitStateAborted',
  'SucceedStateEntered', 'SucceedStateExited', 'FailStateEntered', 'ParallelStateEntered',
  'ParallelStateExited', 'ParallelStateStarted', 'ParallelStateSucceeded', 'ParallelStateFailed',
  'ParallelStateAborted', 'MapStateEntered', 'MapStateExited', 'MapStateStarted', 'MapStateSucceeded',
  'MapStateFailed', 'MapStateAborted', 'MapIterationStarted', 'MapIterationSucceeded', 'MapIterationFailed',
  'MapIterationAborted', 'MapRunStarted', 'MapRunSucceeded', 'MapRunFailed', 'MapRunAborted',
  'TaskScheduled', 'TaskStarted', 'TaskStartFailed', 'TaskSubmitted', 'TaskSubmitFailed', 'TaskSucceeded',
  'TaskFailed', 'TaskTimedOut', 'LambdaFunctionScheduled', 'LambdaFunctionScheduleFailed',
  'LambdaFunctionStarted', 'LambdaFunctionStartFailed', 'LambdaFunctionSucceeded', 'LambdaFunctionFailed',
  'LambdaFunctionTimedOut', 'ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded', 'ActivityFailed',
  'ActivityTimedOut', 'EvaluationFailed',
] as const;

export type HistoryEventType = (typeof EVENT_TYPES)[number];

const TYPE_IDS = new Map<HistoryEventType, number>(EVENT_TYPES.map((type, id) => [type, id]));
/** Bits of an event's kind that hold its type (the rest hold its state name's number). */
const TYPE_BITS = 7;

/**
 * An event's type and state name as one small integer (see {@link EventNames}): what a state's
 * Entered and Exited events carry is worked out once, not looked up per event.
 */
export function eventKind(type: HistoryEventType, nameId: number): number {
  return TYPE_IDS.get(type)! | nameBits(nameId);
}

/** A state name's number where an event kind holds it: `eventKind(type, 0) | nameBits(id)` is `eventKind(type, id)`. */
export function nameBits(nameId: number): number {
  return nameId << TYPE_BITS;
}

/**
 * The state names of one machine's events, each numbered once, when the machine is compiled:
 * an event then stores a number, in a typed array the garbage collector never has to trace,
 * instead of a reference to the name.
 */
export class EventNames {
  private readonly names: string[] = [''];
  private readonly ids = new Map<string, number>();

  /** The name's number (from 1; 0 is "no name"). */
  intern(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.push(name) - 1;
      this.ids.set(name, id);
    }
    return id;
  }

  nameOf(id: number): string | undefined {
    return id === 0 ? undefined : this.names[id];
  }
}

export interface PayloadDetails {
  truncated: boolean;
}

/** One event as AWS returns it: `…EventDetails` under the key its type names. */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  /** ISO-8601 time of the event (the clock's time, virtual or real). */
  timestamp: string;
  type: HistoryEventType;
  [detailsKey: `${string}EventDetails`]: Record<string, unknown> | undefined;
}

/** The document `aws stepfunctions get-execution-history` prints. */
export interface ExecutionHistoryDocument {
  events: HistoryEvent[];
}

type RawDetails = Record<string, unknown>;

/**
 * Events as recorded, column by column: payloads stay values (shared with the execution, never
 * copied) and become JSON text only when an event is read. Columns rather than an object per
 * event, because a large Map records hundreds of thousands of events that all live as long as
 * the execution, and each object would be garbage the collector must keep copying.
 */
/** Payload slots per chunk (a power of two); small chunks measured fastest. */
const EVENTS_PER_CHUNK = 64;
/** Events per chunk of kinds and links (two int32 each: 32 KiB), a power of two. */
const EVENTS_PER_INT_CHUNK = 4096;
/** Events whose kinds and links are kept in a plain array first (see `head`). */
const HEAD_EVENTS = 256;
const EMPTY_INT_CHUNK = new Int32Array(0);
const EMPTY_CHUNK: unknown[] = [];

/**
 * An Exited event's output with the variables its state assigned, stored in the output's slot.
 * Most states assign nothing; kept elsewhere (a Map, a holey array by event index) the few that
 * do cost a tenth of a JSONata loop's time.
 */
class AssignedOutput {
  constructor(
    readonly output: Json,
    readonly assigned: JsonObject,
  ) {}
}

class EventColumns {
  length = 0;
  /**
   * Each event's payload — the state's input or output, or the event's details — in small
   * fixed-size chunks of references rather than one growing array: a chunk is usually filled
   * while it is still young, so storing references to young payloads into it costs no
   * old-to-new write barrier, and nothing large is ever copied to grow (one growing array made
   * these stores a third of a Choice loop's time).
   */
  private readonly payloadChunks: unknown[][] = [];
  private payloads: unknown[] = EMPTY_CHUNK;
  /**
   * Each event's kind (type and state name, see {@link eventKind}) and previous event id, as
   * int32 pairs: numbers the collector never traces or copies. With them as references beside
   * the payload, the history's chunks were four times the size, and a Map of 100,000 items spent
   * a fifth more time. The first HEAD_EVENTS pairs are in a plain array of small integers instead:
   * a typed array over 64 bytes keeps its memory outside V8's heap, and allocating, accounting
   * and freeing that cost more than a small execution's whole run (a 32 KiB chunk per execution
   * tripled a three-state one; a growing typed array cost each execution of ten events or more
   * a fifth).
   */
  private readonly head: number[] = [];
  private readonly intChunks: Int32Array[] = [];
  private ints: Int32Array = EMPTY_INT_CHUNK;
  /**
   * Event times as runs: the index of the first event of each run and the run's time. Events
   * mostly share their time with the one before (always under a virtual clock, and within a
   * millisecond of real time), so a run is far fewer than one number per event.
   */
  private readonly runStarts: number[] = [];
  private readonly runTimes: number[] = [];
  private lastTime = NaN;
  private readonly materialised: (HistoryEvent | undefined)[] = [];

  constructor(private readonly names: EventNames) {}

  push(previous: number, time: number, kind: number, payloadOrDetails: unknown): number {
    const index = this.length;
    if (time !== this.lastTime) {
      this.runStarts.push(index);
      this.runTimes.push(time);
      this.lastTime = time;
    }
    const slot = index & (EVENTS_PER_CHUNK - 1);
    if (slot === 0) this.payloadChunks.push((this.payloads = new Array<unknown>(EVENTS_PER_CHUNK).fill(undefined)));
    this.payloads[slot] = payloadOrDetails;
    if (index < HEAD_EVENTS) {
      this.head.push(kind, previous);
    } else {
      const pair = ((index - HEAD_EVENTS) & (EVENTS_PER_INT_CHUNK - 1)) * 2;
      if (pair === 0) this.intChunks.push((this.ints = new Int32Array(EVENTS_PER_INT_CHUNK * 2)));
      this.ints[pair] = kind;
      this.ints[pair + 1] = previous;
    }
    this.length = index + 1;
    return index + 1;
  }

  /** The event with this id (1-based), as AWS returns it; built once, then kept. */
  event(id: number): HistoryEvent {
    const index = id - 1;
    const known = this.materialised[index];
    if (known) return known;
    const value = this.payloadChunks[Math.floor(index / EVENTS_PER_CHUNK)][index & (EVENTS_PER_CHUNK - 1)];
    const rest = index - HEAD_EVENTS;
    const ints: ArrayLike<number> = rest < 0 ? this.head : this.intChunks[Math.floor(rest / EVENTS_PER_INT_CHUNK)];
    const pair = rest < 0 ? index * 2 : (rest & (EVENTS_PER_INT_CHUNK - 1)) * 2;
    const kind = ints[pair];
    const type = EVENT_TYPES[kind & ((1 << TYPE_BITS) - 1)];
    const name = this.names.nameOf(kind >>> TYPE_BITS);
    const event: HistoryEvent = { timestamp: isoTime(this.timeOf(index)), type, id, previousEventId: ints[pair + 1] };
    if (ITERATION_EVENTS.has(type)) {
      // Stored compactly by recordIteration: the Map's name, and the index as a plain number.
      event[detailsKeyOf(type) as `${string}EventDetails`] = { index: value as number, name };
    } else if (name !== undefined) {
      event[detailsKeyOf(type) as `${string}EventDetails`] =
        value instanceof AssignedOutput ? stateDetails(type, name, value.output, value.assigned) : stateDetails(type, name, value as Json, undefined);
    } else if (value) {
      const details: Record<string, unknown> = {};
      for (const key in value as RawDetails) {
        const field = (value as RawDetails)[key];
        if (field === undefined) continue;
        details[key] = JSON_TEXT_FIELDS.has(key) ? JSON.stringify(field) : field;
      }
      event[detailsKeyOf(type) as `${string}EventDetails`] = details;
    }
    this.materialised[index] = event;
    return event;
  }

  /** The time of the event at `index`: the time of the last run starting at or before it. */
  private timeOf(index: number): number {
    const starts = this.runStarts;
    // Watchers read the newest event: its run is the last one.
    let low = 0;
    let high = starts.length - 1;
    if (starts[high] <= index) return this.runTimes[high];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= index) low = middle;
      else high = middle - 1;
    }
    return this.runTimes[low];
  }
}

/** Detail fields that AWS records as JSON text: given as values, serialised when read. */
const JSON_TEXT_FIELDS = new Set(['input', 'output', 'parameters']);

/** A line of events that follow one another: the execution itself, a Parallel branch, a Map iteration. */
export interface EventThread {
  last: number;
}

export interface HistoryOptions {
  /** Most events an execution may record; AWS's limit is 25,000. `Infinity` turns it off. */
  maxEvents: number;
}

export const DEFAULT_MAX_HISTORY_EVENTS = 25_000;

export interface EventSink {
  record(type: HistoryEventType, thread: EventThread, details?: RawDetails, previous?: number, advance?: boolean): number;
  /** A state's …StateEntered event; `kind` is its type and the state's name (see {@link eventKind}). */
  recordEntered(kind: number, thread: EventThread, input: Json): number;
  /** A state's …StateExited event, with the variables it assigned. */
  recordExited(kind: number, thread: EventThread, output: Json, assigned?: JsonObject): number;
  /**
   * A MapIteration… event (`{ index, name }` details; `kind` holds the Map's name), kept without a
   * details object: a Map of 100,000 items records 200,000 of them.
   */
  recordIteration(kind: number, thread: EventThread, index: number, previous?: number, advance?: boolean): number;
}

export type IterationEventType = 'MapIterationStarted' | 'MapIterationSucceeded' | 'MapIterationFailed' | 'MapIterationAborted';
const ITERATION_EVENTS: ReadonlySet<string> = new Set<IterationEventType>(['MapIterationStarted', 'MapIterationSucceeded', 'MapIterationFailed', 'MapIterationAborted']);

/** Where the events of a Distributed Map's child executions go: they are not in the parent's history. */
export const DISCARDED_EVENTS: EventSink = { record: () => 0, recordEntered: () => 0, recordExited: () => 0, recordIteration: () => 0 };

export class HistoryRecorder implements EventSink {
  private readonly events: EventColumns;
  /**
   * Who is told of each event as it is recorded, or undefined when nobody watches. Telling
   * means materialising the event (its payloads serialised to JSON text) at once; unwatched,
   * an event stays a value until the history is read.
   */
  private watcher: ((event: HistoryEvent) => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly options: HistoryOptions,
    names: EventNames,
  ) {
    this.events = new EventColumns(names);
  }

  get length(): number {
    return this.events.length;
  }

  /**
   * Record an event on a thread. `previous` overrides the link when AWS points an event
   * somewhere other than the thread's last event; `advance: false` leaves the thread where it
   * was (AWS links the next event past some summary events, such as MapIterationSucceeded).
   */
  record(type: HistoryEventType, thread: EventThread, details?: RawDetails, previous?: number, advance = true): number {
    this.checkLimit(isClosingEvent(type));
    return this.stored(this.events.push(previous ?? thread.last, this.clock.now(), eventKind(type, 0), details), thread, advance);
  }

  recordEntered(kind: number, thread: EventThread, input: Json): number {
    this.checkLimit(false);
    return this.stored(this.events.push(thread.last, this.clock.now(), kind, input), thread, true);
  }

  recordExited(kind: number, thread: EventThread, output: Json, assigned?: JsonObject): number {
    this.checkLimit(false);
    const payload = assigned && hasMembers(assigned) ? new AssignedOutput(output, assigned) : output;
    return this.stored(this.events.push(thread.last, this.clock.now(), kind, payload), thread, true);
  }

  recordIteration(kind: number, thread: EventThread, index: number, previous?: number, advance = true): number {
    this.checkLimit(false);
    return this.stored(this.events.push(previous ?? thread.last, this.clock.now(), kind, index), thread, advance);
  }

  /**
   * The event limit. As on AWS (an endless loop's history, floci-io/floci #2734), the event that
   * reaches it is the execution's failure: the states may record one fewer, and the cause names
   * no state. The closing event of an execution is always recorded.
   */
  private checkLimit(closing: boolean): void {
    if (this.events.length >= this.options.maxEvents - 1 && !closing) {
      const error = new StatesError(StatesErrors.Runtime, `The execution reached the maximum number of history events (${this.options.maxEvents}).`);
      error.reported = true;
      throw error;
    }
  }

  private stored(id: number, thread: EventThread, advance: boolean): number {
    if (advance) thread.last = id;
    if (this.watcher) this.watcher(this.events.event(id));
    return id;
  }

  /** Tell `watcher` of every event recorded from now on (undefined: tell nobody). */
  watch(watcher: ((event: HistoryEvent) => void) | undefined): void {
    this.watcher = watcher;
  }

  /** The full history, as AWS returns it. */
  list(): HistoryEvent[] {
    return this.since(0);
  }

  /** Events after the given id (for watchers that poll). */
  since(afterId: number): HistoryEvent[] {
    const events: HistoryEvent[] = [];
    for (let id = afterId + 1; id <= this.events.length; id++) events.push(this.events.event(id));
    return events;
  }
}

function isClosingEvent(type: HistoryEventType): boolean {
  return type === 'ExecutionFailed' || type === 'ExecutionSucceeded' || type === 'ExecutionAborted' || type === 'ExecutionTimedOut';
}

const DETAILS_KEY: Partial<Record<HistoryEventType, string>> = {};

/** The `…EventDetails` key AWS uses for an event type, e.g. PassStateEntered → stateEnteredEventDetails. */
export function detailsKeyOf(type: HistoryEventType): string {
  const known = DETAILS_KEY[type];
  if (known) return known;
  let key: string;
  const stateEvent = /^(Pass|Task|Choice|Wait|Succeed|Fail|Parallel|Map)State(Entered|Exited)$/.exec(type);
  if (stateEvent) key = `state${stateEvent[2]}EventDetails`;
  else key = `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
  DETAILS_KEY[type] = key;
  return key;
}

function stateDetails(type: HistoryEventType, name: string, payload: Json | undefined, assigned: JsonObject | undefined): Record<string, unknown> {
  const text = JSON.stringify(payload ?? null);
  if (type.endsWith('Entered')) return { input: text, inputDetails: NOT_TRUNCATED, name };
  const details: Record<string, unknown> = { name, output: text, outputDetails: NOT_TRUNCATED };
  // Only an AssignedOutput passes `assigned`, and recordExited makes one only for assignments.
  if (assigned) {
    const assignedVariables: Record<string, string> = {};
    for (const variable in assigned) assignedVariables[variable] = JSON.stringify(assigned[variable]);
    details.assignedVariables = assignedVariables;
    details.assignedVariablesDetails = NOT_TRUNCATED;
  }
  return details;
}

function hasMembers(object: JsonObject): boolean {
  for (const _ in object) return true;
  return false;
}

let lastTime = NaN;
let lastTimeText = '';

/** ISO-8601 text of an event time; runs of events share one time (always, under a virtual clock), so the last is kept. */
function isoTime(time: number): string {
  if (time !== lastTime) {
    lastTimeText = new Date(time).toISOString();
    lastTime = time;
  }
  return lastTimeText;
}

export const NOT_TRUNCATED: PayloadDetails = Object.freeze({ truncated: false }) as PayloadDetails;
