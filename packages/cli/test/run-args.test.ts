/**
 * The pieces of `stepwise run` that need no process: argument parsing, formatting, and the
 * progress printer fed by a real engine in this process.
 */
import { Engine, type HistoryEvent, type TaskHandler } from '@stepwise/engine';
import { describe, expect, it } from 'vitest';
import { describeJsonError, formatDiagnostic, formatDuration } from '../src/format.ts';
import { parseRunArgs } from '../src/run/args.ts';
import { machineNameFromFile } from '../src/run/inputs.ts';
import { Progress, shouldColour } from '../src/run/progress.ts';

describe('parseRunArgs', () => {
  it('reads every flag, in either --flag value or --flag=value form', () => {
    expect(parseRunArgs(['m.json', '--input={"a":1}', '--mocks', 'x.json', '--test-case', 'T', '--name', 'N', '--execution-name', 'e1', '--virtual-time', '--seed', '42', '--history', 'h.json', '-q'])).toEqual({
      kind: 'run',
      options: { definition: 'm.json', input: '{"a":1}', mocks: 'x.json', testCase: 'T', name: 'N', executionName: 'e1', virtualTime: true, seed: 42, history: 'h.json', quiet: true },
    });
    expect(parseRunArgs(['m.json', '--seed', 'abc'])).toMatchObject({ options: { seed: 'abc' } });
    expect(parseRunArgs(['m.json', '-i', '-'])).toMatchObject({ options: { input: '-' } });
    expect(parseRunArgs(['--', '-odd-name.json'])).toMatchObject({ options: { definition: '-odd-name.json' } });
    expect(parseRunArgs(['m.json', '--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--bogus', 'm.json'], 'unknown option --bogus'],
    [['m.json', '--bogus=1'], 'unknown option --bogus'],
    [[], 'no DEFINITION file given'],
    [['a.json', 'b.json'], 'one DEFINITION file at a time (got 2: a.json, b.json)'],
    [['m.json', '--input'], '--input needs a value'],
    [['m.json', '--input='], '--input needs a value'],
    [['m.json', '--input', '--quiet'], '--input needs a value'],
    [['m.json', '--test-case', 'X'], '--test-case needs --mocks FILE'],
    [['m.json', '--seed', '1', '--seed', '2'], '--seed given more than once'],
  ])('rejects %j: %s', (args, message) => {
    expect(parseRunArgs(args)).toEqual({ kind: 'error', message });
  });
});

describe('formatting', () => {
  it('formats durations for people', () => {
    expect([0, 7, 999, 1000, 1500, 30_000, 125_000, 3_600_000, 86_400_000, 86_405_000, 90_061_000].map(formatDuration)).toEqual([
      '0ms', '7ms', '999ms', '1s', '1.5s', '30s', '2m 5s', '1h', '1d', '1d 5s', '1d 1h 1m 1s',
    ]);
  });

  it('gives JSON errors a line and column instead of an offset', () => {
    const text = '{\n  "a": 1,\n}';
    let error: unknown;
    try {
      JSON.parse(text);
    } catch (caught) {
      error = caught;
    }
    expect(describeJsonError(text, error)).toMatch(/line 3, column 1$/);
  });

  it('formats diagnostics as file:line:col CODE message', () => {
    expect(formatDiagnostic('m.json', { severity: 'ERROR', code: 'X', message: 'Bad.', location: '/States/A', line: 3, column: 5 })).toBe('m.json:3:5 X Bad. (at /States/A)');
    expect(formatDiagnostic('m.json', { severity: 'WARNING', code: 'W', message: 'Hm.', location: '' })).toBe('m.json:1:1 W warning: Hm.');
  });

  it('takes the machine name from the file name', () => {
    expect(['dir/order.asl.json', 'order.json', 'x/Order.asl.yaml', 'o.yml', 'plain', '-'].map(machineNameFromFile)).toEqual(['order', 'order', 'Order', 'o', 'plain', 'StateMachine']);
  });

  it('makes a file name AWS would refuse as a machine name into one it accepts', () => {
    expect(machineNameFromFile('flows/my flow (v2).asl.json')).toBe('my_flow_(v2)');
    expect(machineNameFromFile('a#b;c:d.json')).toBe('a_b_c_d');
    expect(machineNameFromFile(`${'long-'.repeat(30)}.asl.yaml`)).toBe('long-'.repeat(16));
    expect(machineNameFromFile('.asl.json')).toBe('StateMachine');
  });

  it('refuses a --name AWS would refuse before any file is read, in the engine\'s words', () => {
    expect(parseRunArgs(['m.json', '--name', 'my flow'])).toEqual({
      kind: 'error',
      message: expect.stringMatching(/^--name: The state machine name "my flow" is not valid: it contains U\+0020;/),
    });
    expect(parseRunArgs(['m.json', `--name=${'n'.repeat(81)}`])).toMatchObject({ kind: 'error', message: expect.stringContaining('has 81 characters; a name has 1 to 80') });
    expect(parseRunArgs(['m.json', '--name', 'my_flow_(v2)'])).toMatchObject({ kind: 'run', options: { name: 'my_flow_(v2)' } });
  });

  it('colours only terminals, and never under NO_COLOR', () => {
    expect(shouldColour({ isTTY: true }, {})).toBe(true);
    expect(shouldColour({ isTTY: false }, {})).toBe(false);
    expect(shouldColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColour({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(shouldColour({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldColour({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});

/** Runs a definition in this process and returns the progress lines, without the time column. */
async function progressOf(definition: object, input: unknown, tasks: Record<string, TaskHandler> = {}): Promise<string[]> {
  const lines: string[] = [];
  const progress = new Progress((line) => lines.push(line.replace(/\n$/, '').slice(10)));
  const engine = new Engine({ clock: 'virtual', tasks });
  const execution = engine.createMachine(definition as never).start({ input: input as never, onEvent: (event: HistoryEvent) => progress.onEvent(event) });
  await execution.done;
  return lines;
}

describe('Progress', () => {
  it('indents Map iterations past MaxConcurrency under their Map, not under the iteration that freed the slot', async () => {
    const lines = await progressOf(
      {
        StartAt: 'Each',
        States: {
          Each: { Type: 'Map', MaxConcurrency: 1, ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } }, Next: 'After' },
          After: { Type: 'Succeed' },
        },
      },
      [1, 2, 3],
    );
    expect(lines).toEqual([
      '→ Each Map',
      '· Each: 3 items',
      '  → Each[0] Work Pass',
      '  ← Each[0] Work',
      '  → Each[1] Work Pass',
      '  ← Each[1] Work',
      '  → Each[2] Work Pass',
      '  ← Each[2] Work',
      '← Each',
      '→ After Succeed',
      '← After',
    ]);
  });

  it('keeps an empty Map on its own line', async () => {
    const lines = await progressOf(
      { StartAt: 'Each', States: { Each: { Type: 'Map', ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Pass', End: true } } }, Next: 'Done' }, Done: { Type: 'Succeed' } } },
      [],
    );
    expect(lines).toEqual(['→ Each Map', '· Each: 0 items', '← Each', '→ Done Succeed', '← Done']);
  });

  it('shows a failed Parallel branch, the Parallel failing with its error, and the Catch', async () => {
    const lines = await progressOf(
      {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [{ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } }],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }],
            Next: 'Recover',
          },
          Recover: { Type: 'Pass', End: true },
        },
      },
      {},
      { Call: () => Promise.reject({ error: 'Oops', cause: 'broken' }) },
    );
    expect(lines).toContain('  ✗ Both#0 Call failed Oops: broken');
    expect(lines).toContain('✗ Both failed Oops');
    expect(lines).toContain('← Both  caught Oops');
    expect(lines.at(-2)).toBe('→ Recover Pass');
  });
});
