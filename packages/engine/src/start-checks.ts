/**
 * What StartExecution refuses before an execution exists: a name AWS does not accept
 * (InvalidName), an input that is not JSON or is over the payload limit (InvalidExecutionInput).
 * Refused, nothing is recorded and nothing runs; admitted, the input is the execution's own copy.
 */
import { jsonProblem } from './json-check.ts';
import { NOT_PLAIN, plainJsonCopy } from './json-copy.ts';
import { jsonByteSize } from './json-size.ts';
import type { Json } from './json.ts';
import { nameProblem } from './resource-names.ts';

/** The name given to `start` is not one AWS accepts (StartExecution's InvalidName): nothing was started. */
export class InvalidExecutionNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidExecutionNameError';
  }
}

/** The input given to `start` is not JSON, or is over the payload limit (StartExecution's InvalidExecutionInput): nothing was started. */
export class InvalidExecutionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidExecutionInputError';
  }
}

export function checkExecutionName(name: string): void {
  const problem = nameProblem(name);
  if (problem) throw new InvalidExecutionNameError(`The execution name ${JSON.stringify(name)} is not valid: ${problem}.`);
}

/**
 * The execution's own copy of its input, as StartExecution takes it: JSON text, so later changes
 * to the caller's object cannot reach the execution (nor its `$$.Execution.Input`).
 */
export function admitExecutionInput(input: unknown, maxPayloadBytes: number): Json {
  const copy = plainJsonCopy(input);
  if (copy === NOT_PLAIN) {
    throw new InvalidExecutionInputError(`The execution input is not JSON the engine can take: at ${jsonProblem(input) ?? 'the value itself: it is not plain JSON'}.`);
  }
  if (Number.isFinite(maxPayloadBytes)) {
    // Sized after the copy, which is fresh, so the sizes the walk remembers for large containers
    // serve the first states.
    const bytes = jsonByteSize(copy);
    if (bytes > maxPayloadBytes) {
      throw new InvalidExecutionInputError(`The execution input is ${bytes} bytes of JSON, over the ${maxPayloadBytes}-byte payload limit (limits.maxPayloadBytes).`);
    }
  }
  return copy;
}
