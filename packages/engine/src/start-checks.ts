/**
 * What StartExecution refuses before an execution exists: a name AWS does not accept
 * (InvalidName), an input that is not JSON or is over the payload limit (InvalidExecutionInput).
 * Refused, nothing is recorded and nothing runs.
 */
import { jsonProblem } from './json-check.ts';
import { jsonByteSize } from './json-size.ts';
import type { Json } from './json.ts';

/** The name given to `start` is not one AWS accepts (StartExecution's InvalidName): nothing was started. */
export class InvalidExecutionNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidExecutionNameError';
  }
}

/**
 * Why AWS would refuse an execution name, or undefined: 1 to 80 characters, without white space,
 * brackets, wildcards, the special characters " # % \\ ^ | ~ ` $ & , ; : /, control characters or
 * unpaired surrogates (the StartExecution API reference).
 */
function executionNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 80) return `it has ${name.length} characters; a name has 1 to 80`;
  // With the u flag a surrogate pair is one character: only unpaired surrogates match \ud800-\udfff.
  const bad = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f\ufffe\uffff\ud800-\udfff]/u.exec(name);
  if (!bad) return undefined;
  const character = bad[0];
  const shown = /[\s\u0000-\u001f\u007f-\u009f\ufffe\uffff\ud800-\udfff]/.test(character) ? `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : `'${character}'`;
  return `it contains ${shown}; a name may not contain white space, brackets, wildcards, the characters " # % \\ ^ | ~ \` $ & , ; : / or control characters`;
}

/** The input given to `start` is not JSON, or is over the payload limit (StartExecution's InvalidExecutionInput): nothing was started. */
export class InvalidExecutionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidExecutionInputError';
  }
}

export function checkExecutionName(name: string): void {
  const problem = executionNameProblem(name);
  if (problem) throw new InvalidExecutionNameError(`The execution name ${JSON.stringify(name)} is not valid: ${problem}.`);
}

export function checkExecutionInput(input: Json, maxPayloadBytes: number): void {
  const problem = jsonProblem(input);
  if (problem) throw new InvalidExecutionInputError(`The execution input is not JSON the engine can take: at ${problem}.`);
  if (!Number.isFinite(maxPayloadBytes)) return;
  const bytes = jsonByteSize(input);
  if (bytes > maxPayloadBytes) {
    throw new InvalidExecutionInputError(`The execution input is ${bytes} bytes of JSON, over the ${maxPayloadBytes}-byte payload limit (limits.maxPayloadBytes).`);
  }
}
