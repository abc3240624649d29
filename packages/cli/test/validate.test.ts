/**
 * `stepwise validate` end to end: the real binary, real files in a temporary directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const bin = resolve(dirname(fileURLToPath(import.meta.url)), '../bin/stepwise.js');
let dir: string;

function validate(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'validate', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const good = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stepwise-validate-'));
  writeFileSync(join(dir, 'good.json'), JSON.stringify(good, null, 2));
  writeFileSync(join(dir, 'good.yaml'), 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n');
  writeFileSync(join(dir, 'bad.json'), '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "B" },\n    "C": { "Type": "Succeed" }\n  }\n}\n');
  writeFileSync(join(dir, 'broken.json'), '{\n  "StartAt": "A",\n  "States": {,}\n}\n');
  writeFileSync(join(dir, 'broken.yaml'), 'StartAt: A\nStates:\n  A: [unclosed\n');
  mkdirSync(join(dir, 'many'));
  for (let i = 0; i < 300; i++) writeFileSync(join(dir, 'many', `m${String(i).padStart(3, '0')}.json`), JSON.stringify(good));
});

// Each test spawns Node with the tsx loader, which takes seconds on a busy machine.
describe('stepwise validate', { timeout: 120_000 }, () => {
  it('exits 0 when every file is valid, JSON and YAML alike', () => {
    const result = validate(join(dir, 'good.json'), join(dir, 'good.yaml'));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('prints file:line:col CODE message for each problem and exits 1', () => {
    const file = join(dir, 'bad.json');
    const result = validate(join(dir, 'good.json'), file);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContain(`${file}:4:28 MISSING_TRANSITION_TARGET 'Next' names 'B', which is not a state of the state machine. (at /States/A/Next)`);
    expect(lines.some((line) => line.startsWith(`${file}:5:5 MISSING_TRANSITION_TARGET State 'C' is not reachable`))).toBe(true);
  });

  it('reports broken JSON and YAML with the line and column of the fault', () => {
    const result = validate(join(dir, 'broken.json'), join(dir, 'broken.yaml'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${join(dir, 'broken.json')}:3:14 INVALID_JSON_DESCRIPTION`);
    expect(result.stdout).toMatch(new RegExp(`${join(dir, 'broken.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ INVALID_JSON_DESCRIPTION`));
  });

  it('exits 2 when a file cannot be read, still checking the others', () => {
    const result = validate(join(dir, 'missing.json'), join(dir, 'bad.json'));
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('UNREADABLE_FILE');
    expect(result.stdout).toContain('MISSING_TRANSITION_TARGET');
  });

  it('gives tools one JSON entry per file', () => {
    const result = validate('--format', 'json', join(dir, 'good.json'), join(dir, 'bad.json'));
    expect(result.code).toBe(1);
    const entries = JSON.parse(result.stdout);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({ file: join(dir, 'good.json'), valid: true, diagnostics: [] });
    expect(entries[1].valid).toBe(false);
    expect(entries[1].diagnostics).toContainEqual({
      severity: 'ERROR',
      code: 'MISSING_TRANSITION_TARGET',
      message: "'Next' names 'B', which is not a state of the state machine.",
      location: '/States/A/Next',
      line: 4,
      column: 28,
    });
  });

  it('takes hundreds of files in one call (and directories)', () => {
    const files = Array.from({ length: 300 }, (_, i) => join(dir, 'many', `m${String(i).padStart(3, '0')}.json`));
    const result = validate('--format', 'json', ...files);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(300);
    const byDirectory = validate('--format=json', join(dir, 'many'));
    expect(JSON.parse(byDirectory.stdout).map((e: { file: string }) => e.file)).toEqual(files);
  });

  it('exits 2 on bad usage', () => {
    expect(validate().code).toBe(2);
    expect(validate('--format', 'xml', join(dir, 'good.json')).code).toBe(2);
    expect(validate('--help').code).toBe(0);
  });
});
