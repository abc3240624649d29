/** The contract between the interpreter loop and the modules that give each state type its meaning. */
import type { Catcher, QueryLanguage, Retrier, StateDefinition, StateType } from '../definition/asl.ts';
import type { Json, JsonObject } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import type { EventNames } from '../history.ts';

export interface StateOutcome {
  output: Json;
  /** The state to go to; omitted to follow the state's own Next (or End). */
  next?: string;
  /**
   * Variables the state assigns (the evaluated Assign: name → value), applied by the interpreter
   * after the state is done.
   */
  assigned?: JsonObject;
}

export interface CompiledState {
  readonly name: string;
  readonly type: StateType;
  readonly definition: StateDefinition;
  readonly queryLanguage: QueryLanguage;
  /** The state's Next, or undefined for a terminal state. */
  readonly next: string | undefined;
  /** The state `next` names, linked once its scope is compiled (see compile.ts). */
  nextState: CompiledState | undefined;
  /** The state's name as its events carry it (`nameBits` of its number in the machine's EventNames), set by compile.ts. */
  eventNameBits: number;
  readonly retriers?: readonly Retrier[];
  readonly catchers?: readonly Catcher[];
  /**
   * Record the event that says the state failed (ParallelStateFailed, MapStateFailed), once no
   * retrier will run it again; AWS records none between attempts.
   */
  recordFailure?(visit: Visit): void;
  /** The state's outcome when `catcher` handles `errorOutput` (the states that may have a Catch). */
  handleCatch?(input: Json, errorOutput: JsonObject, catcher: Catcher, visit: Visit): StateOutcome | Promise<StateOutcome>;
  /** One attempt at the state. Throws a StatesError when the attempt fails. */
  execute(input: Json, visit: Visit): StateOutcome | Promise<StateOutcome>;
}

export interface CompiledScope {
  readonly startAt: string;
  readonly states: ReadonlyMap<string, CompiledState>;
}

/** A whole machine: its top scope, and the state names its events carry (nested scopes' too). */
export interface CompiledMachine extends CompiledScope {
  readonly eventNames: EventNames;
}

/** Lets container states (Parallel, Map) compile the scopes nested in them. */
export interface ScopeCompiler {
  compileScope(branch: { StartAt: string; States: Record<string, StateDefinition>; QueryLanguage?: QueryLanguage }, inherited: QueryLanguage): CompiledScope;
}
