/**
 * The one place the studio talks to the engine's validator. Everything else works with
 * `StudioDiagnostic`: the validator's diagnostic plus where it lands in the text and on the graph.
 */
import type { Diagnostic, Severity } from '@stepwise/engine';
import { locatePointer, offsetOf } from './json-locate';
import { parsePointer, toPointer } from './pointer';
import { parseJson } from './serialize';

export type { Severity };

/** The validator's diagnostic, as `validateDefinition` from `@stepwise/engine` reports it. */
export type EngineDiagnostic = Diagnostic;

export interface StudioDiagnostic extends EngineDiagnostic {
  /** Range in the JSON text, when it can be found. */
  from?: number;
  to?: number;
  /** The id (pointer) of the state the diagnostic is about, if any. */
  stateId?: string;
  /** The state's field the diagnostic is about, if any (e.g. `Next`, `Retry`). */
  field?: string;
}

export type Validator = (text: string) => { diagnostics: EngineDiagnostic[] };

/** Until the engine's validator is wired, a stand-in that reports what JSON.parse reports. */
const parseOnlyValidator: Validator = (text) => {
  const parsed = parseJson(text);
  if (parsed.ok) return { diagnostics: [] };
  return { diagnostics: [{ severity: 'ERROR', code: 'INVALID_JSON', message: parsed.message, location: '', line: parsed.line, column: parsed.column }] };
};

let activeValidator: Validator = parseOnlyValidator;

export function setValidator(validator: Validator): void {
  activeValidator = validator;
}

/** Which state a pointer is inside: the longest `…/States/<name>` prefix. */
export function stateOfPointer(pointer: string): { stateId?: string; field?: string } {
  const segments = parsePointer(pointer);
  let last = -1;
  for (let i = 0; i + 1 < segments.length; i++) {
    if (segments[i] === 'States' && isScopeStates(segments, i)) {
      last = i;
      i++; // skip the state's name: a state may itself be called "States"
    }
  }
  if (last < 0) return {};
  return { stateId: toPointer(segments.slice(0, last + 2)), field: segments[last + 2] };
}

/** True when segments[i] === 'States' names a scope's state map (root, branch or processor), not a state called "States". */
function isScopeStates(segments: string[], i: number): boolean {
  if (i === 0) return true;
  const before = segments[i - 1];
  if (/^\d+$/.test(before) && segments[i - 2] === 'Branches') return true;
  return before === 'ItemProcessor' || before === 'Iterator';
}

export function diagnose(text: string): StudioDiagnostic[] {
  const parsed = parseJson(text);
  const { diagnostics } = parsed.ok ? activeValidator(text) : parseOnlyValidator(text);
  return diagnostics.map((d) => {
    const located: StudioDiagnostic = { ...d, ...stateOfPointer(d.location) };
    // The pointer gives the most precise range (the offending key and value); fall back to the
    // validator's line/column, which marks from there to the end of the line.
    if (parsed.ok && d.location !== '') {
      const range = locatePointer(text, d.location);
      if (range) return { ...located, ...range };
    }
    if (d.line !== undefined) {
      const from = offsetOf(text, d.line, d.column ?? 1);
      const lineEnd = text.indexOf('\n', from);
      return { ...located, from, to: Math.max(from + 1, lineEnd < 0 ? text.length : lineEnd) };
    }
    return located;
  });
}
