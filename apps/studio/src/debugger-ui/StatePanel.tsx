/**
 * The side panel: the focused state's visit at the current position — status, input, output,
 * the data-flow steps, variables in scope, attempts with their back-off waits, error and cause —
 * and, for a Map or Parallel, its iterations / branches to drill into.
 */
import { createContext, memo, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { dataFlowOf } from '../debugger/dataflow-view';
import type { ReplayModel, Visit } from '../debugger/replay';
import { visitsOfState } from './drill';
import { formatDuration, prettyJson } from './format';
import { JsonBlock, JsonText } from './JsonBlock';

export interface PanelProps {
  model: ReplayModel;
  position: number;
  visit?: Visit;
  /** Iteration/branch thread being drilled into, if any. */
  thread?: number;
  onThread(thread: number | undefined): void;
  seek(position: number): void;
  /**
   * Moves the scrubber forward to a position unless it is past it already: judged on the scrubber's
   * own position, as the panel's may lag it (it follows paced while stepping fast).
   */
  advance(position: number): void;
}

/**
 * Scrubbing a Map alternates the focus between the Map (its iteration events) and the state running
 * inside it. The panel of the visit shown before stays mounted, hidden with content-visibility (its
 * DOM, style and layout kept), so switching back is a small update instead of building the panel's
 * JSON blocks and iteration strip again and laying them out. A hidden panel is frozen at the props it
 * last had and carries no test ids (it is not what the user sees).
 */
export const StatePanel = memo(function StatePanel(props: PanelProps) {
  const key = props.visit?.index ?? -1;
  const [kept, setKept] = useState<{ slots: number[]; active: number }>({ slots: [key], active: key });
  let { slots } = kept;
  if (!slots.includes(key)) {
    const out = slots.length < KEEP ? -1 : slotToReuse(props.model, slots, kept.active);
    slots = out < 0 ? [...slots, key] : slots.map((k, i) => (i === out ? key : k));
  }
  if (slots !== kept.slots || kept.active !== key) setKept({ slots, active: key });
  const last = useRef(new Map<number, PanelProps>());
  useLayoutEffect(() => {
    last.current.set(key, props);
    for (const k of [...last.current.keys()]) if (!slots.includes(k)) last.current.delete(k);
  });
  return (
    <>
      {slots.map((k, i) => {
        const p = k === key ? props : last.current.get(k);
        if (!p) return null;
        return (
          <div key={i} className={k === key ? 'dbg-panel-slot' : 'dbg-panel-slot is-kept'}>
            <Shown.Provider value={k === key}><OnePanel {...p} /></Shown.Provider>
          </div>
        );
      })}
    </>
  );
});
const KEEP = 2;

/**
 * Which slot a visit that has none takes over: the one not shown, except when that one is a Map's or
 * Parallel's and the shown one is not. Stepping through a Map goes Map, inner state of iteration k,
 * Map, inner state of iteration k + 1 …, and when the panels skip positions (they are paced while
 * stepping fast) one inner state follows another directly: the new one then takes the previous inner
 * state's slot (a small update of a panel of the same kind) and the Map's panel stays for the way back,
 * instead of being rebuilt from nothing on the next Map event.
 */
function slotToReuse(model: PanelProps['model'], slots: number[], active: number): number {
  const container = (k: number) => k >= 0 && (model.visits[k]?.type === 'Map' || model.visits[k]?.type === 'Parallel');
  const hidden = slots.findIndex((k) => k !== active);
  const shown = slots.indexOf(active);
  if (hidden >= 0 && shown >= 0 && container(slots[hidden]) && !container(active)) return shown;
  return hidden >= 0 ? hidden : 0;
}

/** False inside a kept, hidden panel. */
const Shown = createContext(true);
/** A test id, or none inside a hidden panel. */
function useTestId(): (id: string) => string | undefined {
  const shown = useContext(Shown);
  return (id) => (shown ? id : undefined);
}

const OnePanel = memo(function OnePanel(props: PanelProps) {
  const { model, position, visit } = props;
  if (!visit) return <ExecutionPanel model={model} position={position} />;
  return <VisitPanel {...props} visit={visit} />;
});

function ExecutionPanel({ model, position }: { model: ReplayModel; position: number }) {
  const tid = useTestId();
  const at = model.executionAt(position);
  return (
    <div className="dbg-panel" data-testid={tid('state-panel')}>
      <div className="dbg-panel-head">
        <div className="dbg-panel-title">Execution</div>
        <span className={`dbg-status s-${at.status.toLowerCase()}`} data-testid={tid('panel-status')}>{at.status.toLowerCase().replace('_', ' ')}</span>
      </div>
      <p className="dbg-hint">Click a state on the graph, or step through the history, to see its data.</p>
      <JsonBlock label="Execution input" value={at.input} testId={tid('panel-input')} />
      {at.output !== undefined && <JsonBlock label="Execution output" value={at.output} testId={tid('panel-output')} />}
      {at.error !== undefined && <ErrorBox error={at.error} cause={at.cause} />}
      <Variables model={model} position={position} thread={0} />
    </div>
  );
}

function VisitPanel({ model, position, visit, thread, onThread, seek, advance }: PanelProps & { visit: Visit }) {
  const tid = useTestId();
  const status = model.visitStatusAt(visit, position);
  const started = visit.entered < position;
  const exited = visit.exited >= 0 && visit.exited < position;
  const flow = useMemo(() => (started ? cachedDataFlow(model, visit) : undefined), [model, visit, started]);
  const attempts = visit.attempts.filter((a) => a.scheduled < position);
  const failedAttempt = [...attempts].reverse().find((a) => a.outcome === 'failed' && a.ended >= 0 && a.ended < position);
  const showError = ['failed', 'caught', 'retried', 'aborted'].includes(status) || failedAttempt !== undefined;
  const all = visitsOfState(model, visit.stateId);
  const ordinal = all.indexOf(visit);
  const lane = model.threads[visit.thread];
  const time0 = model.events[visit.entered]?.time;
  const end = model.events[exited ? visit.exited : Math.max(visit.entered, position - 1)]?.time;
  return (
    <div className="dbg-panel" data-testid={tid('state-panel')}>
      <div className="dbg-panel-head">
        <div className="dbg-panel-title" data-testid={tid('panel-state-name')}>{visit.name}</div>
        <span className={`dbg-status s-${status}`} data-testid={tid('panel-status')}>{status.replace('-', ' ')}</span>
      </div>
      <div className="dbg-meta">
        <span>{visit.type}</span>
        {all.length > 1 && <span>visit {ordinal + 1} of {all.length}</span>}
        {lane.kind === 'iteration' && <span>iteration {lane.iteration}</span>}
        {lane.kind === 'branch' && <span>branch {(lane.branch ?? 0) + 1}</span>}
        {started && <span>{formatDuration(end - time0)}</span>}
        <button type="button" className="link" onClick={() => seek(visit.entered + 1)}>entered at #{model.events[visit.entered].id}</button>
      </div>
      {!started && <p className="dbg-hint">Not started at this point of the history.</p>}
      {started && <JsonBlock label="Input" value={visit.input} testId={tid('panel-input')} />}
      {exited && <JsonBlock label="Output" value={visit.output} testId={tid('panel-output')} />}
      {showError && (visit.error !== undefined || failedAttempt?.error !== undefined) && (
        <ErrorBox error={failedAttempt?.error ?? visit.error ?? ''} cause={failedAttempt?.cause ?? visit.cause} />
      )}
      {attempts.length > 0 && (
        <section className="dbg-block" data-testid={tid('panel-attempts')}>
          <div className="dbg-block-title">Attempts</div>
          <ol className="dbg-attempts">
            {attempts.map((a, i) => {
              const ended = a.ended >= 0 && a.ended < position;
              return (
                <li key={i} className={`is-${ended ? a.outcome : 'running'}`}>
                  {a.waitBeforeMs !== undefined && <span className="dbg-backoff">waited {formatDuration(a.waitBeforeMs)} (back-off)</span>}
                  <span>Attempt {i + 1}: <b>{ended ? a.outcome : 'running'}</b></span>
                  {ended && a.error && <span className="dbg-attempt-error">{a.error}</span>}
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {flow && flow.steps.length > 1 && (
        <details className="dbg-block" open data-testid={tid('panel-dataflow')}>
          <summary>Data flow <span className="dbg-note">{flow.language}{!exited ? ' · the rest once the state has finished' : flow.matchesRecorded === false ? ' · recomputed output differs from the recorded one' : ''}</span></summary>
          <ol className="dbg-flow">
            {/* Until the state has finished, only the steps before its work are known at this point. */}
            {flow.steps.filter((s) => exited || BEFORE_WORK.has(s.field)).map((s, i) => (
              <li key={i}>
                <div className="dbg-flow-field">{s.field}{s.expression !== undefined && <code>{typeof s.expression === 'string' ? s.expression : JSON.stringify(s.expression)}</code>}</div>
                {s.error ? <div className="dbg-flow-error">{s.error}</div> : <JsonText value={s.value === undefined ? '—' : s.value} lines={16} small />}
              </li>
            ))}
          </ol>
        </details>
      )}
      <Variables model={model} position={position} thread={visit.thread} />
      {visit.type === 'Map' && <Iterations model={model} visit={visit} position={position} thread={thread} onThread={onThread} seek={seek} advance={advance} />}
      {visit.type === 'Parallel' && <Branches model={model} visit={visit} position={position} thread={thread} onThread={onThread} advance={advance} />}
    </div>
  );
}

function ErrorBox({ error, cause }: { error: string; cause?: string }) {
  const tid = useTestId();
  return (
    <div className="dbg-error" data-testid={tid('panel-error')}>
      <div className="dbg-error-name">{error}</div>
      {cause && <pre className="dbg-json is-small">{prettyJson(cause, 4000)}</pre>}
    </div>
  );
}

function Variables({ model, position, thread }: { model: ReplayModel; position: number; thread: number }) {
  const tid = useTestId();
  // As text: the scope is a new object at every position, but its text rarely changes, and the
  // memoised block below then does not re-render.
  const text = useMemo(() => {
    const variables = model.variablesAt(position, thread);
    return Object.keys(variables).length === 0 ? '' : JSON.stringify(variables);
  }, [model, position, thread]);
  if (text === '') return null;
  return <JsonBlock label="Variables in scope" value={text} testId={tid('panel-variables')} />;
}

/** Iterations: pick one by number (a Map may have thousands), with a strip of its neighbours. */
function Iterations({ model, visit, position, thread, onThread, seek, advance }: { model: ReplayModel; visit: Visit; position: number; thread?: number; onThread(t: number | undefined): void; seek(p: number): void; advance(p: number): void }) {
  const tid = useTestId();
  const { iterations, indexOfThread } = iterationsOf(model, visit);
  // The picker depends on the position only through "go forward to it", which `advance` judges: it is
  // not re-rendered on each step.
  const pick = useCallback((k: number) => {
    const it = iterations[Math.max(0, Math.min(iterations.length - 1, k))];
    onThread(it.thread);
    advance(model.threads[it.thread].startEvent + 1);
  }, [iterations, onThread, advance, model]);
  if (iterations.length === 0) return null;
  const selectedIndex = thread === undefined ? -1 : indexOfThread.get(thread) ?? -1;
  // Only a window of neighbours is drawn, so a 2,500-item Map costs the same as a small one.
  const from = Math.max(0, Math.min(iterations.length - STRIP, (selectedIndex >= 0 ? selectedIndex : 0) - STRIP / 2));
  return (
    <section className="dbg-block" data-testid={tid('panel-iterations')}>
      <div className="dbg-block-title">Iterations ({iterations.length.toLocaleString('en')})</div>
      <IterationPicker model={model} iterations={iterations} from={from} selectedIndex={selectedIndex} pick={pick} onThread={onThread} seek={seek} />
      <IterationStrip model={model} iterations={iterations} from={from} position={position} thread={thread} onThread={onThread} />
    </section>
  );
}

const IterationPicker = memo(function IterationPicker({ model, iterations, from, selectedIndex, pick, onThread, seek }: { model: ReplayModel; iterations: { iteration: number; thread: number }[]; from: number; selectedIndex: number; pick(k: number): void; onThread(t: number | undefined): void; seek(p: number): void }) {
  const tid = useTestId();
  const selected = selectedIndex >= 0 ? iterations[selectedIndex] : undefined;
  const strip = iterations.slice(from, from + STRIP);
  return (
    <div className="dbg-iter-pick">
      <label>Show iteration
        <select className="input" value={selected ? String(selected.iteration) : ''} data-testid={tid('iteration-select')}
          onChange={(e) => { if (e.target.value === '') onThread(undefined); else pick(iterations.findIndex((i) => String(i.iteration) === e.target.value)); }}>
          <option value="">all (combined)</option>
          {strip.map((i) => <option key={i.thread} value={i.iteration}>#{i.iteration}</option>)}
        </select>
      </label>
      <IterationNumber iterations={iterations} pick={pick} />
      <button type="button" className="button icon small" aria-label="Previous iteration" disabled={selectedIndex <= 0} onClick={() => pick(selectedIndex - 1)}>‹</button>
      <button type="button" className="button icon small" aria-label="Next iteration" disabled={selectedIndex >= iterations.length - 1} onClick={() => pick(selectedIndex + 1)}>›</button>
      {selected && <button type="button" className="button small" onClick={() => seek(model.threads[selected.thread].startEvent + 1)}>Go to its start</button>}
    </div>
  );
});

/**
 * Its own memoised component, so the panel's flips between shown and kept (its test ids) do not update
 * the input: React 19 re-applies an input's `type` and `name` on every update, and a form control
 * changing wakes the browser's autofill, which lays out the page in a task of its own.
 */
const IterationNumber = memo(function IterationNumber({ iterations, pick }: { iterations: { iteration: number; thread: number }[]; pick(k: number): void }) {
  return (
    <input className="input dbg-iter-number" type="number" min={0} max={iterations.length - 1} aria-label="Iteration number" placeholder="#"
      onKeyDown={(e) => { if (e.key === 'Enter') { const n = Number((e.target as HTMLInputElement).value); const k = iterations.findIndex((i) => i.iteration === n); if (k >= 0) pick(k); } }} />
  );
});

function IterationStrip({ model, iterations, from, position, thread, onThread }: { model: ReplayModel; iterations: { iteration: number; thread: number }[]; from: number; position: number; thread?: number; onThread(t: number | undefined): void }) {
  const strip = iterations.slice(from, from + STRIP);
  return (
    <div className="dbg-iter-strip">
      {strip.map((i) => {
        const th = model.threads[i.thread];
        const state = th.startEvent >= position ? 'pending' : th.endEvent >= 0 && th.endEvent < position ? th.outcome : 'running';
        return <IterationButton key={i.thread} iteration={i.iteration} thread={i.thread} state={state} active={i.thread === thread} onThread={onThread} />;
      })}
      {iterations.length > STRIP && <span className="dbg-note">{from > 0 ? `${from} before · ` : ''}{Math.max(0, iterations.length - from - STRIP)} more</span>}
    </div>
  );
}

const IterationButton = memo(function IterationButton({ iteration, thread, state, active, onThread }: { iteration: number; thread: number; state: string; active: boolean; onThread(t: number | undefined): void }) {
  return <button type="button" className={`dbg-iter s-${state}${active ? ' is-active' : ''}`} title={`Iteration ${iteration}: ${state}`} onClick={() => onThread(active ? undefined : thread)}>{iteration}</button>;
});
const STRIP = 48;

/** A Map visit's iterations in order (thousands, sorted): built once per visit, not per step or per remount. */
const iterationLists = new WeakMap<Visit, { iterations: { iteration: number; thread: number }[]; indexOfThread: Map<number, number> }>();
function iterationsOf(model: ReplayModel, visit: Visit) {
  let list = iterationLists.get(visit);
  if (!list) {
    const iterations = model.iterationsOf(visit.index);
    list = { iterations, indexOfThread: new Map(iterations.map((it, k) => [it.thread, k])) };
    iterationLists.set(visit, list);
  }
  return list;
}

function Branches({ model, visit, position, thread, onThread, advance }: { model: ReplayModel; visit: Visit; position: number; thread?: number; onThread(t: number | undefined): void; advance(p: number): void }) {
  const tid = useTestId();
  const branches = [...(visit.branches ?? [])].sort((a, b) => a[0] - b[0]);
  if (branches.length === 0) return null;
  return (
    <section className="dbg-block" data-testid={tid('panel-branches')}>
      <div className="dbg-block-title">Branches</div>
      <ul className="dbg-branches">
        {branches.map(([b, t]) => {
          const th = model.threads[t];
          const state = th.startEvent >= position ? 'pending' : th.endEvent >= 0 && th.endEvent < position ? th.outcome : 'running';
          const names = th.visits.map((v) => model.visits[v].name);
          return (
            <li key={b} className={t === thread ? 'is-active' : ''}>
              <button type="button" className="link" onClick={() => { onThread(t === thread ? undefined : t); if (th.startEvent >= 0) advance(th.startEvent + 1); }}>Branch {b + 1}</button>
              <span className={`dbg-status s-${state}`}>{state}</span>
              <span className="dbg-branch-path">{names.join(' → ') || '—'}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Scrubbing alternates between a few visits (a Map and its iterations' states): compute each one's data flow once. */
const flows = new WeakMap<Visit, ReturnType<typeof dataFlowOf>>();
function cachedDataFlow(model: ReplayModel, visit: Visit): ReturnType<typeof dataFlowOf> {
  let flow = flows.get(visit);
  if (!flow) flows.set(visit, (flow = dataFlowOf(model, visit)));
  return flow;
}

const BEFORE_WORK = new Set(['Input', 'InputPath', 'Parameters', 'Arguments']);
