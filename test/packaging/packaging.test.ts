/**
 * The packages as a user gets them: `npm pack` builds @stepwise/engine and @stepwise/cli (their
 * prepack scripts), the tarballs are installed into an empty project outside the repository, and
 * plain Node 20 — no tsx, no source condition — runs a machine through each entry, the `stepwise`
 * bin, and TypeScript checks code against the published declarations.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

/** The parent `npm test` exports npm_* settings (workspace, lifecycle…) that must not steer these npm runs. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));

function run(command: string, args: string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: cleanEnv, encoding: 'utf8', input, timeout: 170_000 });
  if (result.error) throw result.error;
  return result;
}

function succeed(command: string, args: string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function listTarball(file: string): string[] {
  return succeed('tar', ['tzf', file], tmpdir()).split('\n').filter(Boolean).map((entry) => entry.replace(/^package\//, ''));
}

const MACHINE = {
  Comment: 'A Pass with a payload template, then a day-long Wait',
  StartAt: 'Greet',
  States: {
    Greet: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('Hello, {}!', $.name)" }, Next: 'Sleep' },
    Sleep: { Type: 'Wait', Seconds: 86_400, End: true },
  },
};

describe('the published packages', () => {
  let work: string;
  let project: string;
  let engineTarball: string;
  let cliTarball: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'stepwise-packaging-'));
    succeed('npm', ['pack', '--pack-destination', work, '--workspace', '@stepwise/engine', '--workspace', '@stepwise/cli'], REPO_ROOT);
    const tarballs = readdirSync(work);
    engineTarball = join(work, tarballs.find((name) => name.startsWith('stepwise-engine-'))!);
    cliTarball = join(work, tarballs.find((name) => name.startsWith('stepwise-cli-'))!);

    project = join(work, 'project');
    succeed('mkdir', [project], work);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(join(project, 'machine.asl.json'), JSON.stringify(MACHINE));
    // --prefer-offline: the dependencies are in npm's cache since the repository's own `npm ci`.
    succeed('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', engineTarball, cliTarball], project);
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('hold the built JavaScript and declarations, and no tests', () => {
    const engine = listTarball(engineTarball);
    expect(engine).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/core.js', 'dist/core.d.ts']));
    expect(engine.filter((entry) => /(^|\/)test\/|\.test\./.test(entry))).toEqual([]);
    const cli = listTarball(cliTarball);
    expect(cli).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/stepwise.js', 'dist/main.js', 'dist/commands/run.js']));
    // Without src/, the bin runs dist/ (see bin/stepwise.js).
    expect(cli.filter((entry) => entry.startsWith('src/') || entry.startsWith('test/'))).toEqual([]);
  });

  it('run a machine under plain Node through the default entry, with JSONata, and through ./core', () => {
    const script = `
      import { Engine } from '@stepwise/engine';
      import * as core from '@stepwise/engine/core';
      const engine = new Engine({ clock: 'virtual' });
      const execution = engine.createMachine(${JSON.stringify(MACHINE)}).start({ input: { name: 'Ada' } });
      const result = await execution.done;
      const jsonata = await engine.createMachine({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Output: '{% $states.input.a * 2 %}', End: true } } }).run({ a: 21 });
      const viaCore = await core.createMachine({ StartAt: 'A', States: { A: { Type: 'Pass', Result: 'core', End: true } } }).run({});
      const events = execution.history();
      console.log(JSON.stringify({ result, jsonata, viaCore, days: (Date.parse(events.at(-1).timestamp) - Date.parse(events[0].timestamp)) / 86_400_000 }));
    `;
    const result = run(process.execPath, ['--input-type=module', '-'], project, script);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      result: { status: 'SUCCEEDED', output: { greeting: 'Hello, Ada!' } },
      jsonata: { status: 'SUCCEEDED', output: 42 },
      viaCore: { status: 'SUCCEEDED', output: 'core' },
      days: 1,
    });
  });

  it('install a working stepwise bin', () => {
    const bin = join(project, 'node_modules/.bin/stepwise');
    const ok = run(bin, ['run', 'machine.asl.json', '--input', '{"name":"Grace"}', '--virtual-time'], project);
    expect({ status: ok.status, output: JSON.parse(ok.stdout) }).toEqual({ status: 0, output: { greeting: 'Hello, Grace!' } });
    expect(ok.stderr).toContain('Greet');

    writeFileSync(join(project, 'broken.asl.json'), JSON.stringify({ StartAt: 'Missing', States: { A: { Type: 'Pass', End: true } } }));
    const invalid = run(bin, ['validate', 'broken.asl.json'], project);
    expect(invalid.status).toBe(1);
    expect(invalid.stdout + invalid.stderr).toContain('Missing');
  });

  /** Compile `lines` as `file` in the project with these compiler options; the error lines tsc prints. */
  function typeErrors(file: string, lines: string[], compilerOptions: Record<string, unknown>): string[] {
    writeFileSync(join(project, file), lines.join('\n'));
    const config = `tsconfig.${file}.json`;
    writeFileSync(join(project, config), JSON.stringify({ compilerOptions: { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: [], ...compilerOptions }, files: [file] }));
    return run(process.execPath, [TSC, '-p', config], project).stdout.split('\n').filter((line) => line.includes('error TS'));
  }

  it('declare types a strict NodeNext project compiles against', () => {
    const errors = typeErrors(
      'uses-types.ts',
      [
        "import { Engine, type ExecutionResult } from '@stepwise/engine';",
        "import { validateDefinition } from '@stepwise/engine/core';",
        "const machine = new Engine({ clock: 'virtual' }).createMachine({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });",
        'const result: ExecutionResult = await machine.start({ input: {} }).done;',
        "if (result.status === 'SUCCEEDED') console.log(result.output);",
        'console.log(validateDefinition({}).diagnostics.map((d) => d.code));',
        '// Types are real, not any: a status is not a number.',
        'export const wrong: number = result.status;',
      ],
      { module: 'NodeNext', moduleResolution: 'NodeNext' },
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^uses-types\.ts\(8,14\): error TS2322/);
  });

  it('declare types for projects that resolve packages the older way (moduleResolution node10: main and types, no exports)', () => {
    const errors = typeErrors(
      'uses-types-node10.ts',
      ["import { createMachine } from '@stepwise/engine';", "export const machine = createMachine({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });", 'export const wrong: number = machine;'],
      { module: 'ES2022', moduleResolution: 'node10' },
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^uses-types-node10\.ts\(3,14\): error TS2322/);
  });

  it('let tools read their package.json', () => {
    const script = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); console.log(require('@stepwise/engine/package.json').version);";
    const result = run(process.execPath, ['--input-type=module', '-'], project, script);
    expect(result.stdout.trim()).toBe('0.1.0');
  });
});
