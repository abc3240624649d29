/**
 * AWS's size limits on workflow variables: 256 KiB for one variable, 10 MiB for all the
 * variables an execution holds. Both are checked before the assignment takes effect.
 */
import { StatesError, StatesErrors } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import { jsonByteSize } from '../json-size.ts';
import type { Visit } from '../interpreter.ts';

const MAX_VARIABLE_BYTES = 256 * 1024;
const MAX_TOTAL_BYTES = 10 * 1024 * 1024;

export function checkAssignedSizes(assigned: JsonObject, visit: Visit): void {
  let total = 0;
  for (const name in assigned) {
    const size = jsonByteSize(assigned[name]);
    if (size > MAX_VARIABLE_BYTES) {
      throw new StatesError(
        StatesErrors.DataLimitExceeded,
        `The variable '${name}' assigned in state '${visit.state.name}' is ${size} bytes, over the limit of 256 KiB for one variable.`,
      );
    }
    total += size;
  }
  total += visit.frame.variables.byteTotal(assigned);
  if (total > MAX_TOTAL_BYTES) {
    throw new StatesError(
      StatesErrors.DataLimitExceeded,
      `Assigning variables in state '${visit.state.name}' would make them ${total} bytes in all, over the limit of 10 MiB.`,
    );
  }
}
