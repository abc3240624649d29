/**
 * What every compiled state shares: its name, type, query language and where it goes next.
 *
 * Each state type is a class, so `execute` is one function per type on its prototype. As a
 * closure made per state, a machine of a thousand states had a thousand `execute` functions
 * behind the interpreter's one call site, which V8 could then neither inline nor predict: a
 * Pass chain of 1,000 states ran at a third of the speed of one of 300.
 */
import type { Catcher, MapState, ParallelState, QueryLanguage, Retrier, StateDefinition, StateType, TaskState } from '../definition/asl.ts';
import type { Visit } from '../interpreter.ts';
import type { Json, JsonObject } from '../json.ts';
import type { MaybePromise } from '../maybe-async.ts';
import type { CompiledState, StateOutcome } from './types.ts';
import { compileStateIO, type StateIO, type StateIOShape } from './io.ts';

export abstract class StateNode<D extends StateDefinition = StateDefinition> implements CompiledState {
  readonly name: string;
  readonly type: StateType;
  readonly queryLanguage: QueryLanguage;
  readonly next: string | undefined;
  nextState: CompiledState | undefined = undefined;
  eventNameBits = 0;

  constructor(
    name: string,
    readonly definition: D,
    queryLanguage: QueryLanguage,
  ) {
    this.name = name;
    this.type = definition.Type;
    this.queryLanguage = queryLanguage;
    this.next = definition.End === true ? undefined : definition.Next;
  }

  abstract execute(input: Json, visit: Visit): MaybePromise<StateOutcome>;
}

/** The states whose input and output go through the data flow (all but Fail), in the shape their type takes. */
export abstract class DataFlowStateNode<D extends StateDefinition> extends StateNode<D> {
  protected readonly io: StateIO;

  constructor(name: string, definition: D, queryLanguage: QueryLanguage, shape: StateIOShape) {
    super(name, definition, queryLanguage);
    this.io = compileStateIO(definition, name, queryLanguage, shape);
  }
}

/** The states that may have Retry and Catch (Task, Parallel, Map); a catcher's output goes through their data flow. */
export abstract class RecoverableStateNode<D extends TaskState | ParallelState | MapState> extends DataFlowStateNode<D> {
  readonly retriers: readonly Retrier[] | undefined;
  readonly catchers: readonly Catcher[] | undefined;

  constructor(name: string, definition: D, queryLanguage: QueryLanguage, shape: StateIOShape) {
    super(name, definition, queryLanguage, shape);
    this.retriers = definition.Retry;
    this.catchers = definition.Catch;
  }

  handleCatch(input: Json, errorOutput: JsonObject, catcher: Catcher, visit: Visit): MaybePromise<StateOutcome> {
    return this.io.caught(input, errorOutput, catcher, visit);
  }
}
