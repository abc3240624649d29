/**
 * The graph rules of a machine, scope by scope (the machine, each Parallel branch, each Map
 * processor): StartAt and every Next/Default/Catch target name a state of the same scope, every
 * state is reachable from StartAt, each scope has a terminal state, transitioning states have Next
 * or End but not both, and no state name is used twice anywhere in the machine.
 */
import { Codes, childPointer, error, isObject, type Diagnostic } from '../diagnostics.ts';
import type { MachineModel, Scope, StateInfo } from '../model.ts';

interface Transition {
  target: string;
  pointer: string;
}

const transitioningTypes = new Set(['Pass', 'Task', 'Wait', 'Parallel', 'Map']);

export function checkTransitions(model: MachineModel, diagnostics: Diagnostic[]): void {
  const statesByName = new Map<string, StateInfo[]>();
  for (const state of model.states) {
    const list = statesByName.get(state.name) ?? [];
    list.push(state);
    statesByName.set(state.name, list);
  }
  for (const [name, states] of statesByName) {
    for (const duplicate of states.slice(1)) {
      diagnostics.push(
        error(Codes.duplicateStateName, `State name '${name}' is already used at ${states[0].pointer}; state names must be unique across the whole state machine, branches and processors included.`, duplicate.pointer),
      );
    }
  }
  for (const scope of model.scopes) checkScope(scope, statesByName, diagnostics);
}

function checkScope(scope: Scope, statesByName: Map<string, StateInfo[]>, diagnostics: Diagnostic[]): void {
  if (!isObject(scope.value.States) || scope.states.size === 0) return;
  const startAt = scope.value.StartAt;
  const startPointer = childPointer(scope.pointer, 'StartAt');
  if (typeof startAt === 'string' && !scope.states.has(startAt)) {
    diagnostics.push(error(Codes.missingTransitionTarget, `StartAt names '${startAt}', which is not a state of ${describeScope(scope)}${elsewhere(startAt, statesByName)}.`, startPointer));
  }
  const edges = new Map<string, string[]>();
  for (const state of scope.states.values()) {
    const targets: string[] = [];
    for (const transition of transitionsOf(state)) {
      if (scope.states.has(transition.target)) {
        targets.push(transition.target);
        continue;
      }
      diagnostics.push(
        error(
          Codes.missingTransitionTarget,
          `'${lastField(transition.pointer)}' names '${transition.target}', which is not a state of ${describeScope(scope)}${elsewhere(transition.target, statesByName)}.`,
          transition.pointer,
        ),
      );
    }
    edges.set(state.name, targets);
    checkNextOrEnd(state, diagnostics);
  }
  if (typeof startAt === 'string' && scope.states.has(startAt)) {
    const reached = new Set<string>([startAt]);
    const queue = [startAt];
    while (queue.length > 0) {
      for (const target of edges.get(queue.pop()!) ?? []) {
        if (!reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
    for (const state of scope.states.values()) {
      if (!reached.has(state.name)) {
        // AWS reports unreachable states under MISSING_TRANSITION_TARGET (no transition targets them).
        diagnostics.push(error(Codes.missingTransitionTarget, `State '${state.name}' is not reachable: no path of transitions leads to it from StartAt '${startAt}'.`, state.pointer));
      }
    }
  }
  const hasTerminal = [...scope.states.values()].some((state) => {
    const value = state.value;
    return isObject(value) && (value.Type === 'Succeed' || value.Type === 'Fail' || value.End === true);
  });
  if (!hasTerminal) {
    diagnostics.push(
      error(Codes.missingEndState, `${capitalize(describeScope(scope))} has no terminal state: at least one state must be a Succeed or Fail state or have "End": true.`, childPointer(scope.pointer, 'States')),
    );
  }
}

function transitionsOf(state: StateInfo): Transition[] {
  const value = state.value;
  if (!isObject(value)) return [];
  const found: Transition[] = [];
  if (typeof value.Next === 'string') found.push({ target: value.Next, pointer: childPointer(state.pointer, 'Next') });
  if (value.Type === 'Choice') {
    if (typeof value.Default === 'string') found.push({ target: value.Default, pointer: childPointer(state.pointer, 'Default') });
    if (Array.isArray(value.Choices)) {
      value.Choices.forEach((rule, index) => {
        if (isObject(rule) && typeof rule.Next === 'string') {
          found.push({ target: rule.Next, pointer: childPointer(childPointer(childPointer(state.pointer, 'Choices'), index), 'Next') });
        }
      });
    }
  }
  if (Array.isArray(value.Catch)) {
    value.Catch.forEach((catcher, index) => {
      if (isObject(catcher) && typeof catcher.Next === 'string') {
        found.push({ target: catcher.Next, pointer: childPointer(childPointer(childPointer(state.pointer, 'Catch'), index), 'Next') });
      }
    });
  }
  return found;
}

function checkNextOrEnd(state: StateInfo, diagnostics: Diagnostic[]): void {
  const value = state.value;
  if (!isObject(value) || typeof value.Type !== 'string' || !transitioningTypes.has(value.Type)) return;
  const hasNext = 'Next' in value;
  const ends = value.End === true;
  if (hasNext && ends) {
    diagnostics.push(error(Codes.schema, `A ${value.Type} state has either 'Next' or '"End": true', not both.`, childPointer(state.pointer, 'End')));
  } else if (!hasNext && !ends) {
    const location = 'End' in value ? childPointer(state.pointer, 'End') : state.pointer;
    diagnostics.push(error(Codes.schema, `${value.Type} state '${state.name}' needs a transition: set 'Next' to a state name or '"End": true'.`, location));
  }
}

function describeScope(scope: Scope): string {
  if (scope.kind === 'machine') return 'the state machine';
  return scope.kind === 'branch' ? `this Parallel branch (${scope.pointer})` : `this Map processor (${scope.pointer})`;
}

/** When the target exists in another scope, say so: a transition may not leave its branch or processor. */
function elsewhere(target: string, statesByName: Map<string, StateInfo[]>): string {
  const other = statesByName.get(target);
  if (!other || other.length === 0) return '';
  return `; a state of that name exists at ${other[0].pointer}, but transitions cannot cross into or out of a Parallel branch or Map processor`;
}

function lastField(pointer: string): string {
  return pointer.slice(pointer.lastIndexOf('/') + 1);
}

function capitalize(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}
