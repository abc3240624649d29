/**
 * Command-line parsing for `stepwise run`. Pure (no I/O) so every flag mistake becomes one
 * message naming the flag, checked before any file is read.
 */
import { checkMachineName, InvalidMachineNameError } from '@stepwise/engine';

export interface RunOptions {
  definition: string;
  /** `--input`: JSON text, `@file`, or `-` for stdin. Absent means `{}`, as the AWS console does. */
  input?: string;
  mocks?: string;
  testCase?: string;
  /** The state machine name (mock configuration lookup, ARNs, `$$.StateMachine.Name`). */
  name?: string;
  executionName?: string;
  virtualTime: boolean;
  seed?: number | string;
  history?: string;
  quiet: boolean;
}

export type ParsedArgs = { kind: 'run'; options: RunOptions } | { kind: 'help' } | { kind: 'error'; message: string };

/** Flags that take a value, mapped to the option they set. */
const valueFlags = {
  '--input': 'input',
  '-i': 'input',
  '--mocks': 'mocks',
  '--test-case': 'testCase',
  '--name': 'name',
  '--execution-name': 'executionName',
  '--seed': 'seed',
  '--history': 'history',
} as const;

type ValueFlag = keyof typeof valueFlags;

export function parseRunArgs(args: string[]): ParsedArgs {
  const options: Partial<RunOptions> & { virtualTime: boolean; quiet: boolean } = { virtualTime: false, quiet: false };
  const positionals: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--virtual-time') options.virtualTime = true;
    else if (arg === '--quiet' || arg === '-q') options.quiet = true;
    else if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const flag = (eq > 0 ? arg.slice(0, eq) : arg) as ValueFlag;
      if (!(flag in valueFlags)) return { kind: 'error', message: `unknown option ${eq > 0 ? arg.slice(0, eq) : arg}` };
      let value: string | undefined;
      if (eq > 0) value = arg.slice(eq + 1);
      else {
        value = args[++i];
        // `--input --quiet` is a forgotten value, not JSON; `--input -` (stdin) and `--seed -3` are values.
        if (value !== undefined && /^--[a-z]/.test(value)) value = undefined;
      }
      if (value === undefined || value === '') return { kind: 'error', message: `${flag} needs a value` };
      const key = valueFlags[flag];
      if (seen.has(key)) return { kind: 'error', message: `${flag} given more than once` };
      seen.add(key);
      if (key === 'seed') {
        // Numbers and strings seed differently in the engine; "42" should mean the number 42.
        options.seed = /^-?\d+$/.test(value) ? Number(value) : value;
      } else options[key] = value;
    } else positionals.push(arg);
  }
  if (positionals.length === 0) return { kind: 'error', message: 'no DEFINITION file given' };
  if (positionals.length > 1) return { kind: 'error', message: `one DEFINITION file at a time (got ${positionals.length}: ${positionals.join(', ')})` };
  if (options.testCase !== undefined && options.mocks === undefined) return { kind: 'error', message: '--test-case needs --mocks FILE' };
  if (options.input === '-' && positionals[0] === '-') return { kind: 'error', message: 'stdin can feed the definition or --input, not both' };
  const nameProblem = options.name === undefined ? undefined : machineNameProblem(options.name);
  if (nameProblem) return { kind: 'error', message: `--name: ${nameProblem}` };
  return { kind: 'run', options: { ...options, definition: positionals[0] } };
}

/** The engine's own words when AWS would refuse the name: said now, rather than after the files are read. */
function machineNameProblem(name: string): string | undefined {
  try {
    checkMachineName(name);
    return undefined;
  } catch (caught) {
    if (caught instanceof InvalidMachineNameError) return caught.message;
    throw caught;
  }
}
