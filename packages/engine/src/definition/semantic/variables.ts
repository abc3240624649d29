/**
 * Variable scoping: the states of a Parallel branch or Map processor can read variables assigned
 * in their own scope and in enclosing scopes (a Distributed Map's processor excepted, which runs as
 * separate executions), but nothing assigned inside a branch or processor is visible outside it.
 * A read of a variable that is assigned only where the reader cannot see it is reported.
 */
import { Codes, error, isObject, type Diagnostic } from '../diagnostics.ts';
import type { MachineModel, Scope } from '../model.ts';
import type { VariableRead } from './expressions.ts';

export function checkVariableScopes(model: MachineModel, reads: VariableRead[], diagnostics: Diagnostic[]): void {
  if (reads.length === 0) return;
  const assignedIn = new Map<Scope, Set<string>>();
  const everywhere = new Set<string>();
  for (const state of model.states) {
    for (const name of assignedNames(state.value, state.queryLanguage === 'JSONPath')) {
      let names = assignedIn.get(state.scope);
      if (!names) assignedIn.set(state.scope, (names = new Set()));
      names.add(name);
      everywhere.add(name);
    }
  }
  for (const read of reads) {
    if (!everywhere.has(read.name)) continue;
    if (visibleFrom(read.state.scope, assignedIn, read.name)) continue;
    diagnostics.push(
      error(
        Codes.schema,
        `Variable '$${read.name}' is not in scope here: it is assigned only inside another Parallel branch or Map processor (or outside a Distributed Map), and such variables cannot be read from this state.`,
        read.pointer,
      ),
    );
  }
}

function visibleFrom(scope: Scope, assignedIn: Map<Scope, Set<string>>, name: string): boolean {
  for (let current: Scope | undefined = scope; current; current = current.owner?.scope) {
    if (assignedIn.get(current)?.has(name)) return true;
    if (isDistributedProcessor(current)) return false;
  }
  return false;
}

function isDistributedProcessor(scope: Scope): boolean {
  if (scope.kind !== 'processor') return false;
  const config = scope.value.ProcessorConfig;
  return isObject(config) && config.Mode === 'DISTRIBUTED';
}

function assignedNames(value: unknown, jsonPath: boolean): string[] {
  if (!isObject(value)) return [];
  const blocks: unknown[] = [value.Assign];
  for (const list of ['Catch', 'Choices']) {
    const entries = value[list];
    if (Array.isArray(entries)) for (const entry of entries) if (isObject(entry)) blocks.push(entry.Assign);
  }
  const names: string[] = [];
  for (const block of blocks) {
    if (!isObject(block)) continue;
    for (const key of Object.keys(block)) names.push(jsonPath && key.endsWith('.$') ? key.slice(0, -2) : key);
  }
  return names;
}
