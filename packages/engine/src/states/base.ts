/**
 * What every compiled state shares: its name, type, query language and where it goes next.
 *
 * Each state type is a class, so `execute` is one function per type on its prototype. As a
 * closure made per state, a machine of a thousand states had a thousand `execute` functions
 * behind the interpreter's one call site, which V8 could then neither inline nor predict: a
 * Pass chain of 1,000 states ran at a third of the speed of one of 300.
 */
import type { QueryLanguage, StateDefinition, StateType } from '../definition/asl.ts';
import type { Visit } from '../interpreter.ts';
import type { Json } from '../json.ts';
import type { MaybePromise } from '../maybe-async.ts';
import type { CompiledState, StateOutcome } from './types.ts';

export abstract class StateNode<D extends StateDefinition = StateDefinition> implements CompiledState {
  readonly name: string;
  readonly type: StateType;
  readonly queryLanguage: QueryLanguage;
  readonly next: string | undefined;
  nextState: CompiledState | undefined = undefined;

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
