import { describe, expect, it } from 'vitest';
import { parseDefinitionText } from '../../src/definition/index.ts';

describe('parseDefinitionText (JSON)', () => {
  it('parses a definition and maps pointers to the key at fault', () => {
    const text = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true }\n  }\n}';
    const parsed = parseDefinitionText(text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toEqual({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    expect(parsed.positionOf('/StartAt')).toEqual({ line: 2, column: 3 });
    expect(parsed.positionOf('/States/A')).toEqual({ line: 4, column: 5 });
    expect(parsed.positionOf('/States/A/End')).toEqual({ line: 4, column: 28 });
    expect(parsed.positionOf('')).toEqual({ line: 1, column: 1 });
  });

  it('falls back to the deepest existing ancestor for pointers to missing fields', () => {
    const parsed = parseDefinitionText('{"StartAt": "A",\n "States": {"A": {"Type": "Task"}}}');
    expect(parsed.positionOf('/States/A/Resource')).toEqual({ line: 2, column: 13 });
  });

  it('unescapes RFC 6901 tokens when mapping positions', () => {
    const parsed = parseDefinitionText('{"States": {"a/b~c": {"Type": "Pass"}}}');
    expect(parsed.positionOf('/States/a~1b~0c/Type')).toEqual({ line: 1, column: 23 });
  });

  it.each([
    ['{"StartAt": "A",}', 1, 17],
    ['{"StartAt": "A"\n "States": {}}', 2, 2],
    ['{\n  "a": tru\n}', 2, 8],
    ['{"a": "unterminated', 1, 20],
    ['{"a": 01}', 1, 8],
    ['[1, 2', 1, 6],
    ['{"a": "\\x"}', 1, 8],
  ])('reports broken JSON %j at its line and column', (text, line, column) => {
    const parsed = parseDefinitionText(text);
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', line, column });
  });

  it('warns about duplicate keys at the repeated key, keeping the last value as JSON parsers do', () => {
    const parsed = parseDefinitionText('{"StartAt": "A",\n "StartAt": "B", "States": {}}');
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ severity: 'WARNING', code: 'DUPLICATE_JSON_KEY', location: '/StartAt', line: 2, column: 2 })]);
    expect(parsed.value).toEqual({ StartAt: 'B', States: {} });
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const parsed = parseDefinitionText('['.repeat(100000));
    expect(parsed.diagnostics[0].code).toBe('INVALID_JSON_DESCRIPTION');
  });

  it('says an empty text is a missing description', () => {
    expect(parseDefinitionText('   \n').diagnostics[0].code).toBe('MISSING_DESCRIPTION');
  });

  it('reads a bare word as text that is not JSON (AWS: INVALID_JSON_DESCRIPTION)', () => {
    const parsed = parseDefinitionText('not a definition');
    expect(parsed.diagnostics[0]).toMatchObject({ code: 'INVALID_JSON_DESCRIPTION', line: 1, column: 1 });
  });
});

describe('parseDefinitionText (YAML)', () => {
  const yaml = ['StartAt: A', 'States:', '  A:', '    Type: Pass', '    End: true', ''].join('\n');

  it('parses YAML and maps pointers to keys', () => {
    const parsed = parseDefinitionText(yaml);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toEqual({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    expect(parsed.positionOf('/States/A/End')).toEqual({ line: 5, column: 5 });
  });

  it('reports YAML syntax errors with line and column', () => {
    const parsed = parseDefinitionText('StartAt: A\nStates:\n  A: [1, 2\n');
    expect(parsed.diagnostics.length).toBeGreaterThan(0);
    expect(parsed.diagnostics[0].code).toBe('INVALID_JSON_DESCRIPTION');
    expect(parsed.diagnostics[0].line).toBeGreaterThanOrEqual(3);
  });

  it('reports duplicate YAML keys', () => {
    const parsed = parseDefinitionText('StartAt: A\nStartAt: B\nStates: {}\n');
    expect(parsed.diagnostics[0]).toMatchObject({ code: 'INVALID_JSON_DESCRIPTION', line: 2 });
  });
});
