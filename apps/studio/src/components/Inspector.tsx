/**
 * The inspector: a form for the selected state generated from the field catalogue, the selected
 * transition, or the machine itself when nothing is selected. Every change is an edit operation
 * on the store, so it is undoable and shows in the graph and code pane at once.
 */
import { useEffect, useRef, useState } from 'react';
import { isObject, isStateType, statesOf, type JsonObject, type JsonValue, type QueryLanguage } from '../model/asl';
import { deleteSelection, duplicateSelection, renameSelected, splitStateId } from '../model/actions';
import { fieldsFor, FIELD_CATALOGUE, type FieldSpec } from '../model/catalogue';
import type { StudioDiagnostic } from '../model/diagnostics';
import { formatExpression, formatPath, parseExpressionText, parseNumberOrExpression, parsePathText } from '../model/field-values';
import { buildGraph } from '../model/graph';
import { connect, disconnect, listScopes, moveState, setField } from '../model/ops';
import { getAt, parsePointer, stateId, toPointer } from '../model/pointer';
import { checkJsonataValue } from '../model/syntax';
import { Checkbox, JsonInput, Select, TextInput } from './inputs';
import { CatchEditor, ChoiceEditor, RetryEditor } from './ListEditors';
import { useStore, useStudio } from './store-context';
import { TypeIcon } from './TypeIcon';

export function Inspector() {
  const selection = useStudio((s) => s.selection);
  return (
    <div className="inspector" data-testid="inspector">
      {selection?.kind === 'state' ? <StateInspector id={selection.id} /> : selection?.kind === 'edge' ? <EdgeInspector id={selection.id} /> : <MachineInspector />}
    </div>
  );
}

function useProblems(prefix: string): StudioDiagnostic[] {
  const diagnostics = useStudio((s) => s.diagnostics);
  return diagnostics.filter((d) => d.location === prefix || d.location.startsWith(prefix + '/'));
}

function messages(diagnostics: StudioDiagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}: ${d.message}`);
}

function StateInspector({ id }: { id: string }) {
  const store = useStore();
  const definition = useStudio((s) => s.history.present.definition);
  const state = getAt(definition, parsePointer(id));
  const problems = useProblems(id);
  const nameRef = useRef<HTMLInputElement>(null);
  const [renameError, setRenameError] = useState<string>();

  useEffect(() => {
    const focusName = () => { nameRef.current?.focus(); nameRef.current?.select(); };
    window.addEventListener('stepwise:rename', focusName);
    return () => window.removeEventListener('stepwise:rename', focusName);
  }, []);

  if (!isObject(state)) return <p className="empty-hint">This state no longer exists.</p>;
  const { scopeId, name } = splitStateId(id);
  const graph = buildGraph(definition);
  const language: QueryLanguage = graph.nodeById.get(id)?.queryLanguage ?? 'JSONPath';
  const scopeObject = getAt(definition, parsePointer(scopeId));
  const siblings = Object.keys(statesOf(scopeObject)).filter((n) => n !== name);
  const type = state.Type;
  const fieldProblems = (key: string) => problems.filter((d) => d.field === key);
  const known = new Set(isStateType(type) ? FIELD_CATALOGUE[type].map((f) => f.key) : []);
  const stateLevel = problems.filter((d) => !d.field || !known.has(d.field));
  const set = (key: string, value: JsonValue | undefined) => store.edit((d) => setField(d, `${id}/${escape(key)}`, value), `field:${id}/${key}`);

  const commitName = (text: string) => {
    if (text === name) { setRenameError(undefined); return; }
    const before = store.getState().notice?.seq;
    const ok = renameSelected(store, text);
    setRenameError(ok ? undefined : store.getState().notice?.seq !== before ? store.getState().notice?.message : 'Cannot rename');
  };

  return (
    <>
      <header className="inspector-header">
        <TypeIcon type={typeof type === 'string' ? type : undefined} size={20} />
        <div className="inspector-title">
          <span className="inspector-kicker">{typeof type === 'string' ? type : 'Unknown type'} state · {language}</span>
          <RenameInput key={id} name={name} inputRef={nameRef} onCommit={commitName} error={renameError} />
        </div>
      </header>
      <div className="inspector-actions">
        <button type="button" className="button small" onClick={() => duplicateSelection(store)} title="Duplicate (Ctrl+D)">Duplicate</button>
        <MoveToScope id={id} scopeId={scopeId} name={name} />
        <button type="button" className="button small danger" onClick={() => deleteSelection(store)} title="Delete (Del)">Delete</button>
      </div>
      {stateLevel.length > 0 && (
        <div className="state-problems" data-testid="state-problems">
          {messages(stateLevel).map((m, i) => <div key={i} className="field-problem">{m}</div>)}
        </div>
      )}
      {isStateType(type)
        ? fieldsFor(type, language, Object.keys(state)).map((spec) => (
            <FieldEditor key={spec.key} spec={spec} state={state} id={id} language={language} siblings={siblings} scopeId={scopeId} name={name}
              problems={fieldProblems(spec.key)} set={set} />
          ))
        : <JsonInput label="State" value={state} onCommit={(v) => isObject(v) && store.edit((d) => setField(d, id, v))} />}
      <UnknownFields state={state} known={known} set={set} problems={fieldProblems} />
    </>
  );
}

function RenameInput({ name, inputRef, onCommit, error }: { name: string; inputRef: React.Ref<HTMLInputElement>; onCommit: (text: string) => void; error?: string }) {
  const [draft, setDraft] = useState(name);
  useEffect(() => setDraft(name), [name]);
  return (
    <>
      <input
        ref={inputRef}
        className="rename-input"
        aria-label="State name"
        data-testid="state-name-input"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => onCommit(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') { e.preventDefault(); onCommit(draft); }
          if (e.key === 'Escape') { setDraft(name); (e.target as HTMLInputElement).blur(); }
        }}
      />
      {error && <div className="field-error">{error}</div>}
    </>
  );
}

function MoveToScope({ id, scopeId, name }: { id: string; scopeId: string; name: string }) {
  const store = useStore();
  const definition = useStudio((s) => s.history.present.definition);
  const scopes = listScopes(definition).filter((s) => s.id !== scopeId && s.id !== id && !s.id.startsWith(id + '/'));
  if (scopes.length === 0) return null;
  return (
    <select
      className="input small"
      value=""
      aria-label="Move to"
      title="Move this state into another scope"
      onChange={(e) => {
        const target = e.target.value;
        let movedName = name;
        const ok = store.edit((d) => { const r = moveState(d, scopeId, name, target); movedName = r.name; return r.definition; });
        if (ok) store.select({ kind: 'state', id: stateId(target, movedName) });
      }}
    >
      <option value="">Move to…</option>
      {scopes.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
    </select>
  );
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

interface FieldEditorProps {
  spec: FieldSpec;
  state: JsonObject;
  id: string;
  scopeId: string;
  name: string;
  language: QueryLanguage;
  siblings: string[];
  problems: StudioDiagnostic[];
  set: (key: string, value: JsonValue | undefined) => void;
}

function FieldEditor({ spec, state, id, scopeId, name, language, siblings, problems, set }: FieldEditorProps) {
  const store = useStore();
  const value = state[spec.key];
  const label = spec.key + (spec.required ? ' *' : '');
  const common = { label, help: spec.help, problems: messages(problems) };
  const problemsAt = (index: number) => messages(problems.filter((d) => parsePointer(d.location)[parsePointer(id).length + 1] === String(index)));
  switch (spec.kind) {
    case 'text':
    case 'timestamp':
      return <TextInput {...common} value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)} onCommit={(t) => set(spec.key, t === '' ? undefined : t)} testId={`field-${spec.key}`} />;
    case 'path':
      return <TextInput {...common} mono value={formatPath(value)} check={(t) => { const r = parsePathText(t); return r.ok ? undefined : r.message; }}
        onCommit={(t) => { const r = parsePathText(t); if (r.ok) set(spec.key, r.value); }} placeholder="$" testId={`field-${spec.key}`} />;
    case 'expression':
      return <TextInput {...common} mono multiline value={formatExpression(value)} check={(t) => { const r = parseExpressionText(t); return r.ok ? undefined : r.message; }}
        onCommit={(t) => { const r = parseExpressionText(t); if (r.ok) set(spec.key, r.value); }} placeholder={language === 'JSONata' ? '{% $states.input %}' : ''} testId={`field-${spec.key}`} />;
    case 'json':
      return <JsonInput {...common} value={value} onCommit={(v) => set(spec.key, v)} extraCheck={language === 'JSONata' ? checkJsonataValue : undefined} testId={`field-${spec.key}`} />;
    case 'number':
    case 'numberOrExpression':
      return <TextInput {...common} value={value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)}
        check={(t) => { const r = parseNumberOrExpression(t); return r.ok ? undefined : r.message; }}
        onCommit={(t) => { const r = parseNumberOrExpression(t); if (r.ok) set(spec.key, r.value); }} testId={`field-${spec.key}`} />;
    case 'boolean':
      if (spec.key === 'End') {
        return <Checkbox {...common} checked={value === true} onChange={(checked) => store.edit((d) => {
          const pointer = `${id}`;
          const current = getAt(d, parsePointer(pointer));
          if (!isObject(current)) return d;
          if (checked) { const { Next: _n, ...rest } = current; return setField(d, pointer, { ...rest, End: true }); }
          const { End: _e, ...rest } = current;
          return setField(d, pointer, rest);
        })} />;
      }
      return <Checkbox {...common} checked={value === true} onChange={(checked) => set(spec.key, checked || undefined)} />;
    case 'stateRef': {
      const options = [{ value: '', label: '—' }, ...siblings.map((n) => ({ value: n, label: n }))];
      const current = typeof value === 'string' ? value : '';
      if (current && !siblings.includes(current)) options.push({ value: current, label: `${current} (missing)` });
      return <Select {...common} value={current} options={options} testId={`field-${spec.key}`}
        onChange={(target) => store.edit((d) => {
          if (!target) return spec.key === 'Next' ? disconnect(d, `${id}/Next`) : setField(d, `${id}/${spec.key}`, undefined);
          return connect(d, scopeId, name, target, spec.key === 'Default' ? 'default' : 'next');
        })} />;
    }
    case 'language':
      return <Select {...common} value={typeof value === 'string' ? value : ''} options={[{ value: '', label: 'Inherit' }, { value: 'JSONPath', label: 'JSONPath' }, { value: 'JSONata', label: 'JSONata' }]}
        onChange={(v) => set(spec.key, v || undefined)} />;
    case 'retry':
      return <Section title="Retry" count={Array.isArray(value) ? value.length : 0} problems={messages(problems.filter((d) => d.location === `${id}/Retry`))}>
        <RetryEditor value={value} onChange={(v) => set('Retry', v)} language={language} stateNames={siblings} problemsAt={problemsAt} />
      </Section>;
    case 'catch':
      return <Section title="Catch" count={Array.isArray(value) ? value.length : 0} problems={messages(problems.filter((d) => d.location === `${id}/Catch`))}>
        <CatchEditor value={value} onChange={(v) => set('Catch', v)} language={language} stateNames={siblings} problemsAt={problemsAt} />
      </Section>;
    case 'choices':
      return <Section title="Choice rules" count={Array.isArray(value) ? value.length : 0} problems={messages(problems.filter((d) => d.location === `${id}/Choices`))}>
        <ChoiceEditor value={value} onChange={(v) => set('Choices', v)} language={language} stateNames={siblings} problemsAt={problemsAt} />
      </Section>;
    case 'scope':
      return <ScopeSummary spec={spec} state={state} set={set} />;
  }
}

function Section({ title, count, problems, children }: { title: string; count: number; problems: string[]; children: React.ReactNode }) {
  return (
    <details className="section" open={count > 0 || problems.length > 0}>
      <summary>{title}<span className="count">{count}</span></summary>
      {problems.map((p, i) => <div key={i} className="field-problem">{p}</div>)}
      {children}
    </details>
  );
}

function ScopeSummary({ spec, state, set }: { spec: FieldSpec; state: JsonObject; set: FieldEditorProps['set'] }) {
  const value = state[spec.key];
  if (spec.key === 'Branches') {
    const branches = Array.isArray(value) ? value : [];
    return (
      <div className="field">
        <span className="field-label">Branches</span>
        <div className="scope-summary">
          {branches.map((b, i) => (
            <span key={i} className="scope-pill">
              Branch {i + 1} · {Object.keys(statesOf(b)).length} states
              {branches.length > 1 && <button type="button" className="icon-button danger" aria-label={`Remove branch ${i + 1}`} title="Remove branch" onClick={() => set('Branches', branches.filter((_, j) => j !== i))}>✕</button>}
            </span>
          ))}
          <button type="button" className="add-button" onClick={() => set('Branches', [...branches, { StartAt: 'New branch', States: { 'New branch': { Type: 'Pass', End: true } } }])}>+ Add branch</button>
        </div>
      </div>
    );
  }
  if (value === undefined) return null;
  return (
    <div className="field">
      <span className="field-label">{spec.key}</span>
      <div className="scope-summary"><span className="scope-pill">{Object.keys(statesOf(value)).length} states — edit them on the canvas</span></div>
      {isObject(value) && isObject(value.ProcessorConfig) && (
        <JsonInput label="ProcessorConfig" value={value.ProcessorConfig} onCommit={(v) => set(spec.key, { ...value, ProcessorConfig: v ?? {} })} />
      )}
    </div>
  );
}

function UnknownFields({ state, known, set, problems }: { state: JsonObject; known: Set<string>; set: FieldEditorProps['set']; problems: (key: string) => StudioDiagnostic[] }) {
  const unknown = Object.keys(state).filter((k) => k !== 'Type' && !known.has(k));
  if (unknown.length === 0 || known.size === 0) return null;
  return (
    <div className="unknown-fields">
      <div className="field-label">Fields not defined for this state type</div>
      {unknown.map((key) => <JsonInput key={key} label={key} value={state[key]} onCommit={(v) => set(key, v)} problems={messages(problems(key))} />)}
    </div>
  );
}

function EdgeInspector({ id }: { id: string }) {
  const store = useStore();
  const definition = useStudio((s) => s.history.present.definition);
  const graph = buildGraph(definition);
  const edge = graph.edges.find((e) => e.id === id);
  if (!edge) return <p className="empty-hint">This transition no longer exists.</p>;
  const source = graph.nodeById.get(edge.source);
  const target = graph.nodeById.get(edge.target);
  const kindLabel = { next: 'Next', default: 'Default', choice: 'Choice rule', catch: 'Catch', start: 'Start', end: 'End' }[edge.kind];
  return (
    <>
      <header className="inspector-header">
        <div className="inspector-title">
          <span className="inspector-kicker">{kindLabel} transition</span>
          <span className="edge-title">{source?.name} → {target?.name}</span>
        </div>
      </header>
      {edge.label && <p className="edge-rule"><code>{edge.label}</code></p>}
      <div className="inspector-actions">
        <button type="button" className="button small" onClick={() => source && store.select({ kind: 'state', id: source.id })}>Edit {source?.name}</button>
        <button type="button" className="button small danger" onClick={() => { store.edit((d) => disconnect(d, id)); store.select(null); }}>Delete transition</button>
      </div>
      <p className="empty-hint">Field: <code>{id}</code></p>
    </>
  );
}

function MachineInspector() {
  const store = useStore();
  const definition = useStudio((s) => s.history.present.definition);
  const problems = useProblems('');
  if (!isObject(definition)) return <p className="empty-hint">The definition is not an object.</p>;
  const names = Object.keys(statesOf(definition));
  const top = problems.filter((d) => parsePointer(d.location).length <= 1);
  const set = (key: string, value: JsonValue | undefined) => store.edit((d) => setField(d, toPointer([key]), value), `machine:${key}`);
  const graph = buildGraph(definition);
  const count = graph.nodes.filter((n) => n.kind === 'state' || n.kind === 'container').length;
  return (
    <>
      <header className="inspector-header">
        <div className="inspector-title">
          <span className="inspector-kicker">State machine · {count} states</span>
          <span className="edge-title">Machine settings</span>
        </div>
      </header>
      <p className="empty-hint">Select a state or a transition on the canvas to edit it.</p>
      <TextInput label="Comment" value={typeof definition.Comment === 'string' ? definition.Comment : ''} onCommit={(t) => set('Comment', t || undefined)} multiline problems={messages(top.filter((d) => d.location === '/Comment'))} />
      <Select label="StartAt *" value={typeof definition.StartAt === 'string' ? definition.StartAt : ''} options={[{ value: '', label: '—' }, ...names.map((n) => ({ value: n, label: n }))]}
        onChange={(v) => set('StartAt', v)} problems={messages(top.filter((d) => d.location === '/StartAt'))} />
      <Select label="QueryLanguage" value={typeof definition.QueryLanguage === 'string' ? definition.QueryLanguage : ''}
        options={[{ value: '', label: 'JSONPath (default)' }, { value: 'JSONPath', label: 'JSONPath' }, { value: 'JSONata', label: 'JSONata' }]} onChange={(v) => set('QueryLanguage', v || undefined)} />
      <TextInput label="TimeoutSeconds" value={definition.TimeoutSeconds?.toString() ?? ''} check={(t) => (/^\d+$/.test(t.trim()) ? undefined : 'A whole number of seconds')}
        onCommit={(t) => set('TimeoutSeconds', t.trim() === '' ? undefined : Number(t))} />
      <TextInput label="Version" value={typeof definition.Version === 'string' ? definition.Version : ''} onCommit={(t) => set('Version', t || undefined)} />
      {top.filter((d) => !['/Comment', '/StartAt'].includes(d.location)).map((d, i) => <div key={i} className="field-problem">{d.code}: {d.message}</div>)}
    </>
  );
}
