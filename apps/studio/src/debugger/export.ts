/**
 * Exporting a run in the shape `aws stepfunctions get-execution-history` prints, so what the
 * studio writes opens in any tool that reads AWS histories — and in the studio again. Extra
 * execution fields (definition, ARNs) sit beside `events`, where the importer looks for them.
 */
import type { DebugEvent } from './history-import';

/** An event as AWS returns it (already in that shape when it comes from the engine). */
export type AwsHistoryEvent = {
  timestamp: string | number;
  type: string;
  id: number;
  previousEventId: number;
} & Record<string, unknown>;

export interface ExportOptions {
  definition?: unknown;
  executionArn?: string;
  stateMachineArn?: string;
  name?: string;
}

export interface HistoryDocument {
  events: AwsHistoryEvent[];
  definition?: string;
  executionArn?: string;
  stateMachineArn?: string;
  name?: string;
}

/** The document; the definition is written as JSON text, as DescribeStateMachine returns it. */
export function exportHistoryDocument(events: readonly (DebugEvent | AwsHistoryEvent)[], options: ExportOptions = {}): HistoryDocument {
  const doc: HistoryDocument = { events: events.map(toAwsEvent) };
  if (options.definition !== undefined) {
    doc.definition = typeof options.definition === 'string' ? options.definition : JSON.stringify(options.definition, null, 2);
  }
  if (options.executionArn) doc.executionArn = options.executionArn;
  if (options.stateMachineArn) doc.stateMachineArn = options.stateMachineArn;
  if (options.name) doc.name = options.name;
  return doc;
}

export function exportHistoryJson(events: readonly (DebugEvent | AwsHistoryEvent)[], options: ExportOptions = {}): string {
  return JSON.stringify(exportHistoryDocument(events, options), null, 2);
}

/** A file name for the download: the execution's name, safe on every file system. */
export function exportFileName(name: string | undefined): string {
  const safe = (name ?? 'execution').replace(/[^\w.-]+/g, '_').slice(0, 80) || 'execution';
  return `${safe}.history.json`;
}

function toAwsEvent(event: DebugEvent | AwsHistoryEvent): AwsHistoryEvent {
  if (!isDebugEvent(event)) return event;
  const out: AwsHistoryEvent = { timestamp: event.timestamp, type: event.type, id: event.id, previousEventId: event.previousEventId };
  if (event.detailsKey) out[event.detailsKey] = event.details;
  else if (Object.keys(event.details).length > 0) out[detailsKeyOf(event.type)] = event.details;
  return out;
}

function isDebugEvent(event: DebugEvent | AwsHistoryEvent): event is DebugEvent {
  return 'details' in event && 'time' in event && typeof event.details === 'object';
}

/** AWS's details key for a type: state Entered/Exited share `stateEnteredEventDetails` / `stateExitedEventDetails`. */
export function detailsKeyOf(type: string): string {
  const state = /^(Pass|Task|Choice|Wait|Succeed|Fail|Parallel|Map)State(Entered|Exited)$/.exec(type);
  if (state) return `state${state[2]}EventDetails`;
  return `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
}
