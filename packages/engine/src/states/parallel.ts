/**
 * Parallel: runs every branch on the same input at once; the result is the array of branch
 * outputs in branch order. The first branch to fail stops the others, and its error is the
 * state's error.
 */
import type { ParallelState } from '../definition/asl.ts';
import { toStatesError } from '../errors.ts';
import type { Json } from '../json.ts';
import { markReported, nestedFrame, runScope, StopSignal, type Frame, type Visit } from '../interpreter.ts';
import { Cancellation } from '../cancellation.ts';
import { andThen, isPromise, type MaybePromise } from '../maybe-async.ts';
import { RecoverableStateNode, type StateNode } from './base.ts';
import { IO_SHAPES } from './io.ts';
import type { CompiledScope, ScopeCompiler, StateOutcome } from './types.ts';

class ParallelNode extends RecoverableStateNode<ParallelState> {
  private readonly branches: readonly CompiledScope[];

  constructor(name: string, definition: ParallelState, queryLanguage: 'JSONPath' | 'JSONata', compiler: ScopeCompiler) {
    super(name, definition, queryLanguage, IO_SHAPES.work);
    this.branches = definition.Branches.map((branch) => compiler.compileScope(branch, queryLanguage));
  }

  execute(input: Json, visit: Visit): MaybePromise<StateOutcome> {
    return andThen(this.io.prepare(input, visit), (effective) =>
      andThen(runBranches(this.branches, effective, visit), (results) => this.io.complete(input, results, visit)),
    );
  }

  recordFailure(visit: Visit): void {
    visit.record('ParallelStateFailed');
  }
}

export function compileParallel(name: string, definition: ParallelState, queryLanguage: 'JSONPath' | 'JSONata', compiler: ScopeCompiler): StateNode {
  return new ParallelNode(name, definition, queryLanguage, compiler);
}

/**
 * Start every branch in order; a branch that needs no waiting finishes as it starts, so a
 * Parallel of such branches completes synchronously, with no promise per branch. The first
 * failure stops the branches still running (and those not yet started, which then stop at once).
 */
function runBranches(branches: readonly CompiledScope[], effective: Json, visit: Visit): MaybePromise<Json[]> {
  visit.record('ParallelStateStarted');
  const started = visit.frame.thread.last;
  const controller = Cancellation.childOf(visit.signal);
  const results: Json[] = new Array(branches.length);
  const lastEvents: number[] = new Array(branches.length).fill(started);
  let failure: { error: unknown; last: number } | undefined;
  let pending: Promise<void>[] | undefined;

  const failed = (error: unknown, frame: Frame): void => {
    if (!failure && !(error instanceof StopSignal && controller.signal.aborted)) {
      failure = { error, last: frame.thread.last };
      controller.abort(new StopSignal('branch-cancelled'));
    }
  };
  visit.runtime.nestedRuns++;
  for (let index = 0; index < branches.length; index++) {
    const frame = nestedFrame(visit, { thread: { last: started }, signal: controller.signal });
    try {
      const output = runScope(branches[index], effective, frame);
      if (isPromise(output)) {
        const settled = output.then(
          (value) => void (results[index] = value),
          (error: unknown) => failed(error, frame),
        );
        (pending ??= []).push(settled.finally(() => void (lastEvents[index] = frame.thread.last)));
        continue;
      }
      results[index] = output;
    } catch (error) {
      failed(error, frame);
    }
    lastEvents[index] = frame.thread.last;
  }

  const finish = (): Json[] => {
    visit.runtime.nestedRuns--;
    controller.release();
    if (failure) {
      if (visit.signal.aborted) throw visit.signal.reason;
      visit.frame.thread.last = failure.last;
      throw markReported(toStatesError(failure.error));
    }
    visit.frame.thread.last = Math.max(...lastEvents);
    visit.record('ParallelStateSucceeded', undefined, undefined, false);
    return results;
  };
  // The settled promises never reject (failures are noted instead), so this waits for every branch.
  return pending ? Promise.all(pending).then(finish) : finish();
}
