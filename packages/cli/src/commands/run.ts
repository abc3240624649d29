/**
 * `stepwise run DEFINITION`: runs a state machine locally with the engine, showing states as
 * they are entered and left (stderr) and printing the output (stdout, pretty JSON, so
 * `stepwise run m.json | jq` works).
 *
 * Exit status: 0 SUCCEEDED; 1 FAILED, TIMED_OUT or ABORTED (Ctrl+C); 2 bad usage or input
 * (unreadable or invalid definition, bad --input JSON, bad mock configuration, unwritable
 * --history file).
 */
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { Engine, InvalidDefinitionError, InvalidExecutionInputError, InvalidExecutionNameError, InvalidMachineNameError, MockConfigError, type Execution, type ExecutionResult, type HistoryEvent } from '@stepwise/engine';
import { formatDiagnostic, formatDuration } from '../format.ts';
import { parseRunArgs, type RunOptions } from '../run/args.ts';
import { loadDefinition, loadInput, loadMocks, machineNameFromFile, UsageError } from '../run/inputs.ts';
import { ansiPalette, noColour, Progress, shouldColour, type Palette } from '../run/progress.ts';

const usage = `Usage: stepwise run DEFINITION [options]

Runs an Amazon States Language state machine (a .json, .asl.json, .yaml or .asl.yaml file)
locally. Progress goes to stderr as states are entered and left; the output goes to stdout
as JSON.

Options:
  -i, --input JSON|@FILE|-  the execution input: inline JSON, @file.json, or - for stdin (default {})
  --mocks FILE              a Step Functions Local mock configuration (MockConfigFile.json)
  --test-case NAME          the test case in --mocks to run
  --name NAME               the state machine's name, for mock lookups, ARNs and $$.StateMachine.Name
                            (default: the file name without .asl.json/.json/.asl.yaml/.yaml, with
                            each character AWS refuses in a name, such as a space, made _)
  --execution-name NAME     the execution's name (default: a UUID)
  --virtual-time            a virtual clock: Wait states, Retry back-off and timeouts take no wall time
  --seed N                  seed for States.UUID, States.MathRandom, jitter and generated names
  --history FILE            write the execution history, as \`aws stepfunctions get-execution-history\`
                            prints it ({"events": [...]}), also when the execution fails or is stopped
  -q, --quiet               no progress lines (errors are still printed)
  -h, --help                show this help

Task behaviour: Task states do not call AWS. Give them responses with --mocks FILE --test-case
NAME, in the format of Step Functions Local's MockConfigFile.json:
  {"StateMachines": {"<name>": {"TestCases": {"<case>": {"<Task state>": "<response>"}}}},
   "MockedResponses": {"<response>": {"0": {"Return": {...}}, "1-2": {"Throw": {"Error": "...", "Cause": "..."}}}}}
Keys are invocation numbers (retries count). A Task with no mocked response fails with States.Runtime.

Ctrl+C stops the execution (it ends ABORTED); a second Ctrl+C quits at once.

Exit status: 0 SUCCEEDED, 1 FAILED/TIMED_OUT/ABORTED, 2 bad usage or input.

Example:
  stepwise run packages/cli/examples/order-processing.asl.json \\
    --mocks packages/cli/examples/order-processing.mocks.json --test-case HappyPath --virtual-time`;

const helpHint = "Run 'stepwise run --help' for the options.";

export default {
  summary: 'Run a state machine locally (mocked tasks, virtual time), showing each state as it runs',
  usage,
  async run(args: string[]): Promise<number> {
    const parsed = parseRunArgs(args);
    if (parsed.kind === 'help') {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (parsed.kind === 'error') {
      process.stderr.write(`stepwise run: ${parsed.message}\n${helpHint}\n`);
      return 2;
    }
    try {
      return await runMachine(parsed.options);
    } catch (caught) {
      if (caught instanceof UsageError) {
        process.stderr.write(`stepwise run: ${caught.message}\n${caught.details.map((line) => `${line}\n`).join('')}`);
        return 2;
      }
      // Anything else is our bug: one line, not a stack trace (STEPWISE_DEBUG=1 shows it).
      const message = caught instanceof Error ? caught.message : String(caught);
      process.stderr.write(`stepwise run: internal error: ${message}\nThis is a bug in stepwise; please report it with the command you ran.\n`);
      if (process.env.STEPWISE_DEBUG && caught instanceof Error && caught.stack) process.stderr.write(`${caught.stack}\n`);
      return 2;
    }
  },
};

async function runMachine(options: RunOptions): Promise<number> {
  // `stepwise run m.json | head` closes stdout early; that is the reader's choice, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`stepwise run: cannot write the output: ${error.message}\n`);
  });
  const colour: Palette = shouldColour(process.stderr) ? ansiPalette() : noColour;
  const say = (line: string) => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };

  // Everything the user gave is read and checked before anything runs, so mistakes exit 2.
  const { definition, warnings } = await loadDefinition(options.definition);
  for (const warning of warnings) say(colour.yellow(warning));
  const input = await loadInput(options.input);
  let machineName = options.name ?? machineNameFromFile(options.definition);
  const mocks = options.mocks === undefined ? undefined : await loadMocks(options.mocks, options.testCase, machineName, options.name !== undefined);
  if (mocks) {
    machineName = mocks.machineName;
    if (mocks.note) say(colour.dim(`note: ${mocks.note}`));
  }

  const engine = new Engine({
    clock: options.virtualTime ? 'virtual' : 'real',
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(mocks && { mockConfig: mocks.config }),
  });
  const progress = new Progress((line) => process.stderr.write(line), colour);
  let execution: Execution;
  try {
    const machine = engine.createMachine(definition, { name: machineName });
    execution = machine.start({
      input,
      ...(options.executionName !== undefined && { name: options.executionName }),
      ...(mocks && { testCase: mocks.testCase }),
      // onEvent rather than subscribe(): ExecutionStarted is recorded inside start() itself.
      ...(!options.quiet && { onEvent: (event: HistoryEvent) => progress.onEvent(event) }),
    });
  } catch (caught) {
    if (caught instanceof InvalidDefinitionError) {
      throw new UsageError(`${options.definition} is not a valid state machine definition`, caught.diagnostics.map((d) => formatDiagnostic(options.definition, d)));
    }
    if (caught instanceof MockConfigError) throw new UsageError(`--mocks file ${options.mocks}: ${caught.message}`);
    if (caught instanceof InvalidExecutionInputError) throw new UsageError(`${options.input === undefined ? 'the input' : `--input ${options.input}`}: ${caught.message}`);
    if (caught instanceof InvalidExecutionNameError) throw new UsageError(`--execution-name: ${caught.message}`);
    // --name was checked with the arguments and a file's name is made valid: this name is the mock file's.
    if (caught instanceof InvalidMachineNameError && mocks) throw new UsageError(`--mocks file ${options.mocks}: ${caught.message}`);
    throw caught;
  }

  const settings = [mocks && `test case ${mocks.testCase}`, options.virtualTime && 'virtual time'].filter(Boolean).join(', ');
  say(colour.dim(`Running ${machineName}${settings ? ` (${settings})` : ''}, execution ${execution.name}`));

  const started = performance.now();
  const stopOnSignal = interruptHandler(execution, colour);
  let result: ExecutionResult;
  try {
    result = await execution.done;
  } finally {
    stopOnSignal.dispose();
  }
  const wall = performance.now() - started;

  if (options.history !== undefined) {
    try {
      await writeFile(options.history, `${JSON.stringify(execution.historyDocument(), null, 2)}\n`);
    } catch (caught) {
      const reason = caught instanceof Error ? caught.message.replace(/^\w+: /, '') : String(caught);
      // The run itself is reported below all the same; the exit code says the history is missing.
      reportResult(result, options, execution, wall, colour);
      process.stderr.write(`stepwise run: cannot write --history file ${options.history}: ${reason}\n`);
      return 2;
    }
  }
  return reportResult(result, options, execution, wall, colour);
}

function reportResult(result: ExecutionResult, options: RunOptions, execution: Execution, wall: number, colour: Palette): number {
  const events = execution.history();
  const span = events.length > 1 ? Date.parse(events[events.length - 1].timestamp) - Date.parse(events[0].timestamp) : 0;
  // Under a virtual clock the wall time says nothing about the machine's own timeline.
  const timing = options.virtualTime && span > wall + 1 ? `${formatDuration(wall)} (${formatDuration(span)} of virtual time)` : formatDuration(wall);
  if (result.status === 'SUCCEEDED') {
    if (!options.quiet) process.stderr.write(`${colour.green('✓ SUCCEEDED')} ${colour.dim(`in ${timing}`)}\n`);
    process.stdout.write(`${JSON.stringify(result.output, null, 2)}\n`);
    return 0;
  }
  // The result is the point of the run, so it is printed even with --quiet.
  const lines = [`${colour.red(`✗ ${result.status}`)} ${colour.dim(`after ${timing}`)}`];
  if (result.error !== undefined) lines.push(`  error: ${result.error}`);
  if (result.cause !== undefined) lines.push(`  cause: ${result.cause}`);
  if (result.cause?.startsWith('No task handler or mocked response')) {
    lines.push(colour.dim('  hint: give Task states responses with --mocks FILE --test-case NAME (see stepwise run --help)'));
  }
  if (options.history !== undefined) lines.push(colour.dim(`  history written to ${options.history}`));
  process.stderr.write(`${lines.join('\n')}\n`);
  return 1;
}

/** Ctrl+C (and SIGTERM) stop the execution, which ends ABORTED; a second one quits at once. */
function interruptHandler(execution: Execution, colour: Palette): { dispose(): void } {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write('\nstepwise run: stopped without waiting for the execution to end\n');
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`\n${colour.yellow(`${signal === 'SIGINT' ? 'Ctrl+C' : signal}: stopping the execution`)} ${colour.dim('(again to quit at once)')}\n`);
    execution.stop({ error: 'Stepwise.Interrupted', cause: `Stopped by ${signal} from the stepwise command line.` });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
