/**
 * The debugger's session, in plain TypeScript so it outlives the React tree (switching back to
 * the designer and returning keeps a run going) and can be tested in Node: the runs list (kept
 * in the runs store), the run being looked at, starting and stopping runs in the worker,
 * importing and exporting histories.
 */
import type { HistoryEvent } from '@stepwise/engine';
import { exportFileName, exportHistoryDocument, exportHistoryJson } from '../debugger/export';
import { tryImportHistory, type HistoryImportError } from '../debugger/history-import';
import { summarizeHistory, type RunRecord, type RunsStore, type RunSummary } from '../debugger/runs-store';
import type { RunHandle } from '../worker/runner-client';
import type { StartRequest } from '../worker/protocol';
import { buildRun, loadEvents, missingStates, type LoadedRun } from './load-run';

/** What the session needs of the runner client (a fake in tests). */
export interface Runner {
  start(request: Omit<StartRequest, 'kind' | 'runId'> & { runId?: string }): RunHandle;
}

export interface SessionState {
  runs: RunSummary[];
  current?: LoadedRun;
  /** The run going on in the worker, if any. */
  active?: { runId: string; name: string; eventCount: number };
  /** The last problem to show (bad file, run that could not start, storage full). */
  problem?: { title: string; message: string; details?: string[]; seq: number };
  notice?: { message: string; seq: number };
  /** Increments whenever `current` is replaced (the views reset their position then). */
  loadSeq: number;
}

type Listener = () => void;

export class DebugSession {
  private state: SessionState = { runs: [], loadSeq: 0 };
  private readonly listeners = new Set<Listener>();
  private seq = 0;
  private handle?: RunHandle;
  private liveTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly store: RunsStore,
    private readonly runner: () => Runner,
  ) {}

  getState = (): SessionState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  problem(title: string, message: string, details?: string[]): void {
    this.set({ problem: { title, message, details, seq: ++this.seq } });
  }

  dismissProblem(): void {
    this.set({ problem: undefined });
  }

  notify(message: string): void {
    this.set({ notice: { message, seq: ++this.seq } });
  }

  async refresh(): Promise<void> {
    try {
      this.set({ runs: await this.store.list() });
    } catch (error) {
      this.problem('The runs list could not be read', String(error));
    }
  }

  /** Open a kept run. `fallback` is the open machine, for runs stored without a definition. */
  async open(id: string, fallback?: unknown): Promise<boolean> {
    const record = await this.store.get(id);
    if (!record) {
      this.problem('Run not found', 'This run is no longer in the browser\'s storage.');
      return false;
    }
    try {
      const run = buildRun(loadEvents(record.events), { id, name: record.name, origin: record.origin, raw: record.events }, record.definition, 'run', fallback);
      this.set({ current: run, loadSeq: this.state.loadSeq + 1 });
      return true;
    } catch (error) {
      this.problem(`The run "${record.name}" could not be opened`, error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  /** A kept run as a model, without making it current (compare, coverage). */
  async load(id: string, fallback?: unknown): Promise<LoadedRun | undefined> {
    const record = await this.store.get(id);
    if (!record) return undefined;
    try {
      return buildRun(loadEvents(record.events), { id, name: record.name, origin: record.origin, raw: record.events }, record.definition, 'run', fallback);
    } catch {
      return undefined;
    }
  }

  /**
   * Import a history file. A bad file leaves everything as it was and says what is wrong.
   * `openMachine` stands in for a missing definition when its state names cover the history.
   */
  async importText(text: string, fileName: string, openMachine?: unknown): Promise<boolean> {
    const result = tryImportHistory(text);
    if (!result.ok) {
      this.problem(`"${fileName}" is not a history the debugger can read`, describeImportError(text, result.error));
      return false;
    }
    const history = result.history;
    const id = `imported-${Date.now().toString(36)}-${(this.seq++).toString(36)}`;
    const name = history.name ?? fileName.replace(/\.json$/i, '');
    let run: LoadedRun;
    try {
      run = buildRun(history, { id, name, origin: 'imported', raw: [] }, history.definition, 'file', openMachine);
    } catch (error) {
      this.problem(`"${fileName}" could not be replayed`, error instanceof Error ? error.message : String(error));
      return false;
    }
    // Keep the events in AWS's shape so the stored run exports exactly like the file.
    const raw = exportHistoryDocument(history.events).events as unknown[];
    run = { ...run, raw };
    this.set({ current: run, loadSeq: this.state.loadSeq + 1 });
    const notes = [...history.warnings];
    if (run.definitionSource === 'rebuilt') notes.push('The file has no definition and the open machine does not fit it: the graph was rebuilt from the state names in the history.');
    if (run.definitionSource === 'open-machine') notes.push('The file has no definition: it is shown on the open machine, whose states match the history.');
    if (notes.length > 0) this.notify(notes.join(' '));
    await this.save({ id, name, origin: 'imported', ...summarizeHistory(raw as { type: string; timestamp?: unknown }[]), events: raw, definition: history.definition });
    return true;
  }

  /** Swap the graph of the current run for another definition (e.g. the open machine). */
  useDefinition(definition: unknown, source: 'open-machine' | 'file' = 'open-machine'): void {
    const run = this.state.current;
    if (!run) return;
    const missing = missingStates(run.history, definition);
    if (missing.length > 0) {
      this.problem('The open machine does not fit this history', `It has no state named ${missing.slice(0, 5).map((n) => `"${n}"`).join(', ')}${missing.length > 5 ? ' …' : ''}.`);
      return;
    }
    const next = buildRun(run.history, run, definition, 'file');
    this.set({ current: { ...next, definitionSource: source }, loadSeq: this.state.loadSeq + 1 });
    // A definition the user supplied for an imported history is kept with it, so reopening it needs no asking.
    if (source === 'file') {
      void this.store.get(run.id).then((record) => (record && record.definition === undefined ? this.save({ ...record, definition }) : undefined));
    }
  }

  exportCurrent(): { fileName: string; text: string } | undefined {
    const run = this.state.current;
    if (!run) return undefined;
    const definition = run.definitionSource === 'rebuilt' ? undefined : run.definition;
    return { fileName: exportFileName(run.name), text: exportHistoryJson(run.history.events, { definition, name: run.name, executionArn: run.history.executionArn, stateMachineArn: run.history.stateMachineArn }) };
  }

  async remove(id: string): Promise<void> {
    await this.store.delete(id);
    if (this.state.current?.id === id) this.set({ current: undefined, loadSeq: this.state.loadSeq + 1 });
    await this.refresh();
  }

  /** Start a run in the worker; the view follows its events as they arrive. */
  start(request: Omit<StartRequest, 'kind' | 'runId'>): void {
    if (this.handle) {
      this.problem('A run is going on', 'Stop it before starting another.');
      return;
    }
    const name = request.name ?? `run-${new Date().toISOString().slice(11, 19).replace(/:/g, '')}`;
    const handle = this.runner().start({ ...request, name });
    this.handle = handle;
    this.set({ active: { runId: handle.runId, name, eventCount: 0 }, problem: undefined });
    const show = () => {
      this.liveTimer = undefined;
      if (handle.events.length === 0) return;
      this.showLive(handle.runId, name, handle.events, request.definition);
    };
    handle.onEvents((_batch, all) => {
      if (this.state.active?.runId === handle.runId) this.set({ active: { runId: handle.runId, name, eventCount: all.length } });
      // Rebuilding the replay for every batch of a fast run is wasted work: a few times a second is live enough.
      this.liveTimer ??= setTimeout(show, 150);
    });
    handle.done.then(
      async () => {
        if (this.liveTimer !== undefined) clearTimeout(this.liveTimer);
        this.liveTimer = undefined;
        this.handle = undefined;
        this.set({ active: undefined });
        const events = handle.events;
        if (events.length === 0) return;
        this.showLive(handle.runId, name, events, request.definition);
        await this.save({ id: handle.runId, name, origin: 'studio', ...summarizeHistory(events as never), events: events as unknown[], definition: request.definition });
      },
      (error: Error & { details?: string[] }) => {
        this.handle = undefined;
        this.set({ active: undefined });
        this.problem('The run could not start', error.message, error.details);
      },
    );
  }

  stop(): void {
    this.handle?.stop({ error: 'Stepwise.Stopped', cause: 'Stopped from the debugger.' });
  }

  private showLive(runId: string, name: string, events: readonly HistoryEvent[], definition: unknown): void {
    try {
      const raw = events.slice() as unknown[];
      const run = buildRun(loadEvents(raw), { id: runId, name, origin: 'studio', raw }, definition, 'run');
      const sameRun = this.state.current?.id === runId;
      this.set({ current: run, loadSeq: sameRun ? this.state.loadSeq : this.state.loadSeq + 1 });
    } catch {
      // A partial batch that does not replay yet: the next one will.
    }
  }

  private async save(record: RunRecord): Promise<void> {
    try {
      await this.store.put(record);
    } catch (error) {
      this.problem('The run was not kept', error instanceof Error ? error.message : String(error));
    }
    await this.refresh();
  }
}

/**
 * V8 words some cut-off documents as a syntax error at the very end ("Expected ':' after property
 * name … at position N" with N the length), which the importer reports as a syntax error; an error
 * at the end of the text is a truncated file, so say that.
 */
export function describeImportError(text: string, error: HistoryImportError): string {
  const at = error.location?.offset;
  if (at !== undefined && at >= text.trimEnd().length && !/cut off/.test(error.message)) {
    return `The file is cut off: the JSON stops in the middle of a value (after ${text.length.toLocaleString('en')} characters, line ${error.location!.line}). Was the download or copy incomplete?`;
  }
  return error.message;
}
