/**
 * `stepwise run` end to end: the real binary on the fixture machines in fixtures/ and the
 * example in examples/, checking exit codes, stdout JSON and what stderr tells the user.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, '../bin/stepwise.js');
const fixtures = join(here, 'fixtures');
const examples = resolve(here, '../examples');
const fixture = (name: string) => join(fixtures, name);
let dir: string;
/** Each case spawns Node with tsx (about a second of CPU); a loaded CI machine needs room. */
const slow = { timeout: 120_000 };

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function stepwise(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Result {
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000, input: options.input ?? '', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const run = (...args: string[]) => stepwise(['run', ...args]);

/** Users never see a stack trace: no `    at frame (file:line)` lines. */
function expectNoStack(result: Result): void {
  expect(result.stderr).not.toContain('    at ');
  expect(result.stdout).not.toContain('    at ');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stepwise-run-'));
});

describe('stepwise run: successful executions', slow, () => {
  it('runs Pass, Choice and a one-day Wait under --virtual-time in well under a second of wall time', () => {
    const started = Date.now();
    const result = run(fixture('daily-report.asl.json'), '--input', `@${fixture('daily-report.input.json')}`, '--virtual-time');
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ published: 'Q3 sales', pages: 4 });
    // The Wait took a virtual day: Publish entered one day after the execution began.
    expect(result.stderr).toMatch(/→ WaitUntilTomorrow Wait/);
    expect(result.stderr).toMatch(/\+1d ← WaitUntilTomorrow {2}waited 1d/);
    expect(result.stderr).toMatch(/✓ SUCCEEDED in .*\(1d of virtual time\)/);
    expect(result.stdout).toBe(`${JSON.stringify(output, null, 2)}\n`);
    expectNoStack(result);
  });

  it('shows states in the order they are entered and left', () => {
    const result = run(fixture('daily-report.asl.json'), '--input', `@${fixture('daily-report.input.json')}`, '--virtual-time');
    const steps = result.stderr
      .split('\n')
      .map((line) => /([→←]) (\w+)/.exec(line))
      .filter((match) => match !== null)
      .map((match) => `${match[1]}${match[2]}`);
    expect(steps).toEqual(['→Prepare', '←Prepare', '→IsLong', '←IsLong', '→WaitUntilTomorrow', '←WaitUntilTomorrow', '→Publish', '←Publish']);
  });

  it('runs a YAML definition', () => {
    const result = run(fixture('greeting.asl.yaml'), '--input', '{"name": "Ada"}');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ greeting: 'Hello, Ada!' });
    expect(result.stderr).toContain('Running greeting,');
  });

  it('reads --input from stdin with -', () => {
    const result = stepwise(['run', fixture('greeting.asl.yaml'), '--input', '-'], { input: '{"name": "stdin"}' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ greeting: 'Hello, stdin!' });
  });

  it('defaults the input to {}', () => {
    const result = run(fixture('daily-report.asl.json'), '--virtual-time');
    // $.report is missing from {}: the Pass fails with States.Runtime, reported plainly.
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: States.Runtime');
    expectNoStack(result);
  });

  it('is silent on stderr with --quiet and still prints the output', () => {
    const result = run(fixture('greeting.asl.yaml'), '--input', '{"name": "Ada"}', '--quiet');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ greeting: 'Hello, Ada!' });
  });

  it('indents Map iterations and Parallel branches and tags them', () => {
    const result = run(fixture('fan-out.asl.json'), '--input', '{"numbers": [1, 2, 3]}', '--virtual-time');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)[0]).toEqual([{ square: 1 }, { square: 2 }, { square: 3 }]);
    const lines = result.stderr.split('\n');
    const indent = (pattern: RegExp) => {
      const line = lines.find((candidate) => pattern.test(candidate));
      expect(line, `a line matching ${pattern}`).toBeDefined();
      return /^\s*\S+ (\s*)/.exec(line!)![1].length;
    };
    const fork = indent(/→ Fork Parallel/);
    const square = indent(/→ Fork#0 Square Map/);
    const pause = indent(/→ Fork#1 Pause Wait/);
    const iteration = indent(/→ Fork#0\/Square\[2\] Times Pass/);
    expect(square).toBe(fork + 2);
    expect(pause).toBe(fork + 2);
    expect(iteration).toBe(square + 2);
    // The Parallel closes on its own line again, after the hour-long Wait of branch 1.
    expect(indent(/← Fork {2}1h/)).toBe(fork);
  });

  it('uses no colours when stderr is not a terminal, or when NO_COLOR is set', () => {
    const piped = run(fixture('greeting.asl.yaml'), '--input', '{"name": "Ada"}');
    expect(piped.stderr).not.toContain('\u001b[');
    const forced = stepwise(['run', fixture('greeting.asl.yaml'), '--input', '{"name": "Ada"}'], { env: { FORCE_COLOR: '1' } });
    expect(forced.stderr).toContain('\u001b[');
    expect(forced.stdout).not.toContain('\u001b[');
    const both = stepwise(['run', fixture('greeting.asl.yaml'), '--input', '{"name": "Ada"}'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(both.stderr).not.toContain('\u001b[');
  });

  it('--seed makes generated names repeatable', () => {
    const name = (seed: string) => /execution (\S+)/.exec(run(fixture('greeting.asl.yaml'), '--input', '{"name": "Ada"}', '--seed', seed).stderr)?.[1];
    expect(name('7')).toBe(name('7'));
    expect(name('7')).not.toBe(name('8'));
  });
});

describe('stepwise run: mocked tasks', slow, () => {
  const mocks = fixture('charge-payment.mocks.json');

  it('shows a task failure, its retry with the back-off, and the Catch that handles the second failure', () => {
    const result = run(fixture('charge-payment.asl.json'), '--mocks', mocks, '--test-case', 'DeclinedAfterTimeout', '--virtual-time', '--input', '{"orderId": "o-7"}');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ status: 'CARD_DECLINED', orderId: 'o-7', reason: 'Insufficient funds.' });
    expect(result.stderr).toContain('✗ ChargeCard failed Payment.GatewayTimeout: No answer from the gateway.');
    expect(result.stderr).toContain('↻ ChargeCard retry after 30s');
    expect(result.stderr).toContain('✗ ChargeCard failed Payment.CardDeclined: Insufficient funds.');
    expect(result.stderr).toContain('← ChargeCard  30s  caught Payment.CardDeclined');
    // The file is charge-payment.asl.json, the mock file's only machine is ChargePayment.
    expect(result.stderr).toContain("note: using state machine 'ChargePayment'");
    expectNoStack(result);
  });

  it('exits 1 with the error and cause when an uncaught task failure fails the execution', () => {
    const result = run(fixture('charge-payment.asl.json'), '--mocks', mocks, '--test-case', 'Broken', '--virtual-time');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('✗ FAILED');
    expect(result.stderr).toContain('  error: Payment.Unavailable\n');
    expect(result.stderr).toContain('  cause: The payment service is down.\n');
    expectNoStack(result);
  });

  it('prints the failure even with --quiet', () => {
    const result = run(fixture('charge-payment.asl.json'), '--mocks', mocks, '--test-case', 'Broken', '--virtual-time', '--quiet');
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('→');
    expect(result.stderr).toContain('error: Payment.Unavailable');
  });

  it('fails a Task without a mock with the engine error and a hint about --mocks', () => {
    const result = run(fixture('charge-payment.asl.json'), '--virtual-time');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: States.Runtime');
    expect(result.stderr).toContain("No task handler or mocked response for state 'ChargeCard'");
    expect(result.stderr).toContain('hint: give Task states responses with --mocks FILE --test-case NAME');
  });

  it('names the test cases when --test-case is missing or unknown', () => {
    const missing = run(fixture('charge-payment.asl.json'), '--mocks', mocks);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--mocks needs --test-case NAME (test cases for 'ChargePayment': DeclinedAfterTimeout, Charged, Broken)");
    const unknown = run(fixture('charge-payment.asl.json'), '--mocks', mocks, '--test-case', 'Nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("State machine 'ChargePayment' has no test case 'Nope'");
    expectNoStack(unknown);
  });

  it('reports a --name that is not in the mock file, listing the ones that are', () => {
    const result = run(fixture('charge-payment.asl.json'), '--mocks', mocks, '--test-case', 'Charged', '--name', 'Billing');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("The mock configuration has no state machine 'Billing' (it has: ChargePayment)");
    const named = run(fixture('charge-payment.asl.json'), '--mocks', mocks, '--test-case', 'Charged', '--name', 'ChargePayment');
    expect(named.code).toBe(0);
    expect(named.stderr).not.toContain('note:');
    expect(JSON.parse(named.stdout)).toEqual({ chargeId: 'ch_42', orderId: 'o-7' });
  });

  it('reports a mock file that is not JSON with its line and column, and one that is missing', () => {
    const bad = join(dir, 'bad.mocks.json');
    writeFileSync(bad, '{\n  "StateMachines": {\n    "X": 1,\n  }\n}\n');
    const result = run(fixture('charge-payment.asl.json'), '--mocks', bad, '--test-case', 'A');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--mocks file .*bad\.mocks\.json is not valid JSON: .*line 4, column 3/);
    const missing = run(fixture('charge-payment.asl.json'), '--mocks', join(dir, 'none.json'), '--test-case', 'A');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the --mocks file .*none\.json: no such file/);
    expectNoStack(result);
    expectNoStack(missing);
  });

  it('reports a mocked response without Return or Throw plainly', () => {
    const odd = join(dir, 'odd.mocks.json');
    writeFileSync(odd, JSON.stringify({ StateMachines: { M: { TestCases: { T: { ChargeCard: 'R' } } } }, MockedResponses: { R: { '0': { Value: 1 } } } }));
    const result = run(fixture('charge-payment.asl.json'), '--mocks', odd, '--test-case', 'T');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Mocked response 'R'["0"] must have "Return" or "Throw".`);
    expectNoStack(result);
  });
});

describe('stepwise run: bad definitions, files and flags', slow, () => {
  it('prints the validator diagnostics as file:line:col CODE message and exits 2', () => {
    const file = fixture('invalid.asl.json');
    const result = run(file);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${file}:4:32 MISSING_TRANSITION_TARGET `);
    // The code AWS gives an unreachable state has changed before; the position and state name have not.
    expect(result.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:5 [A-Z_]+ .*'Orphan'`));
    expect(result.stderr).toContain('nothing was run');
    expectNoStack(result);
  });

  it('reports JSON syntax errors in the definition with their position', () => {
    const file = fixture('broken.asl.json');
    const result = run(file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:3:14 INVALID_JSON_DESCRIPTION`);
    expectNoStack(result);
  });

  it('reports a missing definition file or a directory', () => {
    const missing = run(join(dir, 'nope.asl.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the definition .*nope\.asl\.json: no such file/);
    const directory = run(dir);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain('it is a directory');
    expectNoStack(missing);
  });

  it('names --input and the position when its JSON is bad', () => {
    const inline = run(fixture('greeting.asl.yaml'), '--input', '{"name": "Ada",}');
    expect(inline.code).toBe(2);
    expect(inline.stderr).toMatch(/--input is not valid JSON: .*line 1, column 16/);
    const unquoted = run(fixture('greeting.asl.yaml'), '--input', 'name=Ada');
    expect(unquoted.stderr).toContain('quote it for the shell');
    const file = join(dir, 'input.json');
    writeFileSync(file, '{\n  "name": "Ada"\n  "age": 36\n}\n');
    const fromFile = run(fixture('greeting.asl.yaml'), '--input', `@${file}`);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toMatch(/--input file .*input\.json is not valid JSON: .*line 3, column 3/);
    const missing = run(fixture('greeting.asl.yaml'), '--input', '@nowhere.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the --input file nowhere.json: no such file');
    for (const result of [inline, unquoted, fromFile, missing]) expectNoStack(result);
  });

  it('refuses an input nested deeper than the engine takes, naming --input and the place, with exit 2', () => {
    const file = join(dir, 'deep.json');
    writeFileSync(file, `{"tree": ${'['.repeat(1500)}${']'.repeat(1500)}}`);
    const result = run(fixture('greeting.asl.yaml'), '--input', `@${file}`);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--input @.*deep\.json: The execution input is not JSON the engine can take: at \$\.tree\[0\].*nested deeper than 1000 levels/);
    expect(result.stderr).not.toContain('internal error');
    expectNoStack(result);
  });

  it('refuses an execution name AWS would refuse, naming --execution-name, with exit 2', () => {
    const result = run(fixture('greeting.asl.yaml'), '--execution-name', 'two words');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--execution-name: The execution name "two words" is not valid: it contains U\+0020/);
    expectNoStack(result);
  });

  it('runs a file whose name AWS would refuse as a machine name, under a name made from it', () => {
    const file = join(dir, 'my flow (v2).asl.json');
    writeFileSync(file, JSON.stringify({ StartAt: 'Name', States: { Name: { Type: 'Pass', Parameters: { 'machine.$': '$$.StateMachine.Name' }, End: true } } }));
    const result = run(file);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ machine: 'my_flow_(v2)' });
    expect(result.stderr).toContain('Running my_flow_(v2)');
  });

  it('refuses a --name AWS would refuse, naming --name, with exit 2, before reading the mock file', () => {
    const result = run(fixture('charge-payment.asl.json'), '--name', 'Charge Payment', '--mocks', fixture('charge-payment.mocks.json'), '--test-case', 'Charged');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stepwise run: --name: The state machine name "Charge Payment" is not valid: it contains U\+0020;/);
    expect(result.stderr).not.toContain('mock configuration');
    expectNoStack(result);
  });

  it('refuses the machine name taken from a mock file when AWS would refuse it, naming the file, with exit 2', () => {
    const file = join(dir, 'spaced.mocks.json');
    const config = JSON.parse(readFileSync(fixture('charge-payment.mocks.json'), 'utf8'));
    config.StateMachines = { 'Charge Payment': config.StateMachines.ChargePayment };
    writeFileSync(file, JSON.stringify(config));
    const result = run(fixture('charge-payment.asl.json'), '--mocks', file, '--test-case', 'Charged');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--mocks file .*spaced\.mocks\.json: The state machine name "Charge Payment" is not valid: it contains U\+0020/);
    expect(result.stderr).not.toContain('internal error');
    expectNoStack(result);
  });

  it('rejects bad flags with one line, a pointer to --help and exit 2 (every case: run-args.test.ts)', () => {
    for (const [args, message] of [
      [['--bogus', 'm.json'], 'unknown option --bogus'],
      [['m.json', '--input'], '--input needs a value'],
    ] as const) {
      const result = run(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`stepwise run: ${message}\nRun 'stepwise run --help' for the options.\n`);
    }
  });

  it('exits 1 for TIMED_OUT', () => {
    const result = run(fixture('timeout.asl.json'), '--virtual-time');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('✗ TIMED_OUT');
    expect(result.stderr).toContain('error: States.Timeout');
  });
});

describe('stepwise run: --history', slow, () => {
  it('writes the AWS get-execution-history document', () => {
    const file = join(dir, 'history.json');
    const result = run(fixture('charge-payment.asl.json'), '--mocks', fixture('charge-payment.mocks.json'), '--test-case', 'DeclinedAfterTimeout', '--virtual-time', '--history', file, '--quiet', '--input', '{"orderId": "o-7"}');
    expect(result.code).toBe(0);
    const document = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(document)).toEqual(['events']);
    const events = document.events as Record<string, unknown>[];
    events.forEach((event, index) => {
      expect(event.id).toBe(index + 1);
      expect(typeof event.previousEventId).toBe('number');
      expect(new Date(event.timestamp as string).toISOString()).toBe(event.timestamp);
      expect(typeof event.type).toBe('string');
    });
    expect(events[0]).toMatchObject({ type: 'ExecutionStarted', previousEventId: 0, executionStartedEventDetails: { input: '{"orderId":"o-7"}' } });
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionSucceeded' });
    const failed = events.filter((event) => event.type === 'TaskFailed');
    expect(failed.map((event) => (event.taskFailedEventDetails as { error: string }).error)).toEqual(['Payment.GatewayTimeout', 'Payment.CardDeclined']);
    expect(events.find((event) => event.type === 'TaskStateEntered')).toMatchObject({ stateEnteredEventDetails: { name: 'ChargeCard' } });
  });

  it('writes the history of a failed execution too', () => {
    const file = join(dir, 'failed.json');
    const result = run(fixture('charge-payment.asl.json'), '--mocks', fixture('charge-payment.mocks.json'), '--test-case', 'Broken', '--virtual-time', '--history', file);
    expect(result.code).toBe(1);
    const events = JSON.parse(readFileSync(file, 'utf8')).events as Record<string, unknown>[];
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: { error: 'Payment.Unavailable', cause: 'The payment service is down.' } });
    expect(result.stderr).toContain(`history written to ${file}`);
  });

  it('exits 2 when the history cannot be written, after reporting the run', () => {
    const result = run(fixture('greeting.asl.yaml'), '--input', '{"name": "Ada"}', '--history', join(dir, 'no', 'such', 'dir.json'));
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ greeting: 'Hello, Ada!' });
    expect(result.stderr).toMatch(/cannot write --history file .*dir\.json: /);
    expectNoStack(result);
  });
});

describe('stepwise run: Ctrl+C', slow, () => {
  it('stops the execution (ABORTED), writes the history and exits 1', async () => {
    const file = join(dir, 'aborted.json');
    const child = spawn(process.execPath, [bin, 'run', fixture('long-wait.asl.json'), '--history', file], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    const code = await new Promise<number | null>((resolvePromise, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // Interrupt once the Wait has begun, as a user would.
        if (stderr.includes('→ Hold Wait') && !child.killed) child.kill('SIGINT');
      });
      child.on('error', reject);
      child.on('exit', (exitCode) => resolvePromise(exitCode));
    });
    expect(code).toBe(1);
    expect(stderr).toContain('Ctrl+C: stopping the execution');
    expect(stderr).toContain('✗ ABORTED');
    const events = JSON.parse(readFileSync(file, 'utf8')).events as { type: string }[];
    expect(events.at(-1)!.type).toBe('ExecutionAborted');
    expect(stderr).not.toContain('    at ');
  });
});

describe('stepwise run: the example and the help', slow, () => {
  const machine = join(examples, 'order-processing.asl.json');
  const mocks = join(examples, 'order-processing.mocks.json');
  const input = `@${join(examples, 'order-processing.input.json')}`;

  it('runs the order-processing example happy path', () => {
    const result = run(machine, '--mocks', mocks, '--test-case', 'HappyPath', '--virtual-time', '--input', input);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(3);
    expect(result.stderr).toContain('↻ ChargeAndReserve#0 ChargeCard retry after 5s');
    expect(result.stderr).toContain('← WaitForPickup  waited 1d');
  });

  it('runs the order-processing example with a declined card: caught, then failed', () => {
    const result = run(machine, '--mocks', mocks, '--test-case', 'CardDeclined', '--virtual-time', '--input', input);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('← ChargeAndReserve  caught Payment.CardDeclined');
    expect(result.stderr).toContain('→ PaymentFailed Fail');
    expect(result.stderr).toContain('error: Payment.CardDeclined');
  });

  it('explains the command, its flags, mocks and exit codes', () => {
    const result = run('--help');
    expect(result.code).toBe(0);
    for (const text of ['--input', '--mocks', '--test-case', '--virtual-time', '--history', '--quiet', '--seed', 'MockConfigFile.json', 'Exit status: 0 SUCCEEDED, 1 FAILED/TIMED_OUT/ABORTED, 2']) {
      expect(result.stdout).toContain(text);
    }
    const top = stepwise(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/run\s+Run a state machine locally/);
  });
});
