/**
 * Reading an execution history someone exported: what `aws stepfunctions get-execution-history`
 * prints (`{"events": [...]}`, ids ascending, or descending with `--reverse-order`), a bare
 * array of events, or an export that wraps the events with the execution's details (the console's
 * download, Stepwise's own export: `events` beside `definition`, `stateMachineArn`, `input`, ...).
 *
 * The importer never throws anything but {@link HistoryImportError}, whose message names the
 * problem in words a user can act on; oddities that do not stop a replay are warnings.
 */
import { KNOWN_EVENT_TYPES } from './event-types';

/** One event, normalised: details found once, the time parsed once (NaN when unknown). */
export interface DebugEvent {
  id: number;
  previousEventId: number;
  type: string;
  /** As recorded: ISO text or epoch seconds (the AWS CLI prints either). */
  timestamp: string | number;
  /** Epoch milliseconds, NaN when the timestamp is missing or unreadable. */
  time: number;
  /** The event's `…EventDetails` object ({} when it has none). */
  details: Record<string, unknown>;
  /** The key the details were under, kept so an export writes them back the same way. */
  detailsKey?: string;
}

export interface ImportedHistory {
  events: DebugEvent[];
  /** The state machine definition when the file carried one (object; JSON text is parsed). */
  definition?: unknown;
  executionArn?: string;
  stateMachineArn?: string;
  name?: string;
  format: 'cli' | 'array' | 'export';
  warnings: string[];
}

export class HistoryImportError extends Error {
  constructor(
    message: string,
    /** Where in the text, for JSON syntax errors (0-based offset, 1-based line/column). */
    readonly location?: { offset: number; line: number; column: number },
    /** Which event, for problems with one event (0-based index in the file). */
    readonly eventIndex?: number,
  ) {
    super(message);
    this.name = 'HistoryImportError';
  }
}

export type ImportResult = { ok: true; history: ImportedHistory } | { ok: false; error: HistoryImportError };

/** Like {@link importHistory} but returns the error: the page keeps what is open when a file is bad. */
export function tryImportHistory(source: string | unknown): ImportResult {
  try {
    return { ok: true, history: importHistory(source) };
  } catch (error) {
    if (error instanceof HistoryImportError) return { ok: false, error };
    return { ok: false, error: new HistoryImportError(`Could not read the history: ${String(error)}`) };
  }
}

/** Parse and check a history document (JSON text or an already parsed value). */
export function importHistory(source: string | unknown): ImportedHistory {
  const value = typeof source === 'string' ? parseJson(source) : source;
  const warnings: string[] = [];
  let rawEvents: unknown;
  let format: ImportedHistory['format'];
  let envelope: Record<string, unknown> | undefined;
  if (Array.isArray(value)) {
    rawEvents = value;
    format = 'array';
  } else if (isRecord(value)) {
    envelope = value;
    // SDKs that keep AWS's member names (PowerShell, some exports) capitalise them; the console's
    // Export (whose layout AWS does not document) may nest the list, so look one level down too.
    rawEvents = value.events ?? value.Events ?? findEventList(value);
    if (rawEvents === undefined) {
      const keys = Object.keys(value).slice(0, 8).join(', ');
      throw new HistoryImportError(
        `This is not an execution history: the object has no "events" list${keys ? ` (its keys: ${keys})` : ''}. ` +
          'Export one with `aws stepfunctions get-execution-history --execution-arn <arn>`.',
      );
    }
    if (!Array.isArray(rawEvents)) throw new HistoryImportError(`"events" must be a list of events, but it is ${describe(rawEvents)}.`);
    format = Object.keys(value).some((k) => k !== 'events' && k !== 'nextToken' && k !== 'NextToken') ? 'export' : 'cli';
    if (typeof (value.nextToken ?? value.NextToken) === 'string') {
      warnings.push('The file is one page of a longer history (it has a "nextToken"); later events are missing. Export with the AWS CLI, which fetches every page.');
    }
  } else {
    throw new HistoryImportError(`This is not an execution history: expected an object with "events" or a list of events, found ${describe(value)}.`);
  }
  const list = rawEvents as unknown[];
  if (list.length === 0) throw new HistoryImportError('The history has no events.');

  const events = new Array<DebugEvent>(list.length);
  const unknownTypes = new Set<string>();
  let unreadableTimes = 0;
  for (let i = 0; i < list.length; i++) {
    const event = normaliseEvent(list[i], i);
    if (!KNOWN_EVENT_TYPES.has(event.type)) unknownTypes.add(event.type);
    if (Number.isNaN(event.time)) unreadableTimes++;
    events[i] = event;
  }
  orderById(events, warnings);
  if (events[0].type !== 'ExecutionStarted') {
    warnings.push(`The history does not begin with ExecutionStarted (its first event is ${events[0].type} #${events[0].id}); earlier events may be missing.`);
  }
  if (unknownTypes.size > 0) {
    warnings.push(`Unknown event type${unknownTypes.size > 1 ? 's' : ''} ${[...unknownTypes].join(', ')}: shown in the events table, ignored by the replay.`);
  }
  if (unreadableTimes > 0) {
    warnings.push(`${unreadableTimes} event${unreadableTimes > 1 ? 's have' : ' has'} no readable timestamp; durations and back-off waits are unknown for them.`);
  }

  const history: ImportedHistory = { events, format, warnings };
  if (envelope) {
    const stateMachine = isRecord(envelope.stateMachine) ? envelope.stateMachine : {};
    const definition = envelope.definition ?? envelope.stateMachineDefinition ?? stateMachine.definition;
    if (definition !== undefined) history.definition = readDefinition(definition, warnings);
    for (const key of ['executionArn', 'stateMachineArn', 'name'] as const) {
      const v = envelope[key];
      if (typeof v === 'string') history[key] = v;
    }
  }
  return history;
}

/** An `events` list one level down (`{"executionHistory": {"events": [...]}}` and the like). */
function findEventList(value: Record<string, unknown>): unknown {
  for (const key of Object.keys(value)) {
    const inner = value[key];
    if (isRecord(inner) && Array.isArray(inner.events ?? inner.Events)) return inner.events ?? inner.Events;
  }
  return undefined;
}

function normaliseEvent(raw: unknown, index: number): DebugEvent {
  if (!isRecord(raw)) throw new HistoryImportError(`Event ${index + 1} is ${describe(raw)}, not an event object.`, undefined, index);
  const type = raw.type;
  if (typeof type !== 'string' || type === '') {
    throw new HistoryImportError(`Event ${index + 1}${typeof raw.id === 'number' ? ` (id ${raw.id})` : ''} has no "type".`, undefined, index);
  }
  const id = raw.id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) {
    throw new HistoryImportError(`Event ${index + 1} (${type}) has ${id === undefined ? 'no "id"' : `the id ${JSON.stringify(id)}`}; ids are whole numbers from 1.`, undefined, index);
  }
  const prev = raw.previousEventId;
  const previousEventId = typeof prev === 'number' && Number.isInteger(prev) && prev >= 0 ? prev : 0;
  let details: Record<string, unknown> = {};
  let detailsKey: string | undefined;
  for (const key in raw) {
    // Every event carries at most one details object, named after its type.
    if (key.length > 12 && key.endsWith('EventDetails')) {
      const d = raw[key];
      if (isRecord(d)) {
        details = d;
        detailsKey = key;
      }
      break;
    }
  }
  const timestamp = raw.timestamp as string | number;
  return { id, previousEventId, type, timestamp, time: parseTime(timestamp), details, detailsKey };
}

/** ISO text, or epoch seconds as the AWS CLI prints them (`1700000000.123`). */
export function parseTime(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value * 1000 : NaN;
  if (typeof value !== 'string') return NaN;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  return Date.parse(value);
}

/**
 * Ids must increase through the file. A whole history in descending order is what
 * `--reverse-order` prints, so it is turned around rather than refused.
 */
function orderById(events: DebugEvent[], warnings: string[]): void {
  if (events.length > 1 && events[0].id > events[events.length - 1].id) {
    let descending = true;
    for (let i = 1; i < events.length; i++) if (events[i].id >= events[i - 1].id) { descending = false; break; }
    if (descending) {
      events.reverse();
      warnings.push('The events were in reverse order (newest first); they were put back in order.');
    }
  }
  for (let i = 1; i < events.length; i++) {
    if (events[i].id <= events[i - 1].id) {
      const what = events[i].id === events[i - 1].id ? 'repeats' : 'goes backwards after';
      throw new HistoryImportError(
        `Event ids must increase: event ${i + 1} (${events[i].type}) has id ${events[i].id}, which ${what} id ${events[i - 1].id}.`,
        undefined,
        i,
      );
    }
    if (events[i].previousEventId >= events[i].id) {
      throw new HistoryImportError(
        `Event id ${events[i].id} (${events[i].type}) points to a later event as its previous one (previousEventId ${events[i].previousEventId}).`,
        undefined,
        i,
      );
    }
  }
  const gaps = events[events.length - 1].id - events[0].id + 1 - events.length;
  if (gaps > 0) warnings.push(`${gaps} event id${gaps > 1 ? 's are' : ' is'} missing from the sequence; the history may be incomplete.`);
}

function readDefinition(value: unknown, warnings: string[]): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    warnings.push('The file carries a definition that is not valid JSON; the graph is rebuilt from the history instead.');
    return undefined;
  }
}

/** JSON.parse with a message that says where the text breaks and, for a cut-off file, that it is cut off. */
function parseJson(text: string): unknown {
  if (text.trim() === '') throw new HistoryImportError('The file is empty.');
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const truncated = /end of (JSON )?input|Unterminated|unexpected end/i.test(message);
    const match = /position (\d+)/.exec(message);
    const offset = truncated ? text.length : match ? Number(match[1]) : lineColumnOffset(text, message);
    const location = locate(text, offset);
    const where = `line ${location.line}, column ${location.column}`;
    throw new HistoryImportError(
      truncated
        ? `The file is cut off: the JSON ends in the middle of a value (at ${where}, after ${text.length} characters). Was the download or copy incomplete?`
        : `The file is not valid JSON at ${where}: ${message.replace(/^JSON\.parse: /, '')}`,
      location,
    );
  }
}

/** Firefox/Safari word the position as line and column instead of an offset. */
function lineColumnOffset(text: string, message: string): number {
  const m = /line (\d+) column (\d+)/.exec(message);
  if (!m) return 0;
  let line = 1;
  let offset = 0;
  while (line < Number(m[1]) && offset < text.length) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
    line++;
  }
  return offset + Number(m[2]) - 1;
}

function locate(text: string, offset: number): { offset: number; line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 30 ? value.slice(0, 30) + '…' : value)}`;
  return `a ${typeof value}`;
}
