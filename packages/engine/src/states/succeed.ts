/** Succeed: ends its scope successfully, with its input through InputPath/OutputPath (or Output). */
import type { SucceedState } from '../definition/asl.ts';
import type { Json } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import { stateHeader } from './base.ts';
import { compileStateIO, IO_SHAPES } from './io.ts';
import type { CompiledState, StateOutcome } from './types.ts';
import { andThen, type MaybePromise } from '../maybe-async.ts';

export function compileSucceed(name: string, definition: SucceedState, queryLanguage: 'JSONPath' | 'JSONata'): CompiledState {
  const io = compileStateIO(definition, name, queryLanguage, IO_SHAPES.passThrough);
  return {
    ...stateHeader(name, definition, queryLanguage),
    next: undefined,
    execute(input: Json, visit: Visit): MaybePromise<StateOutcome> {
      return andThen(io.prepare(input, visit), (effective) => io.complete(input, effective, visit));
    },
  };
}
