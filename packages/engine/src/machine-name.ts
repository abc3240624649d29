/**
 * What CreateStateMachine refuses in a machine's name (InvalidName): the rules execution names
 * follow too (resource-names.ts). Refused, no machine is made.
 */
import { nameProblem } from './resource-names.ts';

/** The name given to `createMachine` is not one AWS accepts (CreateStateMachine's InvalidName): no machine was made. */
export class InvalidMachineNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMachineNameError';
  }
}

/** The check createMachine makes, for a name taken before there is a machine (a form field, a command-line option). */
export function checkMachineName(name: string): void {
  const problem = nameProblem(name);
  if (problem) throw new InvalidMachineNameError(`The state machine name ${JSON.stringify(name)} is not valid: ${problem}.`);
}
