/**
 * The run form: input JSON, how Task states behave (per-state mocked responses with
 * MockConfigFile import/export, or JavaScript handlers that run in the worker), real or virtual
 * time, start and stop.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { formToMockConfig, mockConfigToForm, taskStatesOf, type MockRow } from './mocks';
import { buildStartRequest, type RunSettings } from './run-settings';
import type { DebugSession } from './session';
import { download } from '../components/file-actions';
import { JsonEditor } from './JsonEditor';

/** Memoised so scrubbing (which re-renders the page) leaves the form alone. */
export const RunPanel = memo(function RunPanel({ session, definition, machineName, settings, onSettings, running }: {
  session: DebugSession; definition: unknown; machineName: string; settings: RunSettings; onSettings(s: RunSettings): void; running: boolean;
}) {
  const tasks = useMemo(() => taskStatesOf(definition), [definition]);
  const resources = useMemo(() => [...new Set(tasks.map((t) => t.resource).filter(Boolean))], [tasks]);
  const [inputError, setInputError] = useState<string>();
  const mockFile = useRef<HTMLInputElement>(null);
  const set = (patch: Partial<RunSettings>) => onSettings({ ...settings, ...patch });
  const setRows = (state: string, rows: MockRow[]) => set({ mocks: { ...settings.mocks, [state]: rows } });

  const start = () => {
    const built = buildStartRequest(definition, settings);
    if (!built.ok) { session.problem('The run cannot start', built.error); return; }
    session.start(built.request);
  };

  const importMocks = async (file: File) => {
    let parsed: unknown;
    try { parsed = JSON.parse(await file.text()); } catch (error) {
      session.problem(`"${file.name}" is not valid JSON`, String(error)); return;
    }
    const result = mockConfigToForm(parsed, machineName);
    if (!result.ok) { session.problem(`"${file.name}" is not a mock configuration`, result.error); return; }
    set({ mocks: result.form, mode: 'mocks' });
    session.notify(`Mocks of test case "${result.testCase}" (machine "${result.machineName}") loaded from ${file.name}.`);
  };

  const exportMocks = () => {
    try {
      download(`${machineName}.MockConfigFile.json`, JSON.stringify(formToMockConfig(settings.mocks, machineName), null, 2));
    } catch (error) {
      session.problem('The mocks cannot be exported', error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section className="dbg-run" data-testid="run-panel">
      <div className="dbg-label">Input
        <div className={inputError ? 'is-invalid' : ''}>
          <JsonEditor value={settings.input} label="Execution input (JSON)" testId="run-input"
            onChange={(text) => {
              set({ input: text });
              try { JSON.parse(text || '{}'); setInputError(undefined); } catch (err) { setInputError(err instanceof Error ? err.message : String(err)); }
            }} />
        </div>
      </div>
      {inputError && <div className="dbg-field-error">{inputError}</div>}
      <div className="dbg-seg" role="tablist" aria-label="How tasks behave">
        <button type="button" role="tab" aria-selected={settings.mode === 'mocks'} className={settings.mode === 'mocks' ? 'is-on' : ''} onClick={() => set({ mode: 'mocks' })} data-testid="mode-mocks">Mocked responses</button>
        <button type="button" role="tab" aria-selected={settings.mode === 'handlers'} className={settings.mode === 'handlers' ? 'is-on' : ''} onClick={() => set({ mode: 'handlers' })} data-testid="mode-handlers">JS handlers</button>
      </div>
      {settings.mode === 'mocks' ? (
        <div className="dbg-mocks">
          <div className="dbg-row-actions">
            <button type="button" className="button small" onClick={() => mockFile.current?.click()} data-testid="import-mocks">Import MockConfigFile…</button>
            <button type="button" className="button small" onClick={exportMocks}>Export</button>
            <input ref={mockFile} type="file" accept=".json,application/json" hidden data-testid="mock-file-input" onChange={(e) => { const f = e.target.files?.[0]; if (f) void importMocks(f); e.target.value = ''; }} />
          </div>
          {tasks.length === 0 && <p className="dbg-hint">This machine has no Task states: nothing to mock.</p>}
          {tasks.map((t) => <MockEditor key={t.name} state={t.name} resource={t.resource} rows={settings.mocks[t.name] ?? []} onChange={(rows) => setRows(t.name, rows)} />)}
          <p className="dbg-hint">The n-th call of a state gets its n-th response; the last one answers every later call (retries, iterations). A state without responses fails with the engine's "not mocked" error.</p>
        </div>
      ) : (
        <div className="dbg-handlers">
          <p className="dbg-hint">A function per resource, e.g. <code>async (input, context) =&gt; ({'{'} ok: true {'}'})</code> (<code>context.stateName</code> tells states that share a resource apart). It runs inside the engine's worker, never in this page; throw <code>{'{'} error: 'Name', cause: '…' {'}'}</code> to fail. Resources without a handler fall back to the mocked responses.</p>
          {resources.map((r) => (
            <label key={r} className="dbg-label">
              <span className="dbg-resource" title={r}>{r}</span>
              <textarea className="input mono" rows={3} spellCheck={false} value={settings.handlers[r] ?? ''} placeholder="(input, context) => input" data-testid="handler-source"
                onChange={(e) => set({ handlers: { ...settings.handlers, [r]: e.target.value } })} />
            </label>
          ))}
        </div>
      )}
      <div className="dbg-clock">
        <span>Time</span>
        <label><input type="radio" name="clock" value="virtual" checked={settings.clock === 'virtual'} onChange={() => set({ clock: 'virtual' })} /> virtual (Wait/back-off instant)</label>
        <label><input type="radio" name="clock" value="real" checked={settings.clock === 'real'} onChange={() => set({ clock: 'real' })} /> real</label>
      </div>
      <div className="dbg-start">
        <input className="input" placeholder="execution name (optional)" value={settings.name} onChange={(e) => set({ name: e.target.value })} aria-label="Execution name" />
        {running
          ? <button type="button" className="button is-danger" onClick={() => session.stop()} data-testid="stop-run">■ Stop</button>
          : <button type="button" className="button is-primary" onClick={start} disabled={!!inputError} data-testid="start-run">▶ Start</button>}
      </div>
    </section>
  );
});

function MockEditor({ state, resource, rows, onChange }: { state: string; resource: string; rows: MockRow[]; onChange(rows: MockRow[]): void }) {
  const update = (i: number, row: MockRow) => onChange(rows.map((r, k) => (k === i ? row : r)));
  return (
    <div className="dbg-mock" data-testid="mock-state" data-state-name={state}>
      <div className="dbg-mock-head">
        <span className="dbg-mock-name" title={resource}>{state}</span>
        <button type="button" className="button small" onClick={() => onChange([...rows, { kind: 'return', value: '{}' }])} data-testid="add-return">+ Return</button>
        <button type="button" className="button small" onClick={() => onChange([...rows, { kind: 'throw', error: 'States.TaskFailed', cause: '' }])} data-testid="add-throw">+ Throw</button>
      </div>
      {rows.map((row, i) => (
        <div key={i} className="dbg-mock-row">
          <span className="dbg-mock-n" title={`call ${i + 1}`}>{i + 1}</span>
          {row.kind === 'return' ? (
            <textarea className="input mono" rows={2} spellCheck={false} value={row.value} aria-label={`${state} return ${i + 1}`} data-testid="mock-return"
              onChange={(e) => update(i, { kind: 'return', value: e.target.value })} />
          ) : (
            <span className="dbg-mock-throw">
              <input className="input mono" value={row.error} placeholder="Error" aria-label={`${state} error ${i + 1}`} data-testid="mock-error" onChange={(e) => update(i, { ...row, error: e.target.value })} />
              <input className="input" value={row.cause} placeholder="Cause" aria-label={`${state} cause ${i + 1}`} onChange={(e) => update(i, { ...row, cause: e.target.value })} />
            </span>
          )}
          <button type="button" className="button icon small" aria-label="Remove" onClick={() => onChange(rows.filter((_, k) => k !== i))}>×</button>
        </div>
      ))}
    </div>
  );
}
