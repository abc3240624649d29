/**
 * The studio's Run / Debug mode: the open machine on the designer's canvas with a status overlay,
 * the run form and the kept runs on the left, the state panel on the right, the scrubber and the
 * events table / Gantt / compare / coverage views below.
 */
import './debugger.css';
import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { machineNameFromFileName } from '@stepwise/engine';
import { computeCoverage, type Coverage } from '../debugger/coverage';
import type { StateStatus } from '../debugger/replay';
import { parsePointer } from '../model/pointer';
import type { StudioStore } from '../model/store';
import { CompareView } from './CompareView';
import { CoverageView } from './CoverageView';
import { sameMachine } from './coverage-runs';
import { DebugCanvas } from './DebugCanvas';
import { download } from '../components/file-actions';
import { drillStatuses, drillTaken, threadLabel, visitForState } from './drill';
import { EventsView } from './EventsView';
import { GanttView } from './GanttView';
import type { LoadedRun } from './load-run';
import { RunPanel } from './RunPanel';
import { RunsList } from './RunsList';
import { loadSettings, saveSettings, type RunSettings } from './run-settings';
import { Scrubber } from './Scrubber';
import { getSession } from './session-instance';
import { StatePanel } from './StatePanel';
import { usePaced } from './usePaced';
import { useReplay } from './useReplay';

/**
 * While stepping fast, the panels and the events table follow at most this often (see usePaced): about
 * one position in nine when an arrow key steps once per frame, still several updates a second.
 */
const PANEL_PACE_MS = 150;
type View = 'events' | 'gantt' | 'compare' | 'coverage';
const settingsByMachine = new Map<string, RunSettings>();
/** localStorage, or nothing where reading it throws (some privacy settings). */
const storage = (): Storage | undefined => {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
};

export function DebuggerMode({ designer }: { designer: StudioStore }) {
  const session = getSession();
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const openDefinition = useSyncExternalStore(designer.subscribe, () => designer.getState().history.present.definition);
  const fileName = useSyncExternalStore(designer.subscribe, () => designer.getState().fileName);
  // Named as `stepwise run` names the file, so an exported MockConfigFile.json works there as it is.
  const machineName = machineNameFromFileName(fileName);
  const current = state.current;
  const model = current?.model;
  const [settings, setSettingsState] = useState<RunSettings>(() => settingsByMachine.get(fileName) ?? loadSettings(storage(), fileName));
  const setSettings = useCallback((s: RunSettings) => {
    settingsByMachine.set(fileName, s);
    setSettingsState(s);
    saveSettings(storage(), fileName, s);
  }, [fileName]);
  const openRun = useCallback((id: string) => void session.open(id, openDefinition), [session, openDefinition]);
  const deleteRun = useCallback((id: string) => void session.remove(id), [session]);
  const [view, setView] = useState<View>('events');
  const [selected, setSelected] = useState<string>();
  const [thread, setThread] = useState<number>();
  const historyInput = useRef<HTMLInputElement>(null);
  const replay = useReplay(model, state.loadSeq, state.active?.runId === current?.id && !!state.active);
  const { position } = replay;

  useEffect(() => { setSelected(undefined); setThread(undefined); }, [state.loadSeq]);
  useEffect(() => {
    if (performance.getEntriesByName('stepwise:import-start').length === 0) return;
    requestAnimationFrame(() => setTimeout(() => performance.mark('stepwise:import-shown'), 0));
  }, [state.loadSeq]);

  // Keys: ← → step, Space plays, Home/End jump — unless the user is typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (!model || (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)))) return;
      // Space on a focused button presses that button; it must not also toggle play.
      if (e.key === ' ' && t?.tagName === 'BUTTON') return;
      if (e.key === 'ArrowRight') { e.preventDefault(); replay.step(1); setSelected(undefined); }
      else if (e.key === 'ArrowLeft') { e.preventDefault(); replay.step(-1); setSelected(undefined); }
      else if (e.key === ' ') { e.preventDefault(); replay.setPlaying(!replay.playing); }
      else if (e.key === 'Home') replay.seek(0);
      else if (e.key === 'End') replay.seek(model.length);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [model, replay]);

  const replaySeek = replay.seek;
  const seek = useCallback((p: number) => { setSelected(undefined); replaySeek(p); }, [replaySeek]);

  const coverage = useCoverage(session, view === 'coverage', current?.definition ?? openDefinition, state.runs);
  const canvasDefinition = current?.definition ?? openDefinition;

  const { statuses, taken } = useMemo(() => {
    if (view === 'coverage' && coverage.value) {
      const s = new Map<string, StateStatus>();
      for (const id of coverage.value.states.keys()) s.set(id, 'succeeded');
      return { statuses: s, taken: new Set(coverage.value.transitions.keys()) };
    }
    if (!model) return { statuses: new Map<string, StateStatus>(), taken: new Set<string>() };
    if (thread !== undefined && thread < model.threads.length) {
      return { statuses: drillStatuses(model, replay.statuses, thread, position), taken: drillTaken(model, replay.taken, thread, position) };
    }
    return { statuses: replay.statuses, taken: replay.taken };
  }, [view, coverage.value, model, thread, replay.statuses, replay.taken, position]);

  // The graph and scrubber follow every step at once; the panels and tables follow at lower priority,
  // a single step in the next frame, fast stepping a few times a second (intermediate positions dropped).
  const deferred = usePaced(position, PANEL_PACE_MS);
  const panelPosition = model ? Math.min(deferred, model.length) : 0;
  const focus = model ? model.focusAt(panelPosition) : undefined;
  const panelVisit = model
    ? selected !== undefined ? visitForState(model, selected, panelPosition, thread) : focus?.visit
    : undefined;
  const focusId = panelVisit !== undefined && model ? model.visits[panelVisit].stateId : undefined;

  const importFileRef = useRef<(file: File) => Promise<void>>(async () => {});
  const definitionInput = useRef<HTMLInputElement>(null);
  const importFile = async (file: File) => {
    // Marks for the browser benchmark (and anyone profiling): import starts, first paint after it.
    performance.mark('stepwise:import-start');
    const ok = await session.importText(await file.text(), file.name, openDefinition);
    if (ok) setView('events');
  };
  const loadDefinition = async (file: File) => {
    try {
      session.useDefinition(JSON.parse(await file.text()), 'file');
    } catch (error) {
      session.problem(`"${file.name}" is not a JSON definition`, error instanceof Error ? error.message : String(error));
    }
  };

  // A history file dropped anywhere on the debugger is imported (the designer's drop opens machines).
  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    const over = (e: DragEvent) => { if (hasFiles(e)) e.preventDefault(); };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) void importFileRef.current(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => { window.removeEventListener('dragover', over); window.removeEventListener('drop', drop); };
  }, []);

  importFileRef.current = importFile;
  const exportRun = () => {
    const out = session.exportCurrent();
    if (out) download(out.fileName, out.text);
  };
  const names = useMemo(() => {
    const m = new Map<string, string>();
    if (model) for (const v of model.visits) m.set(v.stateId, v.name);
    // States only other runs visited, or none did: their name is the pointer's last segment.
    for (const id of [...(coverage.value?.missedStates ?? []), ...(coverage.value?.states.keys() ?? [])]) if (!m.has(id)) m.set(id, parsePointer(id).pop() ?? id);
    return m;
  }, [model, coverage.value]);

  // The toolbar does not change while scrubbing: built once per run/file, not on each step's two renders.
  const header = useMemo(() => (
      <header className="toolbar dbg-toolbar">
        <div className="brand">
          <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><rect x="2" y="2" width="8" height="6" rx="2" fill="#2563eb" /><rect x="14" y="9" width="8" height="6" rx="2" fill="#7c3aed" /><rect x="2" y="16" width="8" height="6" rx="2" fill="#16a34a" /><path d="M6 8v3h12M18 15v3H10" fill="none" stroke="#94a3b8" strokeWidth="1.6" /></svg>
          <span className="brand-name">Stepwise <span className="brand-sub">Debugger</span></span>
        </div>
        <a className="button" href="#" data-testid="to-designer" title="Back to the designer">← Designer</a>
        <span className="file-name" title={fileName}>{fileName}</span>
        <div className="toolbar-group">
          <button type="button" className="button" onClick={() => historyInput.current?.click()} data-testid="import-history" title="Open an execution history: the output of aws stepfunctions get-execution-history, or an export">Import history…</button>
          <button type="button" className="button" onClick={exportRun} disabled={!current} data-testid="export-history" title="Save this run as an AWS execution history (JSON)">Export run</button>
          <input ref={historyInput} type="file" accept=".json,application/json" hidden data-testid="history-file-input"
            onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFileRef.current(f); e.target.value = ''; }} />
        </div>
        {current && (
          <div className="dbg-run-title" data-testid="current-run">
            <span className="dbg-run-title-name">{current.name}</span>
            <ExecutionBadge model={current.model} position={current.model.length} />
            {current.definitionSource === 'rebuilt' && (
              <span className="dbg-note" title="The history came without a definition">graph rebuilt from the history · <button type="button" className="link" onClick={() => session.useDefinition(openDefinition)}>use the open machine</button> · <button type="button" className="link" onClick={() => definitionInput.current?.click()} data-testid="load-definition">load its definition…</button>
                <input ref={definitionInput} type="file" accept=".json,application/json" hidden data-testid="definition-file-input" onChange={(e) => { const f = e.target.files?.[0]; if (f) void loadDefinition(f); e.target.value = ''; }} />
              </span>
            )}
          </div>
        )}
      </header>
  ), [fileName, current, session, openDefinition]);

  // Nor do the run form and the list of runs.
  const activeId = state.active?.runId;
  const running = !!state.active;
  const left = useMemo(() => (
      <aside className="dbg-left">
        <div className="dbg-left-form">
          <div className="dbg-section-title">Run <span className="dbg-note">{machineName}</span></div>
          <RunPanel session={session} definition={openDefinition} machineName={machineName} settings={settings} onSettings={setSettings} running={running} />
        </div>
        <RunsList runs={state.runs} currentId={current?.id} activeId={activeId}
          onOpen={openRun} onDelete={deleteRun} />
      </aside>
  ), [session, openDefinition, machineName, settings, setSettings, running, state.runs, current?.id, activeId, openRun, deleteRun]);

  return (
    <div className="dbg-shell" data-testid="debugger">
      {header}

      {left}

      <main className="dbg-main">
        <div className="dbg-canvas-wrap">
          <DebugCanvas definition={canvasDefinition} statuses={statuses} taken={taken} focusId={view === 'coverage' ? undefined : focusId}
            onSelectState={setSelected} mode={view === 'coverage' ? 'coverage' : 'replay'} />
          <Legend coverage={view === 'coverage'} />
          {thread !== undefined && model && thread < model.threads.length && view !== 'coverage' && (
            <div className="dbg-drill" data-testid="drill-banner">Showing {threadLabel(model, thread)} <button type="button" className="link" onClick={() => setThread(undefined)}>show all</button></div>
          )}
          {state.active && <div className="dbg-live" data-testid="live">● running {state.active.name} — {state.active.eventCount} events</div>}
          {!current && (
            <div className="dbg-empty-canvas">
              <b>Run this machine</b> with the form on the left, or <button type="button" className="link" onClick={() => historyInput.current?.click()}>import an execution history</button>.
            </div>
          )}
        </div>
        {model && <Scrubber model={model} position={position} playing={replay.playing} speed={replay.speed} seek={seek} step={replay.step} setPlaying={replay.setPlaying} setSpeed={replay.setSpeed} />}
        <div className="dbg-bottom">
          <div className="tabs dbg-tabs" role="tablist">
            {(['events', 'gantt', 'compare', 'coverage'] as const).map((v) => (
              <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'tab is-active' : 'tab'} onClick={() => setView(v)} data-testid={`view-${v}`}>
                {v === 'events' ? 'Events' : v === 'gantt' ? 'Timeline' : v === 'compare' ? 'Compare' : 'Coverage'}
              </button>
            ))}
          </div>
          <div className="dbg-bottom-body">
            {view === 'coverage' ? <CoverageView coverage={coverage.value} runCount={coverage.runs} names={names} />
              : !current || !model ? <p className="dbg-hint">No run open.</p>
              : view === 'events' ? <EventsView model={model} position={panelPosition} seek={seek} />
              : view === 'gantt' ? <GanttView model={model} position={panelPosition} seek={seek} />
              : <CompareView current={current} runs={state.runs} load={(id) => session.load(id, openDefinition)} />}
          </div>
        </div>
      </main>

      <aside className="dbg-right">
        {model ? <StatePanel model={model} position={panelPosition} visit={panelVisit !== undefined ? model.visits[panelVisit] : undefined} thread={thread} onThread={setThread} seek={replaySeek} advance={replay.advance} />
          : <p className="dbg-hint dbg-pad">The state panel shows the input, output, data flow, variables, retries and errors of the state in focus.</p>}
      </aside>

      {state.problem && (
        <div className="dbg-problem" role="alert" data-testid="problem-banner">
          <div className="dbg-problem-title">{state.problem.title}</div>
          <div className="dbg-problem-msg">{state.problem.message}</div>
          {state.problem.details && <ul>{state.problem.details.slice(0, 8).map((d, i) => <li key={i}>{d}</li>)}</ul>}
          <button type="button" className="button small" onClick={() => session.dismissProblem()}>Dismiss</button>
        </div>
      )}
      <Toast notice={state.notice} />
    </div>
  );
}

function ExecutionBadge({ model, position }: { model: NonNullable<LoadedRun['model']>; position: number }) {
  const status = model.executionAt(position).status;
  return <span className={`dbg-status s-${status.toLowerCase()}`} data-testid="execution-status">{status}</span>;
}

const Legend = memo(function Legend({ coverage }: { coverage: boolean }) {
  const items: [string, string][] = coverage
    ? [['succeeded', 'taken by some run'], ['not-started', 'never taken']]
    : [['not-started', 'not started'], ['running', 'running'], ['succeeded', 'succeeded'], ['failed', 'failed'], ['caught', 'caught'], ['retried', 'retried'], ['aborted', 'aborted']];
  return (
    <div className="dbg-legend" aria-label="Status colours">
      {items.map(([s, label]) => <span key={s}><i className={`dbg-dot s-${s}`} />{label}</span>)}
    </div>
  );
});

const Toast = memo(function Toast({ notice }: { notice?: { message: string; seq: number } }) {
  const [visible, setVisible] = useState(false);
  // A notice from before this mode was opened (the session outlives it) is old news.
  const seenAtMount = useRef(notice?.seq);
  useEffect(() => {
    if (!notice || notice.seq === seenAtMount.current) return;
    setVisible(true);
    const t = setTimeout(() => setVisible(false), 6000);
    return () => clearTimeout(t);
  }, [notice]);
  if (!notice || !visible) return null;
  return <div className="notice" role="status" data-testid="debug-notice">{notice.message}</div>;
});

/** Coverage over the kept runs of the machine on the canvas, read when the tab opens. */
function useCoverage(session: ReturnType<typeof getSession>, active: boolean, definition: unknown, runs: readonly { id: string }[]): { value?: Coverage; runs: number } {
  const [result, setResult] = useState<{ value?: Coverage; runs: number }>({ runs: 0 });
  useEffect(() => {
    if (!active) return;
    let live = true;
    void (async () => {
      const models = [];
      for (const r of runs.slice(0, 200)) {
        const run = await session.load(r.id);
        if (run && run.definitionSource === 'run' && sameMachine(run.definition, definition)) models.push(run.model);
      }
      if (live) setResult({ value: computeCoverage(models, definition), runs: models.length });
    })();
    return () => { live = false; };
  }, [active, definition, runs, session]);
  return result;
}
