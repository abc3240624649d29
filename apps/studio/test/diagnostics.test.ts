import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose, stateOfPointer } from '../src/model/diagnostics';
import { installEngineValidator } from '../src/model/engine-validator';
import { locatePointer } from '../src/model/json-locate';
import { toJson } from '../src/model/serialize';
import { EXAMPLES } from '../src/model/examples';

describe('stateOfPointer', () => {
  it('finds the innermost state and its field', () => {
    expect(stateOfPointer('/States/A/Next')).toEqual({ stateId: '/States/A', field: 'Next' });
    expect(stateOfPointer('/States/P/Branches/1/States/B/Catch/0/Next')).toEqual({ stateId: '/States/P/Branches/1/States/B', field: 'Catch' });
    expect(stateOfPointer('/States/M/ItemProcessor/States/X')).toEqual({ stateId: '/States/M/ItemProcessor/States/X', field: undefined });
    expect(stateOfPointer('/States/States/Next')).toEqual({ stateId: '/States/States', field: 'Next' });
    expect(stateOfPointer('/StartAt')).toEqual({});
  });
});

describe('locatePointer', () => {
  const text = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "Nowhere" }\n  }\n}';
  it('finds a key and its scalar value', () => {
    const range = locatePointer(text, '/States/A/Next')!;
    expect(text.slice(range.from, range.to)).toBe('"Next": "Nowhere"');
  });
  it('finds the key of an object value', () => {
    const range = locatePointer(text, '/States/A')!;
    expect(text.slice(range.from, range.to)).toBe('"A"');
  });
  it('finds array items', () => {
    const t = '{"a": [1, {"b": 2}]}';
    const range = locatePointer(t, '/a/1/b')!;
    expect(t.slice(range.from, range.to)).toBe('"b": 2');
  });
});

describe('diagnose with the engine validator', () => {
  beforeAll(() => installEngineValidator());

  it('accepts the gallery examples', () => {
    for (const example of EXAMPLES) {
      const errors = diagnose(toJson(example.definition)).filter((d) => d.severity === 'ERROR');
      expect(errors, example.id).toEqual([]);
    }
  });

  it('places a bad transition on its state, its field and its text', () => {
    const text = toJson({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } });
    const problem = diagnose(text).find((d) => d.severity === 'ERROR' && d.stateId === '/States/A');
    expect(problem).toBeDefined();
    expect(problem!.field).toBe('Next');
    expect(text.slice(problem!.from, problem!.to)).toContain('Nowhere');
  });

  it('reports invalid JSON with a position', () => {
    const [problem] = diagnose('{ "StartAt": ');
    expect(problem.severity).toBe('ERROR');
    expect(problem.from).toBeGreaterThan(0);
  });
});
