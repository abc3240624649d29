/** Turns a validated definition into compiled states, one module per state type. */
import type { QueryLanguage, StateDefinition, StateMachineDefinition } from '../definition/asl.ts';
import { compileChoice } from './choice.ts';
import { compileFail } from './fail.ts';
import { compileMap } from './map.ts';
import { compileParallel } from './parallel.ts';
import { compilePass } from './pass.ts';
import { compileSucceed } from './succeed.ts';
import { compileTask } from './task.ts';
import { EventNames, nameBits } from '../history.ts';
import type { CompiledMachine, CompiledState, ScopeCompiler } from './types.ts';
import { compileWait } from './wait.ts';

/**
 * A field the validator let through but that cannot be compiled (a path or expression the
 * run-time parser refuses). Carries the JSON pointer of the state, for a diagnostic.
 */
export class CompileError extends Error {
  constructor(
    readonly location: string,
    message: string,
  ) {
    super(message);
    this.name = 'CompileError';
  }
}

function scopeCompiler(pointer: string, names: EventNames): ScopeCompiler {
  return {
    compileScope(branch, inherited) {
      const queryLanguage = branch.QueryLanguage ?? inherited;
      const states = new Map<string, CompiledState>();
      for (const [name, definition] of Object.entries(branch.States)) {
        const location = `${pointer}/States/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const state = compileState(name, definition, definition.QueryLanguage ?? queryLanguage, location, names);
        state.eventNameBits = nameBits(names.intern(name));
        states.set(name, state);
      }
      // Each state holds the state its Next names: finding it by name at every transition cost
      // a Map look-up with a string comparison.
      for (const state of states.values()) if (state.next !== undefined) state.nextState = states.get(state.next);
      return { startAt: branch.StartAt, states };
    },
  };
}

export function compileMachine(definition: StateMachineDefinition): CompiledMachine {
  const eventNames = new EventNames();
  return { ...scopeCompiler('', eventNames).compileScope(definition, definition.QueryLanguage ?? 'JSONPath'), eventNames };
}

function compileState(name: string, definition: StateDefinition, queryLanguage: QueryLanguage, location: string, names: EventNames): CompiledState {
  try {
    return compileStateOfType(name, definition, queryLanguage, location, names);
  } catch (error) {
    if (error instanceof CompileError) throw error;
    throw new CompileError(location, `State '${name}': ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Nested scopes of a container state are compiled under its pointer (Branches/i, ItemProcessor). */
function nested(location: string, field: string, names: EventNames): ScopeCompiler {
  return scopeCompiler(`${location}/${field}`, names);
}

function compileStateOfType(name: string, definition: StateDefinition, queryLanguage: QueryLanguage, location: string, names: EventNames): CompiledState {
  switch (definition.Type) {
    case 'Pass':
      return compilePass(name, definition, queryLanguage);
    case 'Task':
      return compileTask(name, definition, queryLanguage);
    case 'Choice':
      return compileChoice(name, definition, queryLanguage);
    case 'Wait':
      return compileWait(name, definition, queryLanguage);
    case 'Succeed':
      return compileSucceed(name, definition, queryLanguage);
    case 'Fail':
      return compileFail(name, definition, queryLanguage);
    case 'Parallel':
      return compileParallel(name, definition, queryLanguage, {
        compileScope: (branch, inherited) => nested(location, `Branches/${definition.Branches.indexOf(branch as never)}`, names).compileScope(branch, inherited),
      });
    case 'Map':
      return compileMap(name, definition, queryLanguage, nested(location, definition.ItemProcessor ? 'ItemProcessor' : 'Iterator', names));
  }
}
