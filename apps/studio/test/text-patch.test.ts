import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../src/model/asl';
import { locateValue } from '../src/model/json-locate';
import { connect, renameState, setField } from '../src/model/ops';
import { changedSubtree, patchText } from '../src/model/text-patch';

// Hand-formatted: compact arrays, a custom key order, four-space indent.
const text = `{
    "StartAt": "A",
    "States": {
        "A": { "Type": "Pass", "Result": [1, 2, 3], "Next": "B" },
        "B": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Retry": [ { "ErrorEquals": ["States.ALL"], "MaxAttempts": 2 } ],
            "End": true
        }
    }
}
`;
const definition = JSON.parse(text) as JsonObject;

describe('locateValue', () => {
  it('finds object values, array items and strings in arrays', () => {
    const at = (p: string) => { const r = locateValue(text, p)!; return text.slice(r.from, r.to); };
    expect(at('/States/A')).toBe('{ "Type": "Pass", "Result": [1, 2, 3], "Next": "B" }');
    expect(at('/States/A/Result')).toBe('[1, 2, 3]');
    expect(at('/States/B/Retry/0/ErrorEquals/0')).toBe('"States.ALL"');
    expect(at('/States/B/Retry/0/MaxAttempts')).toBe('2');
  });
});

describe('patchText', () => {
  it('an inspector edit rewrites only that field', () => {
    const after = setField(definition, '/States/B/Retry/0/MaxAttempts', 5);
    expect(changedSubtree(definition, after)).toEqual(['States', 'B', 'Retry', '0', 'MaxAttempts']);
    expect(patchText(text, definition, after)).toBe(text.replace('"MaxAttempts": 2', '"MaxAttempts": 5'));
  });

  it("a new field rewrites only its state, in the user's indentation", () => {
    const after = setField(definition, '/States/A/Comment', 'hi');
    const patched = patchText(text, definition, after);
    expect(JSON.parse(patched)).toEqual(after);
    expect(patched).toContain('"Retry": [ { "ErrorEquals": ["States.ALL"], "MaxAttempts": 2 } ]');
    expect(patched).toContain('        "A": {\n            "Type": "Pass",');
  });

  it('a connect changes one state and leaves the rest as written', () => {
    const after = connect(definition, '', 'B', 'A', 'next');
    const patched = patchText(text, definition, after);
    expect(JSON.parse(patched)).toEqual(after);
    expect(patched).toContain('"A": { "Type": "Pass", "Result": [1, 2, 3], "Next": "B" }');
  });

  it('structural changes (a rename) are still correct', () => {
    const after = renameState(definition, '', 'A', 'First');
    expect(JSON.parse(patchText(text, definition, after))).toEqual(after);
  });
});
