import { describe, expect, it } from 'vitest';
import { formatExpression, parseExpressionText, parseNumberOrExpression, parsePathText } from '../src/model/field-values';
import { ruleLabel } from '../src/model/rule-label';
import { summarise } from '../src/model/summary';
import { checkJsonata, checkJsonPath } from '../src/model/syntax';

describe('syntax checks', () => {
  it('JSONata: parses with or without {% %}, reports errors with a position', () => {
    expect(checkJsonata('{% $states.input.a + 1 %}')).toBeUndefined();
    expect(checkJsonata('$x.y')).toBeUndefined();
    expect(checkJsonata('{% (1 + %}')).toMatch(/\(at \d+\)/);
  });
  it('JSONPath: the shapes ASL accepts', () => {
    for (const ok of ['$', '$.a.b', "$['a b']", '$.items[0]', '$$.Execution.Id']) expect(checkJsonPath(ok), ok).toBeUndefined();
    for (const bad of ['a.b', '$.a[', '$.a.', "$['a"]) expect(checkJsonPath(bad), bad).toBeDefined();
  });
});

describe('field values', () => {
  it('numbers or expressions', () => {
    expect(parseNumberOrExpression('30')).toEqual({ ok: true, value: 30 });
    expect(parseNumberOrExpression('{% $n %}')).toEqual({ ok: true, value: '{% $n %}' });
    expect(parseNumberOrExpression('')).toEqual({ ok: true, value: undefined });
    expect(parseNumberOrExpression('soon').ok).toBe(false);
  });
  it('expressions: JSONata text, JSON, or a plain string', () => {
    expect(parseExpressionText('{% $x %}')).toEqual({ ok: true, value: '{% $x %}' });
    expect(parseExpressionText('{"a": "{% $x %}"}')).toEqual({ ok: true, value: { a: '{% $x %}' } });
    expect(parseExpressionText('{"a": "{% ( %}"}').ok).toBe(false);
    expect(parseExpressionText('OrderRejected')).toEqual({ ok: true, value: 'OrderRejected' });
    expect(parseExpressionText('{"a": ').ok).toBe(false);
    // A string that would read back as a number is shown quoted, so it stays a string.
    expect(formatExpression('42')).toBe('"42"');
    expect(formatExpression('plain')).toBe('plain');
  });
  it('paths: null means discard', () => {
    expect(parsePathText('null')).toEqual({ ok: true, value: null });
    expect(parsePathText('$.a')).toEqual({ ok: true, value: '$.a' });
    expect(parsePathText('a').ok).toBe(false);
  });
});

describe('canvas text', () => {
  it('Choice rule labels', () => {
    expect(ruleLabel({ Variable: '$.n', NumericGreaterThan: 3, Next: 'x' })).toBe('$.n > 3');
    expect(ruleLabel({ And: [{ Variable: '$.a', IsPresent: true }, { Not: { Variable: '$.b', StringEquals: 'x' } }], Next: 'x' })).toBe('$.a IsPresent && !($.b == "x")');
    expect(ruleLabel({ Condition: '{% $x > 1 %}', Next: 'x' })).toBe('$x > 1');
    expect(ruleLabel({ Condition: `{% ${'a'.repeat(80)} %}`, Next: 'x' }).length).toBe(42);
  });
  it('state summaries', () => {
    expect(summarise({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke' })).toBe('lambda:invoke');
    expect(summarise({ Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:resize' })).toBe('λ resize');
    expect(summarise({ Type: 'Choice', Choices: [{}, {}], Default: 'x' })).toBe('2 rules + default');
    expect(summarise({ Type: 'Wait', Seconds: 5 })).toBe('5 s');
    expect(summarise({ Type: 'Map', ItemsPath: '$.items' })).toBe('over $.items');
  });
});
