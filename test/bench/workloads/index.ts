/**
 * The engine benchmark's workloads, each defined once — definition, input, task handlers and
 * the hand-written JavaScript that does the same data work — so every engine runs exactly the
 * same thing and every output can be checked against the baseline's.
 */
import { jsonataChoiceLoop, jsonataPassChain } from './jsonata.ts';
import { choiceLoop, largePayload, mapItems, parallelBranches, passChain, retryCatch } from './jsonpath.ts';
import type { Workload } from './types.ts';

export type { Workload, WorkloadHandler } from './types.ts';

/** In print order: each JSONata twin right after its JSONPath workload. */
export const WORKLOADS: readonly Workload[] = [
  passChain(1000),
  jsonataPassChain(1000),
  choiceLoop(10_000),
  jsonataChoiceLoop(10_000),
  mapItems(10_000),
  { ...mapItems(100_000), scaleOf: { id: 'map-10000', factor: 10 }, collectBetweenRuns: true },
  parallelBranches(50, 5),
  retryCatch(),
  largePayload(200 * 1024, 100),
];

export function workloadById(id: string): Workload {
  const found = WORKLOADS.find((w) => w.id === id);
  if (!found) throw new Error(`unknown workload '${id}' (known: ${WORKLOADS.map((w) => w.id).join(', ')})`);
  return found;
}
