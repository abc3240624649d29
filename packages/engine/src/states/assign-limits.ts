/** AWS's size limits on workflow variables: 256 KiB per variable, 10 MiB in all. */
import { StatesError, StatesErrors } from '../errors.ts';
import type { Json } from '../json.ts';
import { jsonByteSize } from '../json-size.ts';
import type { Visit } from '../interpreter.ts';

const MAX_VARIABLE_BYTES = 256 * 1024;

export function checkAssignedSizes(assigned: ReadonlyArray<[string, Json]>, visit: Visit): void {
  for (const [name, value] of assigned) {
    if (jsonByteSize(value) > MAX_VARIABLE_BYTES) {
      throw new StatesError(
        StatesErrors.DataLimitExceeded,
        `The variable '${name}' assigned in state '${visit.state.name}' exceeds the maximum size of 256 KiB.`,
      );
    }
  }
}
