/**
 * Reading what `stepwise run` is given: the definition, the execution input and the mock
 * configuration. Every problem becomes a UsageError whose message is the whole story (file,
 * flag, line and column), so the command prints it as is and exits 2 — no stack traces.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { machineNameFromFileName, MockConfigError, mockResponder, validateDefinition, type Json, type MockConfigFile, type StateMachineDefinition } from '@stepwise/engine';
import { describeJsonError, formatDiagnostic } from '../format.ts';

/** A mistake in what the user gave us (exit 2), as opposed to a failed execution (exit 1). */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Extra lines printed after the message, e.g. one per diagnostic. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Reads a file or, for `-`, all of stdin; `what` names it in messages ("definition", "--input file"). */
export async function readText(path: string, what: string): Promise<string> {
  try {
    const text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
    // A byte-order mark is not part of JSON (editors on Windows add one).
    return text.replace(/^\uFEFF/, '');
  } catch (caught) {
    const code = (caught as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : caught instanceof Error ? caught.message : String(caught);
    throw new UsageError(`cannot read the ${what} ${path}: ${reason}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export interface LoadedDefinition {
  definition: StateMachineDefinition;
  /** Warnings, already formatted as `file:line:col CODE warning: message`. */
  warnings: string[];
}

/** Reads and validates the definition (JSON or YAML); an invalid one is a UsageError listing every error. */
export async function loadDefinition(file: string): Promise<LoadedDefinition> {
  const text = await readText(file, 'definition');
  const shown = file === '-' ? '<stdin>' : file;
  const result = validateDefinition(text);
  const errors = result.diagnostics.filter((d) => d.severity === 'ERROR');
  if (!result.valid || !result.definition) {
    throw new UsageError(
      `${shown} is not a valid state machine definition (${errors.length} error${errors.length === 1 ? '' : 's'}); nothing was run`,
      errors.map((d) => formatDiagnostic(shown, d)),
    );
  }
  const warnings = result.diagnostics.filter((d) => d.severity === 'WARNING').map((d) => formatDiagnostic(shown, d));
  return { definition: result.definition, warnings };
}

/** `--input`: inline JSON, `@file`, or `-` for stdin. */
export async function loadInput(value: string | undefined): Promise<Json> {
  if (value === undefined) return {};
  let text: string;
  let source: string;
  if (value === '-') {
    text = await readText('-', '--input');
    source = '--input (stdin)';
  } else if (value.startsWith('@')) {
    const file = value.slice(1);
    if (file === '') throw new UsageError('--input @ needs a file name, as in --input @input.json');
    text = await readText(file, '--input file');
    source = `--input file ${file}`;
  } else {
    text = value;
    source = '--input';
  }
  try {
    return JSON.parse(text) as Json;
  } catch (caught) {
    // Text that does not even start like JSON was most likely mangled by the shell.
    const hint = value.startsWith('@') || value === '-' || /^\s*[[{"]/.test(value) ? '' : " (quote it for the shell: --input '{\"key\": \"value\"}', or use --input @file.json)";
    throw new UsageError(`${source} is not valid JSON: ${describeJsonError(text, caught)}${hint}`);
  }
}

export interface LoadedMocks {
  config: MockConfigFile;
  /** The state machine name to look up (may differ from the one asked for; see `note`). */
  machineName: string;
  testCase: string;
  /** Said to the user when we picked the machine ourselves. */
  note?: string;
}

/**
 * Reads a Step Functions Local mock configuration and checks the machine and test case exist
 * now, so a typo is a usage error (exit 2) before anything runs rather than a failed execution.
 */
export async function loadMocks(file: string, testCase: string | undefined, wantedName: string, nameGiven: boolean): Promise<LoadedMocks> {
  const text = await readText(file, '--mocks file');
  let config: MockConfigFile;
  try {
    config = JSON.parse(text) as MockConfigFile;
  } catch (caught) {
    throw new UsageError(`--mocks file ${file} is not valid JSON: ${describeJsonError(text, caught)}`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new UsageError(`--mocks file ${file}: a mock configuration must be a JSON object with "StateMachines" and "MockedResponses"`);
  }
  const machines = config.StateMachines && typeof config.StateMachines === 'object' ? Object.keys(config.StateMachines) : [];
  let machineName = wantedName;
  let note: string | undefined;
  if (!machines.includes(wantedName) && machines.length === 1 && !nameGiven) {
    // The file name and the mock key often differ (order-processing.asl.json vs "OrderProcessing");
    // with only one machine in the file there is no ambiguity.
    machineName = machines[0];
    note = `using state machine '${machineName}' from ${file} (its only one; the definition's name '${wantedName}' is not in it)`;
  }
  const cases = Object.keys(config.StateMachines?.[machineName]?.TestCases ?? {});
  if (testCase === undefined) {
    const known = cases.length ? ` (test cases for '${machineName}': ${cases.join(', ')})` : '';
    throw new UsageError(`--mocks needs --test-case NAME${known}`);
  }
  try {
    // Building the responder checks the machine, the test case and every response it names.
    mockResponder(config, machineName, testCase);
  } catch (caught) {
    if (caught instanceof MockConfigError) {
      const hint = !machines.includes(machineName) && !nameGiven ? ` Pick one with --name NAME.` : '';
      throw new UsageError(`--mocks file ${file}: ${caught.message}${hint}`);
    }
    throw caught;
  }
  return { config, machineName, testCase, note };
}

/**
 * The default state machine name: the engine's name for the file (its base name without the
 * extension, adapted to what AWS accepts: a file name is not a choice of machine name, so it is
 * adapted rather than refused); standard input has none.
 */
export function machineNameFromFile(file: string): string {
  return file === '-' ? 'StateMachine' : machineNameFromFileName(basename(file));
}
