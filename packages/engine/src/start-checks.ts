/**
 * What StartExecution refuses before an execution exists: a name AWS does not accept
 * (InvalidName), an input that is not JSON or is over the payload limit (InvalidExecutionInput).
 * Refused, nothing is recorded and nothing runs.
 */
import { jsonProblem } from './json-check.ts';
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

export function checkExecutionInput(input: Json, maxPayloadBytes: number): void {
  const problem = jsonProblem(input);
  if (problem) throw new InvalidExecutionInputError(`The execution input is not JSON the engine can take: at ${problem}.`);
  if (!Number.isFinite(maxPayloadBytes)) return;
  // A second walk, on purpose: sizing is most of the cost (it reads every string's characters)
  // and remembers large containers' sizes for the first states; folding the check into it would
  // slow jsonByteSize everywhere else, and folding sizing into the check would copy its rules.
  const bytes = jsonByteSize(input);
  if (bytes > maxPayloadBytes) {
    throw new InvalidExecutionInputError(`The execution input is ${bytes} bytes of JSON, over the ${maxPayloadBytes}-byte payload limit (limits.maxPayloadBytes).`);
  }
}
