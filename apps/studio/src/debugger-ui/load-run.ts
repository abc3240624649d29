/**
 * Turning stored or imported events into something the debugger can show: the replay model and
 * the definition its graph is drawn from — the run's own, the open machine's when the file has
 * none but the names fit, or one rebuilt from the history's state names.
 */
import { importHistory, type ImportedHistory } from '../debugger/history-import';
import { indexDefinition } from '../debugger/definition-index';
import { ReplayModel } from '../debugger/replay';

export type DefinitionSource = 'run' | 'file' | 'open-machine' | 'rebuilt';

export interface LoadedRun {
  id: string;
  name: string;
  origin: 'studio' | 'imported';
  history: ImportedHistory;
  model: ReplayModel;
  definition: unknown;
  definitionSource: DefinitionSource;
  /** Events as stored / exported (AWS shape). */
  raw: readonly unknown[];
}

/** Names of states the history visits that the definition does not have. */
export function missingStates(history: ImportedHistory, definition: unknown): string[] {
  const byName = indexDefinition(definition).byName;
  const missing = new Set<string>();
  for (const e of history.events) {
    const name = e.details.name;
    if (/StateEntered$/.test(e.type) && typeof name === 'string' && !byName.has(name)) missing.add(name);
  }
  return [...missing];
}

/**
 * The model for a history. `own` is the definition that came with it; `fallback` the open
 * machine, used only when it names every state the history visits.
 */
export function buildRun(
  history: ImportedHistory,
  meta: { id: string; name: string; origin: 'studio' | 'imported'; raw: readonly unknown[] },
  own: unknown,
  ownSource: 'run' | 'file',
  fallback?: unknown,
): LoadedRun {
  let definition = own;
  let definitionSource: DefinitionSource = ownSource;
  if (definition === undefined && fallback !== undefined && missingStates(history, fallback).length === 0) {
    definition = fallback;
    definitionSource = 'open-machine';
  }
  if (definition === undefined) {
    definition = new ReplayModel(history).inferDefinition();
    definitionSource = 'rebuilt';
  }
  const model = new ReplayModel(history, { definition });
  return { ...meta, history, model, definition, definitionSource };
}

export function loadEvents(events: readonly unknown[]): ImportedHistory {
  return importHistory(events as unknown[]);
}
