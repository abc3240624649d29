/**
 * The studio's state and every action on it, in plain TypeScript so it can be tested without a
 * browser. React subscribes through `subscribe`/`getState`. The document (definition + its text)
 * lives in an undo history; text the user is typing that does not parse is a `draft` outside the
 * history, so invalid JSON never destroys the graph.
 */
import type { JsonValue } from './asl';
import { diagnose, type StudioDiagnostic } from './diagnostics';
import { buildGraph } from './graph';
import { canRedo, canUndo, createHistory, pushHistory, redo, undo, type History } from './history';
import { getAt, parsePointer } from './pointer';
import { parseJson, toJson } from './serialize';
import { patchText } from './text-patch';

export interface StudioDocument {
  definition: JsonValue;
  text: string;
}

export type Selection = { kind: 'state'; id: string } | { kind: 'edge'; id: string } | null;

/** Per-state run status, for the execution overlay added later (issue 6); empty until then. */
export type StateStatus = 'running' | 'succeeded' | 'failed' | 'caught' | 'retrying' | 'aborted';

export interface StudioState {
  history: History<StudioDocument>;
  draft?: string;
  fileName: string;
  selection: Selection;
  collapsed: ReadonlySet<string>;
  diagnostics: StudioDiagnostic[];
  statuses: ReadonlyMap<string, StateStatus>;
  /** Increments when a different machine is loaded (the canvas fits the view then). */
  documentId: number;
  /** Who made the last change to the text, so the code pane does not echo its own edits. */
  textSource: 'editor' | 'studio';
  /** A request to bring something into view (from the problems list). */
  reveal?: { stateId?: string; from?: number; to?: number; seq: number };
  notice?: { message: string; kind: 'info' | 'error'; seq: number };
}

type Listener = () => void;

/** Texts at least this long are validated after a short pause rather than on every keystroke. */
export const DIAGNOSE_SYNC_BELOW_CHARS = 60_000;

/** Above this many states, containers start collapsed: the outline first, details on demand. */
export const COLLAPSE_ABOVE_STATES = 150;

export function defaultCollapsed(definition: JsonValue): Set<string> {
  const graph = buildGraph(definition);
  const states = graph.nodes.filter((n) => n.kind === 'state' || n.kind === 'container');
  if (states.length <= COLLAPSE_ABOVE_STATES) return new Set();
  return new Set(states.filter((n) => n.kind === 'container').map((n) => n.id));
}

export class StudioStore {
  private state: StudioState;
  private listeners = new Set<Listener>();
  private lastEditKey?: string;
  private lastEditAt = 0;
  private seq = 0;

  constructor(definition: JsonValue, fileName = 'state-machine.asl.json', private readonly now = () => Date.now()) {
    const text = toJson(definition);
    this.state = {
      history: createHistory({ definition, text }),
      fileName,
      selection: null,
      collapsed: new Set(),
      diagnostics: this.diagnoseSoon(text, true),
      statuses: new Map(),
      documentId: 0,
      textSource: 'studio',
    };
  }

  getState = (): StudioState => this.state;

  private pendingDiagnostics?: ReturnType<typeof setTimeout>;

  /**
   * Diagnostics for `text`: at once for ordinary machines; for big ones (where validating takes
   * tens of milliseconds) shortly after typing pauses, keeping the previous list meanwhile.
   */
  private diagnoseSoon(text: string, newDocument = false): StudioDiagnostic[] {
    clearTimeout(this.pendingDiagnostics);
    if (text.length < DIAGNOSE_SYNC_BELOW_CHARS) return diagnose(text);
    this.pendingDiagnostics = setTimeout(() => {
      if (this.text === text) this.set({ diagnostics: diagnose(text) });
    }, 200);
    return newDocument ? [] : this.state.diagnostics;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<StudioState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  get document(): StudioDocument {
    return this.state.history.present;
  }

  /** The text the code pane shows: the draft while one exists. */
  get text(): string {
    return this.state.draft ?? this.state.history.present.text;
  }

  /** Opens a machine, replacing the history. Big machines open with their containers collapsed. */
  load(definition: JsonValue, fileName: string, text?: string): void {
    const docText = text ?? toJson(definition);
    this.set({
      history: createHistory({ definition, text: docText }),
      draft: undefined,
      fileName,
      selection: null,
      collapsed: defaultCollapsed(definition),
      diagnostics: this.diagnoseSoon(docText, true),
      documentId: this.state.documentId + 1,
      textSource: 'studio',
      statuses: new Map(),
    });
  }

  /**
   * Applies a graph/inspector edit. Edits with the same `coalesceKey` within a second merge into
   * one undo step (typing in a field). Failing edits become a notice rather than an exception.
   */
  edit(operation: (definition: JsonValue) => JsonValue, coalesceKey?: string): boolean {
    let definition: JsonValue;
    try {
      definition = operation(this.document.definition);
    } catch (error) {
      this.notify(error instanceof Error ? error.message : String(error), 'error');
      return false;
    }
    if (definition === this.document.definition) return true;
    // Rewrite only the part of the text that changed, so the user's formatting survives.
    const text = patchText(this.document.text, this.document.definition, definition);
    this.commit({ definition, text }, coalesceKey, 'studio');
    return true;
  }

  /** The code pane's edits: valid JSON becomes a history step, anything else a draft. */
  setText(text: string): void {
    if (text === this.text) return;
    const parsed = parseJson(text);
    if (!parsed.ok) {
      this.set({ draft: text, diagnostics: this.diagnoseSoon(text), textSource: 'editor' });
      return;
    }
    this.commit({ definition: parsed.value, text }, 'text', 'editor');
  }

  private commit(document: StudioDocument, coalesceKey: string | undefined, source: 'editor' | 'studio'): void {
    const now = this.now();
    const merge = coalesceKey !== undefined && coalesceKey === this.lastEditKey && now - this.lastEditAt < 1000;
    const key = merge ? this.state.history.lastKey : coalesceKey !== undefined ? `${coalesceKey}@${now}` : undefined;
    this.lastEditKey = coalesceKey;
    this.lastEditAt = now;
    this.set({
      history: pushHistory(this.state.history, document, key),
      draft: undefined,
      diagnostics: this.diagnoseSoon(document.text),
      textSource: source,
      selection: this.stillExists(this.state.selection, document.definition),
    });
  }

  /** Drops a selection whose state or transition the edit removed. */
  private stillExists(selection: Selection, definition: JsonValue): Selection {
    if (!selection) return null;
    const pointer = selection.id.replace(/#(start|end)$/, '');
    return getAt(definition, parsePointer(pointer)) === undefined ? null : selection;
  }

  /** Undo drops an invalid draft first (back to the last valid text), then walks the history. */
  undo(): void {
    this.lastEditKey = undefined;
    if (this.state.draft !== undefined) {
      this.set({ draft: undefined, diagnostics: this.diagnoseSoon(this.document.text), textSource: 'studio' });
      return;
    }
    if (!canUndo(this.state.history)) return;
    const history = undo(this.state.history);
    this.set({ history, diagnostics: this.diagnoseSoon(history.present.text), textSource: 'studio', selection: this.stillExists(this.state.selection, history.present.definition) });
  }

  redo(): void {
    this.lastEditKey = undefined;
    if (!canRedo(this.state.history)) return;
    const history = redo(this.state.history);
    this.set({ history, draft: undefined, diagnostics: this.diagnoseSoon(history.present.text), textSource: 'studio', selection: this.stillExists(this.state.selection, history.present.definition) });
  }

  select(selection: Selection): void {
    const current = this.state.selection;
    if (current?.kind === selection?.kind && current?.id === selection?.id) return;
    this.set({ selection });
  }

  toggleCollapsed(id: string): void {
    const collapsed = new Set(this.state.collapsed);
    if (collapsed.has(id)) collapsed.delete(id);
    else collapsed.add(id);
    this.set({ collapsed });
  }

  setCollapsed(ids: Iterable<string>): void {
    this.set({ collapsed: new Set(ids) });
  }

  setStatuses(statuses: ReadonlyMap<string, StateStatus>): void {
    this.set({ statuses });
  }

  reveal(target: { stateId?: string; from?: number; to?: number }): void {
    this.set({ reveal: { ...target, seq: ++this.seq }, selection: target.stateId ? { kind: 'state', id: target.stateId } : this.state.selection });
  }

  notify(message: string, kind: 'info' | 'error' = 'info'): void {
    this.set({ notice: { message, kind, seq: ++this.seq } });
  }

  /** Re-runs diagnostics, e.g. once the real validator has been plugged in. */
  revalidate(): void {
    this.set({ diagnostics: this.diagnoseSoon(this.text) });
  }
}
