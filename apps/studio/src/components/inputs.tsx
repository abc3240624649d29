/**
 * Form inputs that keep what the user is typing locally and commit on every valid change, so
 * edits flow to the graph and code at once while a half-typed value never corrupts the model.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { JsonValue } from '../model/asl';

function useDraft(external: string) {
  const [draft, setDraft] = useState(external);
  const focused = useRef(false);
  // Follow outside changes (undo, code pane) unless the user is typing here.
  useEffect(() => { if (!focused.current) setDraft(external); }, [external]);
  return { draft, setDraft, focused };
}

export function Field({ label, help, error, problems, children, htmlFor }: { label: string; help?: string; error?: string; problems?: string[]; children: ReactNode; htmlFor?: string }) {
  return (
    <div className={`field${error || problems?.length ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={htmlFor} title={help}>{label}</label>
      {children}
      {error && <div className="field-error" role="alert">{error}</div>}
      {problems?.map((p, i) => <div key={i} className="field-problem" data-testid="field-problem">{p}</div>)}
    </div>
  );
}

interface TextProps {
  label: string;
  help?: string;
  value: string;
  /** Returns a message when the text is not acceptable; the text is then not committed. */
  check?: (text: string) => string | undefined;
  onCommit: (text: string) => void;
  multiline?: boolean;
  placeholder?: string;
  problems?: string[];
  mono?: boolean;
  testId?: string;
  onBlur?: () => void;
  inputRef?: React.Ref<HTMLInputElement>;
}

export function TextInput({ label, help, value, check, onCommit, multiline, placeholder, problems, mono, testId, onBlur, inputRef }: TextProps) {
  const { draft, setDraft, focused } = useDraft(value);
  const id = useId();
  const error = check && draft !== '' ? check(draft) : undefined;
  const change = (text: string) => {
    setDraft(text);
    if (!check || text === '' || !check(text)) onCommit(text);
  };
  const common = {
    id,
    value: draft,
    placeholder,
    className: `input${mono ? ' mono' : ''}`,
    'data-testid': testId,
    'aria-invalid': !!error,
    spellCheck: false,
    onFocus: () => { focused.current = true; },
    onBlur: () => { focused.current = false; setDraft(value); onBlur?.(); },
  };
  return (
    <Field label={label} help={help} error={error} problems={problems} htmlFor={id}>
      {multiline
        ? <textarea {...common} rows={Math.min(10, Math.max(2, draft.split('\n').length))} onChange={(e) => change(e.target.value)} />
        : <input {...common} ref={inputRef} onChange={(e) => change(e.target.value)} />}
    </Field>
  );
}

export function formatJson(value: JsonValue | undefined): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

/** A JSON value; empty text removes the field. `extraCheck` runs on the parsed value. */
export function JsonInput({ label, help, value, onCommit, problems, extraCheck, testId }: {
  label: string; help?: string; value: JsonValue | undefined; onCommit: (value: JsonValue | undefined) => void; problems?: string[];
  extraCheck?: (value: JsonValue) => string | undefined; testId?: string;
}) {
  const check = (text: string) => {
    try {
      const parsed = JSON.parse(text) as JsonValue;
      return extraCheck?.(parsed);
    } catch (e) {
      return e instanceof Error ? e.message : 'invalid JSON';
    }
  };
  return (
    <TextInput
      label={label} help={help} value={formatJson(value)} multiline mono check={check} problems={problems} testId={testId}
      onCommit={(text) => onCommit(text.trim() === '' ? undefined : (JSON.parse(text) as JsonValue))}
    />
  );
}

export function Select({ label, help, value, options, onChange, problems, testId }: {
  label: string; help?: string; value: string; options: { value: string; label: string }[]; onChange: (value: string) => void; problems?: string[]; testId?: string;
}) {
  const id = useId();
  return (
    <Field label={label} help={help} problems={problems} htmlFor={id}>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Field>
  );
}

export function Checkbox({ label, help, checked, onChange, problems }: { label: string; help?: string; checked: boolean; onChange: (checked: boolean) => void; problems?: string[] }) {
  const id = useId();
  return (
    <div className={`field field-inline${problems?.length ? ' has-error' : ''}`}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id} title={help}>{label}</label>
      {problems?.map((p, i) => <div key={i} className="field-problem">{p}</div>)}
    </div>
  );
}
