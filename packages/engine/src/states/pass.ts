/** Pass: hands its input (or its Result) on, through the data flow. */
import type { PassState } from '../definition/asl.ts';
import type { Json } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import { stateHeader } from './base.ts';
import { compileStateIO, IO_SHAPES } from './io.ts';
import type { CompiledState, StateOutcome } from './types.ts';
import { isPromise, type MaybePromise } from '../maybe-async.ts';

export function compilePass(name: string, definition: PassState, queryLanguage: 'JSONPath' | 'JSONata'): CompiledState {
  const io = compileStateIO(definition, name, queryLanguage, IO_SHAPES.pass);
  const hasResult = definition.Result !== undefined && queryLanguage === 'JSONPath';
  return {
    ...stateHeader(name, definition, queryLanguage),
    execute(input: Json, visit: Visit): MaybePromise<StateOutcome> {
      // Result, when present, replaces the effective input as the state's result.
      const effective = io.prepare(input, visit);
      // JSONPath prepares synchronously: no closure per visit then.
      if (!isPromise(effective)) return io.complete(input, hasResult ? definition.Result! : effective, visit);
      return effective.then((ready) => io.complete(input, hasResult ? definition.Result! : ready, visit));
    },
  };
}
