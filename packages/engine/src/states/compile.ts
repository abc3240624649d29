/** Turns a validated definition into compiled states, one module per state type. */
import type { QueryLanguage, StateDefinition, StateMachineDefinition } from '../definition/asl.ts';
import { compileChoice } from './choice.ts';
import { compileFail } from './fail.ts';
import { compileMap } from './map.ts';
import { compileParallel } from './parallel.ts';
import { compilePass } from './pass.ts';
import { compileSucceed } from './succeed.ts';
import { compileTask } from './task.ts';
import type { CompiledScope, CompiledState, ScopeCompiler } from './types.ts';
import { compileWait } from './wait.ts';

const compiler: ScopeCompiler = {
  compileScope(branch, inherited) {
    const queryLanguage = branch.QueryLanguage ?? inherited;
    const states = new Map<string, CompiledState>();
    for (const [name, definition] of Object.entries(branch.States)) {
      states.set(name, compileState(name, definition, definition.QueryLanguage ?? queryLanguage));
    }
    return { startAt: branch.StartAt, states };
  },
};

export function compileMachine(definition: StateMachineDefinition): CompiledScope {
  return compiler.compileScope(definition, definition.QueryLanguage ?? 'JSONPath');
}

function compileState(name: string, definition: StateDefinition, queryLanguage: QueryLanguage): CompiledState {
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
      return compileParallel(name, definition, queryLanguage, compiler);
    case 'Map':
      return compileMap(name, definition, queryLanguage, compiler);
  }
}
