/** What every compiled state shares: its name, type, query language and where it goes next. */
import type { QueryLanguage, StateDefinition, StateType } from '../definition/asl.ts';

export interface StateHeader {
  readonly name: string;
  readonly type: StateType;
  readonly definition: StateDefinition;
  readonly queryLanguage: QueryLanguage;
  readonly next: string | undefined;
}

export function stateHeader(name: string, definition: StateDefinition, queryLanguage: QueryLanguage): StateHeader {
  return {
    name,
    type: definition.Type,
    definition,
    queryLanguage,
    next: definition.End === true ? undefined : definition.Next,
  };
}
