/**
 * What the run form holds: input text, mock rows, handler sources, clock. Kept per machine in
 * memory for the session (switching to the designer and back keeps them) and turned into the
 * worker's start request here, where it can be tested.
 */
import type { StartRequest } from '../worker/protocol';
import { formToResponses, type MockForm } from './mocks';

export interface RunSettings {
  input: string;
  mode: 'mocks' | 'handlers';
  mocks: MockForm;
  /** Resource ARN (or state name) → JavaScript source, run in the worker. */
  handlers: Record<string, string>;
  clock: 'real' | 'virtual';
  name: string;
}

export const DEFAULT_SETTINGS: RunSettings = { input: '{}', mode: 'mocks', mocks: {}, handlers: {}, clock: 'virtual', name: '' };

export type BuiltRequest = { ok: true; request: Omit<StartRequest, 'kind' | 'runId'> } | { ok: false; error: string };

export function buildStartRequest(definition: unknown, settings: RunSettings): BuiltRequest {
  let input: unknown;
  try {
    input = settings.input.trim() === '' ? {} : JSON.parse(settings.input);
  } catch (error) {
    return { ok: false, error: `The input is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const request: Omit<StartRequest, 'kind' | 'runId'> = { definition, input, clock: settings.clock };
  if (settings.name.trim() !== '') request.name = settings.name.trim();
  // Mocked responses always apply; in handler mode the handlers come first and the mocks answer the rest.
  const responses = formToResponses(settings.mocks);
  if (!responses.ok) return { ok: false, error: responses.error };
  if (Object.keys(responses.responses).length > 0) request.mocks = { type: 'responses', responses: responses.responses };
  if (settings.mode === 'handlers') {
    request.handlers = Object.fromEntries(Object.entries(settings.handlers).filter(([, src]) => src.trim() !== ''));
  }
  return { ok: true, request };
}

const KEY = 'stepwise.debug.settings.';

/** The form as the user left it for this machine (input, mocks, handlers), across reloads. */
export function loadSettings(storage: Pick<Storage, 'getItem'> | undefined, machine: string): RunSettings {
  try {
    const text = storage?.getItem(KEY + machine);
    if (!text) return DEFAULT_SETTINGS;
    const parsed = JSON.parse(text) as Partial<RunSettings>;
    return { ...DEFAULT_SETTINGS, ...parsed, name: '' };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function saveSettings(storage: Pick<Storage, 'setItem'> | undefined, machine: string, settings: RunSettings): void {
  try {
    storage?.setItem(KEY + machine, JSON.stringify({ ...settings, name: '' }));
  } catch {
    // Full or disabled storage: the form still works for this session.
  }
}
