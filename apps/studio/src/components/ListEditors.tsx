/** Editors for the list-valued fields: Retry, Catch and the Choice rule builder. */
import type { JsonObject, JsonValue, QueryLanguage } from '../model/asl';
import { isObject } from '../model/asl';
import { formatPath, parsePathText, parseExpressionText, formatExpression } from '../model/field-values';
import { CHOICE_OPERATORS, operatorOf, ruleValueKind } from '../model/choice-rules';
import { Field, JsonInput, Select, TextInput } from './inputs';

interface ListProps {
  value: JsonValue | undefined;
  onChange: (value: JsonValue | undefined) => void;
  language: QueryLanguage;
  stateNames: string[];
  problemsAt: (index: number) => string[];
}

const items = (value: JsonValue | undefined): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

function update(list: JsonObject[], index: number, patch: Record<string, JsonValue | undefined>): JsonObject[] {
  return list.map((item, i) => {
    if (i !== index) return item;
    const next: JsonObject = { ...item };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    return next;
  });
}

function move<T>(list: T[], from: number, to: number): T[] {
  const copy = list.slice();
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

function ItemHeader({ title, index, count, onMove, onRemove }: { title: string; index: number; count: number; onMove: (to: number) => void; onRemove: () => void }) {
  return (
    <div className="list-item-header">
      <span className="list-item-title">{title}</span>
      <span className="list-item-actions">
        <button type="button" className="icon-button" disabled={index === 0} onClick={() => onMove(index - 1)} title="Move up" aria-label="Move up">↑</button>
        <button type="button" className="icon-button" disabled={index === count - 1} onClick={() => onMove(index + 1)} title="Move down" aria-label="Move down">↓</button>
        <button type="button" className="icon-button danger" onClick={onRemove} title="Remove" aria-label="Remove">✕</button>
      </span>
    </div>
  );
}

const errorList = (value: JsonValue | undefined) => (Array.isArray(value) ? value.join(', ') : '');
const toErrorList = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);
const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));
const checkNumber = (text: string) => (/^\d+(\.\d+)?$/.test(text.trim()) ? undefined : 'A non-negative number');

export function RetryEditor({ value, onChange, problemsAt }: ListProps) {
  const list = items(value);
  const set = (next: JsonObject[]) => onChange(next.length ? next : undefined);
  return (
    <div className="list-editor" data-testid="retry-editor">
      {list.map((retrier, i) => (
        <div className="list-item" key={i}>
          <ItemHeader title={`Retrier ${i + 1}`} index={i} count={list.length} onMove={(to) => set(move(list, i, to))} onRemove={() => set(list.filter((_, j) => j !== i))} />
          {problemsAt(i).map((p, k) => <div key={k} className="field-problem">{p}</div>)}
          <TextInput label="Errors" help="Comma-separated error names; States.ALL matches any." value={errorList(retrier.ErrorEquals)} onCommit={(t) => set(update(list, i, { ErrorEquals: toErrorList(t) }))} />
          <div className="field-row">
            <TextInput label="Interval (s)" value={retrier.IntervalSeconds?.toString() ?? ''} check={checkNumber} onCommit={(t) => set(update(list, i, { IntervalSeconds: numberOrUndefined(t) }))} placeholder="1" />
            <TextInput label="Max attempts" value={retrier.MaxAttempts?.toString() ?? ''} check={checkNumber} onCommit={(t) => set(update(list, i, { MaxAttempts: numberOrUndefined(t) }))} placeholder="3" />
            <TextInput label="Backoff" value={retrier.BackoffRate?.toString() ?? ''} check={checkNumber} onCommit={(t) => set(update(list, i, { BackoffRate: numberOrUndefined(t) }))} placeholder="2.0" />
          </div>
          <div className="field-row">
            <TextInput label="Max delay (s)" value={retrier.MaxDelaySeconds?.toString() ?? ''} check={checkNumber} onCommit={(t) => set(update(list, i, { MaxDelaySeconds: numberOrUndefined(t) }))} />
            <Select label="Jitter" value={typeof retrier.JitterStrategy === 'string' ? retrier.JitterStrategy : ''} options={[{ value: '', label: '—' }, { value: 'FULL', label: 'FULL' }, { value: 'NONE', label: 'NONE' }]} onChange={(v) => set(update(list, i, { JitterStrategy: v || undefined }))} />
          </div>
        </div>
      ))}
      <button type="button" className="add-button" onClick={() => set([...list, { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 }])}>+ Add retrier</button>
    </div>
  );
}

export function CatchEditor({ value, onChange, language, stateNames, problemsAt }: ListProps) {
  const list = items(value);
  const set = (next: JsonObject[]) => onChange(next.length ? next : undefined);
  const targets = [{ value: '', label: '— choose a state —' }, ...stateNames.map((n) => ({ value: n, label: n }))];
  return (
    <div className="list-editor" data-testid="catch-editor">
      {list.map((catcher, i) => (
        <div className="list-item" key={i}>
          <ItemHeader title={`Catcher ${i + 1}`} index={i} count={list.length} onMove={(to) => set(move(list, i, to))} onRemove={() => set(list.filter((_, j) => j !== i))} />
          {problemsAt(i).map((p, k) => <div key={k} className="field-problem">{p}</div>)}
          <TextInput label="Errors" value={errorList(catcher.ErrorEquals)} onCommit={(t) => set(update(list, i, { ErrorEquals: toErrorList(t) }))} />
          <Select label="Then go to" value={typeof catcher.Next === 'string' ? catcher.Next : ''} options={targets} onChange={(v) => set(update(list, i, { Next: v || undefined }))} />
          {language === 'JSONPath'
            ? <TextInput label="ResultPath" mono value={formatPath(catcher.ResultPath)} check={(t) => { const r = parsePathText(t); return r.ok ? undefined : r.message; }} onCommit={(t) => { const r = parsePathText(t); if (r.ok) set(update(list, i, { ResultPath: r.value })); }} />
            : <TextInput label="Output" mono multiline value={formatExpression(catcher.Output)} check={(t) => { const r = parseExpressionText(t); return r.ok ? undefined : r.message; }} onCommit={(t) => { const r = parseExpressionText(t); if (r.ok) set(update(list, i, { Output: r.value })); }} />}
          <JsonInput label="Assign" value={catcher.Assign} onCommit={(v) => set(update(list, i, { Assign: v }))} />
        </div>
      ))}
      {stateNames.length > 0 && (
        <button type="button" className="add-button" onClick={() => set([...list, { ErrorEquals: ['States.ALL'], Next: stateNames[0] }])}>+ Add catcher</button>
      )}
    </div>
  );
}

export function ChoiceEditor({ value, onChange, language, stateNames, problemsAt }: ListProps) {
  const list = items(value);
  const set = (next: JsonObject[]) => onChange(next);
  const targets = [{ value: '', label: '— choose a state —' }, ...stateNames.map((n) => ({ value: n, label: n }))];
  const newRule = (): JsonObject => language === 'JSONata'
    ? { Condition: '{% $states.input.value = "yes" %}', Next: stateNames[0] ?? '' }
    : { Variable: '$.value', StringEquals: 'yes', Next: stateNames[0] ?? '' };
  return (
    <div className="list-editor" data-testid="choice-editor">
      {list.map((rule, i) => {
        const operator = operatorOf(rule);
        return (
          <div className="list-item" key={i}>
            <ItemHeader title={`Rule ${i + 1}`} index={i} count={list.length} onMove={(to) => set(move(list, i, to))} onRemove={() => set(list.filter((_, j) => j !== i))} />
            {problemsAt(i).map((p, k) => <div key={k} className="field-problem">{p}</div>)}
            {typeof rule.Condition === 'string' || (language === 'JSONata' && !operator) ? (
              <TextInput label="Condition" mono multiline value={typeof rule.Condition === 'string' ? rule.Condition : ''}
                check={(t) => { const r = parseExpressionText(t); return r.ok ? (typeof r.value === 'string' && r.value.trim().startsWith('{%') ? undefined : 'A JSONata expression in {% %}') : r.message; }}
                onCommit={(t) => set(update(list, i, { Condition: t }))} testId="rule-condition" />
            ) : operator ? (
              <>
                <TextInput label="Variable" mono value={typeof rule.Variable === 'string' ? rule.Variable : ''}
                  check={(t) => { const r = parsePathText(t); return r.ok ? undefined : r.message; }}
                  onCommit={(t) => set(update(list, i, { Variable: t }))} />
                <div className="field-row">
                  <Select label="Operator" value={operator} options={CHOICE_OPERATORS.map((o) => ({ value: o, label: o }))}
                    onChange={(next) => {
                      const { [operator]: old, ...rest } = rule;
                      set(list.map((r, j) => (j === i ? { ...rest, [next]: convertOperand(old, next) } : r)));
                    }} />
                  <TextInput label="Value" mono value={formatOperand(rule[operator])}
                    check={(t) => operandError(t, operator)}
                    onCommit={(t) => set(update(list, i, { [operator]: parseOperand(t, operator) }))} />
                </div>
              </>
            ) : (
              <JsonInput label="Compound rule (And / Or / Not)" value={withoutNext(rule)}
                onCommit={(v) => { if (isObject(v)) set(list.map((r, j) => (j === i ? { ...v, Next: r.Next ?? '' } : r))); }} />
            )}
            <Field label="Then go to">
              <select className="input" value={typeof rule.Next === 'string' ? rule.Next : ''} onChange={(e) => set(update(list, i, { Next: e.target.value }))}>
                {targets.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
              </select>
            </Field>
          </div>
        );
      })}
      <button type="button" className="add-button" onClick={() => set([...list, newRule()])}>+ Add rule</button>
    </div>
  );
}

function withoutNext(rule: JsonObject): JsonObject {
  const { Next: _next, ...rest } = rule;
  return rest;
}

function formatOperand(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

function parseOperand(text: string, operator: string): JsonValue {
  switch (ruleValueKind(operator)) {
    case 'number': return Number(text);
    case 'boolean': return text.trim() === 'true';
    default: return text;
  }
}

function operandError(text: string, operator: string): string | undefined {
  switch (ruleValueKind(operator)) {
    case 'number': return /^-?\d+(\.\d+)?$/.test(text.trim()) ? undefined : 'A number';
    case 'boolean': return /^(true|false)$/.test(text.trim()) ? undefined : 'true or false';
    case 'path': { const r = parsePathText(text); return r.ok ? undefined : r.message; }
    default: return undefined;
  }
}

function convertOperand(old: JsonValue | undefined, operator: string): JsonValue {
  const kind = ruleValueKind(operator);
  if (kind === 'number') return typeof old === 'number' ? old : 0;
  if (kind === 'boolean') return typeof old === 'boolean' ? old : true;
  if (kind === 'path') return typeof old === 'string' && old.startsWith('$') ? old : '$.other';
  return typeof old === 'string' ? old : '';
}
