/**
 * The event recorder: ids, previousEventId links and details in the shape of AWS
 * `GetExecutionHistory`. Payloads are kept as values and turned into JSON text only when an
 * event is read, so a run that nobody inspects pays nothing for serialisation.
 */
import type { Clock } from './clock.ts';
import type { Json } from './json.ts';
import { StatesError, StatesErrors } from './errors.ts';

export type HistoryEventType =
  | 'ExecutionStarted' | 'ExecutionSucceeded' | 'ExecutionFailed' | 'ExecutionAborted' | 'ExecutionTimedOut'
  | 'PassStateEntered' | 'PassStateExited'
  | 'TaskStateEntered' | 'TaskStateExited' | 'TaskStateAborted'
  | 'ChoiceStateEntered' | 'ChoiceStateExited'
  | 'WaitStateEntered' | 'WaitStateExited' | 'WaitStateAborted'
  | 'SucceedStateEntered' | 'SucceedStateExited'
  | 'FailStateEntered'
  | 'ParallelStateEntered' | 'ParallelStateExited' | 'ParallelStateStarted' | 'ParallelStateSucceeded' | 'ParallelStateFailed' | 'ParallelStateAborted'
  | 'MapStateEntered' | 'MapStateExited' | 'MapStateStarted' | 'MapStateSucceeded' | 'MapStateFailed' | 'MapStateAborted'
  | 'MapIterationStarted' | 'MapIterationSucceeded' | 'MapIterationFailed' | 'MapIterationAborted'
  | 'MapRunStarted' | 'MapRunSucceeded' | 'MapRunFailed' | 'MapRunAborted'
  | 'TaskScheduled' | 'TaskStarted' | 'TaskStartFailed' | 'TaskSubmitted' | 'TaskSubmitFailed' | 'TaskSucceeded' | 'TaskFailed' | 'TaskTimedOut'
  | 'LambdaFunctionScheduled' | 'LambdaFunctionScheduleFailed' | 'LambdaFunctionStarted' | 'LambdaFunctionStartFailed'
  | 'LambdaFunctionSucceeded' | 'LambdaFunctionFailed' | 'LambdaFunctionTimedOut'
  | 'ActivityScheduled' | 'ActivityStarted' | 'ActivitySucceeded' | 'ActivityFailed' | 'ActivityTimedOut'
  | 'EvaluationFailed';

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
/** Events per chunk (a power of two); small chunks measured fastest. */
const EVENTS_PER_CHUNK = 64;
/** Slots per event in a chunk: type, state name, payload or details, previous event id. */
const SLOTS = 4;
const EMPTY_CHUNK: unknown[] = [];

/**
 * An Exited event's output with the variables its state assigned, stored in the output's slot.
 * Most states assign nothing; kept elsewhere (a Map, a holey array by event index) the few that
 * do cost a tenth of a JSONata loop's time.
 */
class AssignedOutput {
  constructor(
    readonly output: Json,
    readonly assigned: ReadonlyArray<[string, Json]>,
  ) {}
}

class EventColumns {
  length = 0;
  /**
   * Four references per event: its type; the state's name (Entered/Exited) or undefined; the
   * state's input or output, or the event's details; and the previous event's id (a small
   * integer, stored without allocating). Kept in small fixed-size chunks rather than one growing
   * array: a chunk is usually filled while it is still young, so storing references to young
   * payloads into it costs no old-to-new write barrier, and nothing large is ever copied to
   * grow. One growing array made these stores a third of a Choice loop's time; typed arrays
   * for the ids and times cost an off-heap allocation each time they grew.
   */
  private readonly chunks: unknown[][] = [];
  private chunk: unknown[] = EMPTY_CHUNK;
  /**
   * Event times as runs: the index of the first event of each run and the run's time. Events
   * mostly share their time with the one before (always under a virtual clock, and within a
   * millisecond of real time), so a run is far fewer than one number per event.
   */
  private readonly runStarts: number[] = [];
  private readonly runTimes: number[] = [];
  private lastTime = NaN;
  private readonly materialised: (HistoryEvent | undefined)[] = [];

  push(previous: number, time: number, type: HistoryEventType, name: string | undefined, payloadOrDetails: unknown): number {
    const index = this.length;
    if (time !== this.lastTime) {
      this.runStarts.push(index);
      this.runTimes.push(time);
      this.lastTime = time;
    }
    const offset = (index & (EVENTS_PER_CHUNK - 1)) * SLOTS;
    if (offset === 0) this.chunks.push((this.chunk = new Array<unknown>(EVENTS_PER_CHUNK * SLOTS).fill(undefined)));
    const chunk = this.chunk;
    chunk[offset] = type;
    chunk[offset + 1] = name;
    chunk[offset + 2] = payloadOrDetails;
    chunk[offset + 3] = previous;
    this.length = index + 1;
    return index + 1;
  }

  /** The event with this id (1-based), as AWS returns it; built once, then kept. */
  event(id: number): HistoryEvent {
    const index = id - 1;
    const known = this.materialised[index];
    if (known) return known;
    const chunk = this.chunks[Math.floor(index / EVENTS_PER_CHUNK)];
    const offset = (index & (EVENTS_PER_CHUNK - 1)) * SLOTS;
    const type = chunk[offset] as HistoryEventType;
    const name = chunk[offset + 1] as string | undefined;
    const value = chunk[offset + 2];
    const event: HistoryEvent = { timestamp: isoTime(this.timeOf(index)), type, id, previousEventId: chunk[offset + 3] as number };
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
  /** A state's …StateEntered event. */
  recordEntered(type: HistoryEventType, thread: EventThread, name: string, input: Json): number;
  /** A state's …StateExited event, with the variables it assigned. */
  recordExited(type: HistoryEventType, thread: EventThread, name: string, output: Json, assigned?: ReadonlyArray<[string, Json]>): number;
  /** A MapIteration… event (`{ index, name }` details), kept without a details object: a Map of 100,000 items records 200,000 of them. */
  recordIteration(type: IterationEventType, thread: EventThread, index: number, mapName: string, previous?: number, advance?: boolean): number;
}

export type IterationEventType = 'MapIterationStarted' | 'MapIterationSucceeded' | 'MapIterationFailed' | 'MapIterationAborted';
const ITERATION_EVENTS: ReadonlySet<string> = new Set<IterationEventType>(['MapIterationStarted', 'MapIterationSucceeded', 'MapIterationFailed', 'MapIterationAborted']);

/** Where the events of a Distributed Map's child executions go: they are not in the parent's history. */
export const DISCARDED_EVENTS: EventSink = { record: () => 0, recordEntered: () => 0, recordExited: () => 0, recordIteration: () => 0 };

export class HistoryRecorder implements EventSink {
  private readonly events = new EventColumns();
  /**
   * Who is told of each event as it is recorded, or undefined when nobody watches. Telling
   * means materialising the event (its payloads serialised to JSON text) at once; unwatched,
   * an event stays a value until the history is read.
   */
  private watcher: ((event: HistoryEvent) => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly options: HistoryOptions,
  ) {}

  get length(): number {
    return this.events.length;
  }

  /**
   * Record an event on a thread. `previous` overrides the link when AWS points an event
   * somewhere other than the thread's last event; `advance: false` leaves the thread where it
   * was (AWS links the next event past some summary events, such as MapIterationSucceeded).
   */
  record(type: HistoryEventType, thread: EventThread, details?: RawDetails, previous?: number, advance = true): number {
    this.checkLimit(type);
    return this.stored(this.events.push(previous ?? thread.last, this.clock.now(), type, undefined, details), thread, advance);
  }

  recordEntered(type: HistoryEventType, thread: EventThread, name: string, input: Json): number {
    this.checkLimit(type);
    return this.stored(this.events.push(thread.last, this.clock.now(), type, name, input), thread, true);
  }

  recordExited(type: HistoryEventType, thread: EventThread, name: string, output: Json, assigned?: ReadonlyArray<[string, Json]>): number {
    this.checkLimit(type);
    const payload = assigned && assigned.length > 0 ? new AssignedOutput(output, assigned) : output;
    return this.stored(this.events.push(thread.last, this.clock.now(), type, name, payload), thread, true);
  }

  recordIteration(type: IterationEventType, thread: EventThread, index: number, mapName: string, previous?: number, advance = true): number {
    this.checkLimit(type);
    return this.stored(this.events.push(previous ?? thread.last, this.clock.now(), type, mapName, index), thread, advance);
  }

  private checkLimit(type: HistoryEventType): void {
    if (this.events.length >= this.options.maxEvents && !isClosingEvent(type)) {
      throw new StatesError(StatesErrors.Runtime, `The execution reached the limit of ${this.options.maxEvents} history events.`);
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

function stateDetails(type: HistoryEventType, name: string, payload: Json | undefined, assigned: ReadonlyArray<[string, Json]> | undefined): Record<string, unknown> {
  const text = JSON.stringify(payload ?? null);
  if (type.endsWith('Entered')) return { input: text, inputDetails: NOT_TRUNCATED, name };
  const details: Record<string, unknown> = { name, output: text, outputDetails: NOT_TRUNCATED };
  if (assigned && assigned.length > 0) {
    const assignedVariables: Record<string, string> = {};
    for (const [variable, value] of assigned) assignedVariables[variable] = JSON.stringify(value);
    details.assignedVariables = assignedVariables;
    details.assignedVariablesDetails = NOT_TRUNCATED;
  }
  return details;
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
