/**
 * Graph + layout → React Flow nodes and edges. Node data carries the model objects unchanged
 * (structural sharing keeps untouched states identical), so memoised node components skip
 * re-rendering states an edit did not touch.
 */
import type { Edge, Node } from '@xyflow/react';
import type { StudioDiagnostic } from '../model/diagnostics';
import type { Graph, GraphEdge, GraphNode } from '../model/graph';
import type { Layout, Point } from '../model/layout';

export interface StateNodeData extends Record<string, unknown> {
  node: GraphNode;
  issues?: 'ERROR' | 'WARNING';
  issueCount: number;
  collapsed: boolean;
}

export interface AslEdgeData extends Record<string, unknown> {
  edge: GraphEdge;
  points: Point[];
  label?: Point;
}

export type StudioNode = Node<StateNodeData>;
export type StudioEdge = Edge<AslEdgeData>;

const NODE_TYPE: Record<GraphNode['kind'], string> = {
  state: 'state',
  container: 'container',
  scope: 'scope',
  start: 'marker',
  end: 'marker',
};

export function toFlowNodes(
  graph: Graph,
  layout: Layout,
  diagnostics: StudioDiagnostic[],
  collapsed: ReadonlySet<string>,
  selectedId: string | undefined,
): StudioNode[] {
  const issues = new Map<string, { severity: 'ERROR' | 'WARNING'; count: number }>();
  for (const d of diagnostics) {
    if (!d.stateId) continue;
    const current = issues.get(d.stateId);
    issues.set(d.stateId, {
      severity: current?.severity === 'ERROR' || d.severity === 'ERROR' ? 'ERROR' : 'WARNING',
      count: (current?.count ?? 0) + 1,
    });
  }
  const nodes: StudioNode[] = [];
  for (const node of graph.nodes) {
    const box = layout.nodes.get(node.id);
    if (!box || layout.hidden.has(node.id)) continue;
    const issue = issues.get(node.id);
    nodes.push({
      id: node.id,
      type: NODE_TYPE[node.kind],
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      parentId: node.parentId,
      data: { node, issues: issue?.severity, issueCount: issue?.count ?? 0, collapsed: collapsed.has(node.id) },
      draggable: node.kind === 'state' || node.kind === 'container',
      selectable: node.kind === 'state' || node.kind === 'container',
      connectable: node.kind === 'state' || node.kind === 'container',
      selected: node.id === selectedId,
      zIndex: node.kind === 'scope' ? 0 : node.kind === 'container' ? 0 : 1,
    });
  }
  return nodes;
}

export function toFlowEdges(graph: Graph, layout: Layout, selectedId: string | undefined): StudioEdge[] {
  const edges: StudioEdge[] = [];
  for (const edge of graph.edges) {
    const route = layout.edges.get(edge.id);
    if (!route || layout.hidden.has(edge.id)) continue;
    edges.push({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: 'asl',
      data: { edge, points: route.points, label: route.label },
      selectable: edge.kind !== 'start' && edge.kind !== 'end',
      selected: edge.id === selectedId,
      // Above every container and lane, so transitions inside nested scopes stay visible.
      zIndex: 1000,
    });
  }
  return edges;
}
