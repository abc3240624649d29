/**
 * Issue 3's workloads: the Pass chain and the Choice loop rewritten in JSONata, keeping their
 * running values in variables with Assign. They produce the same output as their JSONPath
 * twins, so they share the twins' baselines.
 */
import type { StateDefinition } from '@stepwise/engine';
import { choiceLoop, passChain } from './jsonpath.ts';
import type { Workload } from './types.ts';

export function jsonataPassChain(length: number): Workload {
  const twin = passChain(length);
  const states: Record<string, StateDefinition> = {};
  for (let i = 0; i < length; i++) {
    // The first state reads the seed from the input; the rest read the variable the one before assigned.
    const prev = i === 0 ? '$states.input.last.step' : '$last.step';
    const last = `{'step': ${i}, 'prev': ${prev}, 'name': $states.input.name}`;
    states[`Step${i}`] =
      i + 1 < length
        ? { Type: 'Pass', Assign: { last: `{% ${last} %}` }, Next: `Step${i + 1}` }
        : { Type: 'Pass', Output: `{% {'name': $states.input.name, 'last': ${last}} %}`, End: true };
  }
  return {
    ...twin,
    id: `${twin.id}-jsonata`,
    title: `${length} Pass states, JSONata Assign`,
    twinOf: twin.id,
    queryLanguage: 'JSONata',
    definition: { QueryLanguage: 'JSONata', StartAt: 'Step0', States: states },
  };
}

export function jsonataChoiceLoop(iterations: number): Workload {
  const twin = choiceLoop(iterations);
  return {
    ...twin,
    id: `${twin.id}-jsonata`,
    title: `Choice loop × ${iterations}, JSONata Assign`,
    twinOf: twin.id,
    queryLanguage: 'JSONata',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { i: '{% $states.input.i %}', total: '{% $states.input.total %}' }, Next: 'Check' },
        Check: { Type: 'Choice', Choices: [{ Condition: `{% $i < ${iterations} %}`, Next: 'Increment' }], Default: 'Done' },
        // Assign's expressions all see the variables from before the state, as in the JSONPath twin's Parameters.
        Increment: { Type: 'Pass', Assign: { i: '{% $i + 1 %}', total: '{% $total + $i %}' }, Next: 'Check' },
        Done: { Type: 'Succeed', Output: "{% {'i': $i, 'total': $total} %}" },
      },
    },
    transitions: twin.transitions + 1,
  };
}
