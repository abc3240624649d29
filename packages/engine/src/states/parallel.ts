/**
 * Parallel: runs every branch on the same input at once; the result is the array of branch
 * outputs in branch order. The first branch to fail stops the others, and its error is the
 * state's error.
 */
import type { ParallelState } from '../definition/asl.ts';
import { toStatesError } from '../errors.ts';
import type { Json } from '../json.ts';
import { childAbortController, markReported, nestedFrame, runScope, StopSignal, type CatchHandler, type Visit } from '../interpreter.ts';
import { stateHeader } from './base.ts';
import { compileStateIO } from './io.ts';
import type { CompiledState, ScopeCompiler, StateOutcome } from './types.ts';

export function compileParallel(
  name: string,
  definition: ParallelState,
  queryLanguage: 'JSONPath' | 'JSONata',
  compiler: ScopeCompiler,
): CompiledState & { handleCatch: CatchHandler } {
  const io = compileStateIO(definition, name, queryLanguage, { parameters: true, producesResult: true, resultPath: true });
  const branches = definition.Branches.map((branch) => compiler.compileScope(branch, queryLanguage));

  return {
    ...stateHeader(name, definition, queryLanguage),
    retriers: definition.Retry,
    catchers: definition.Catch,
    async execute(input: Json, visit: Visit): Promise<StateOutcome> {
      const effective = await io.prepare(input, visit);
      visit.record('ParallelStateStarted');
      const started = visit.frame.thread.last;
      const controller = childAbortController(visit.signal);
      let failure: { error: unknown; last: number } | undefined;

      visit.runtime.nestedRuns++;
      const runs = branches.map(async (branch, index) => {
        const frame = nestedFrame(visit, { thread: { last: started }, signal: controller.signal });
        try {
          return await runScope(branch, effective, frame);
        } catch (error) {
          if (!failure && !(error instanceof StopSignal && controller.signal.aborted)) {
            failure = { error, last: frame.thread.last };
            controller.abort(new StopSignal('branch-cancelled'));
          }
          throw error;
        } finally {
          lastEvents[index] = frame.thread.last;
        }
      });
      const lastEvents: number[] = new Array(branches.length).fill(started);
      const settled = await Promise.allSettled(runs).finally(() => visit.runtime.nestedRuns--);

      if (failure) {
        if (visit.signal.aborted) throw visit.signal.reason;
        visit.frame.thread.last = failure.last;
        throw markReported(toStatesError(failure.error));
      }
      const results = settled.map((s) => (s as PromiseFulfilledResult<Json>).value);
      visit.frame.thread.last = Math.max(...lastEvents);
      visit.record('ParallelStateSucceeded', undefined, undefined, false);
      return io.complete(input, results, visit);
    },
    recordFailure: (visit) => void visit.record('ParallelStateFailed'),
    handleCatch: (input, errorOutput, catcher, visit) => io.caught(input, errorOutput, catcher, visit),
  };
}
