/**
 * Path coverage across the runs kept: which states and which transitions (graph edge ids where
 * the definition names them) any run ever took, and — given the definition — which it never did.
 */
import { buildGraph } from '../model/graph';
import type { ReplayModel } from './replay';

export interface CoverageEntry {
  /** Visits/traversals over all runs. */
  count: number;
  /** How many runs took it. */
  runs: number;
}

export interface Coverage {
  states: Map<string, CoverageEntry>;
  transitions: Map<string, CoverageEntry & { from?: string; to?: string; kind?: string }>;
  /** With a definition: the states and edges no run took. */
  missedStates: string[];
  missedEdges: string[];
  /** Share of the definition's states / edges taken (NaN without a definition). */
  stateRatio: number;
  edgeRatio: number;
}

export function computeCoverage(runs: readonly ReplayModel[], definition?: unknown): Coverage {
  const states = new Map<string, CoverageEntry>();
  const transitions: Coverage['transitions'] = new Map();
  for (const run of runs) {
    const seenStates = new Set<string>();
    for (const visit of run.visits) {
      const entry = states.get(visit.stateId) ?? { count: 0, runs: 0 };
      entry.count++;
      if (!seenStates.has(visit.stateId)) {
        entry.runs++;
        seenStates.add(visit.stateId);
      }
      states.set(visit.stateId, entry);
    }
    const seenEdges = new Set<string>();
    for (const t of run.transitions) {
      const entry = transitions.get(t.key) ?? { count: 0, runs: 0, from: t.from, to: t.to, kind: t.kind };
      entry.count++;
      if (!seenEdges.has(t.key)) {
        entry.runs++;
        seenEdges.add(t.key);
      }
      transitions.set(t.key, entry);
    }
  }
  let missedStates: string[] = [];
  let missedEdges: string[] = [];
  let stateRatio = NaN;
  let edgeRatio = NaN;
  if (definition !== undefined) {
    const graph = buildGraph(definition);
    const stateIds = graph.nodes.filter((n) => n.kind === 'state' || n.kind === 'container').map((n) => n.id);
    const edgeIds = graph.edges.map((e) => e.id);
    missedStates = stateIds.filter((id) => !states.has(id));
    missedEdges = edgeIds.filter((id) => !transitions.has(id));
    stateRatio = stateIds.length ? (stateIds.length - missedStates.length) / stateIds.length : 1;
    edgeRatio = edgeIds.length ? (edgeIds.length - missedEdges.length) / edgeIds.length : 1;
  }
  return { states, transitions, missedStates, missedEdges, stateRatio, edgeRatio };
}
