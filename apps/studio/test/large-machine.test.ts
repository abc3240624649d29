import { beforeAll, expect, it } from 'vitest';
import { diagnose } from '../src/model/diagnostics';
import { installEngineValidator } from '../src/model/engine-validator';
import { buildGraph, graphToDefinition } from '../src/model/graph';
import { layoutGraph } from '../src/model/layout';
import { toJson } from '../src/model/serialize';
import { countStates, generateMachine } from './generate-machine';

beforeAll(() => installEngineValidator());

it('a generated 500-state machine is valid, round-trips and lays out', () => {
  const machine = generateMachine(440);
  expect(countStates(machine)).toBeGreaterThanOrEqual(500);
  expect(diagnose(toJson(machine)).filter((d) => d.severity === 'ERROR')).toEqual([]);
  const graph = buildGraph(machine);
  expect(JSON.stringify(graphToDefinition(graph))).toBe(JSON.stringify(machine));
  const layout = layoutGraph(graph);
  expect(layout.nodes.size).toBe(graph.nodes.length);
});
