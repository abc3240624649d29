/**
 * Deterministic automatic layout with dagre, run scope by scope from the innermost outwards:
 * a scope's states are laid out, the scope becomes one box, its container becomes one box in the
 * enclosing scope. Node sizes are fixed per kind (React Flow renders faster when it never has to
 * measure), and collapsed containers are a fixed-size box whose insides are not laid out at all.
 */
import { Graph as DagreGraph, layout as dagreLayout } from '@dagrejs/dagre';
import { ROOT_SCOPE, type Graph, type GraphNode } from './graph';

export interface Point { x: number; y: number }
export interface Box { x: number; y: number; width: number; height: number }

export interface NodeLayout extends Box {
  /** Position of the top-left corner in canvas coordinates. */
  absX: number;
  absY: number;
}

export interface EdgeLayout {
  /** Route in canvas coordinates, from source border to target border. */
  points: Point[];
  label?: Point;
}

export interface Layout {
  /** Positions are relative to the node's visual parent, as React Flow's sub-flows expect. */
  nodes: Map<string, NodeLayout>;
  edges: Map<string, EdgeLayout>;
  width: number;
  height: number;
  /** Ids of nodes hidden because an enclosing container is collapsed. */
  hidden: Set<string>;
}

export const SIZES = {
  state: { width: 236, height: 66 },
  collapsed: { width: 236, height: 82 },
  rootMarker: { width: 76, height: 30 },
  nestedMarker: { width: 20, height: 20 },
  containerHeader: 50,
  containerPadding: 14,
  scopeHeader: 26,
  scopePadding: 18,
  emptyScope: { width: 200, height: 60 },
} as const;

const LABEL_CHAR_WIDTH = 6.4;

/** Laid-out scopes by signature (never mutated once stored), least recently used first. */
const scopeCache = new Map<string, ScopeResult>();
const SCOPE_CACHE_LIMIT = 400;

interface ScopeResult {
  width: number;
  height: number;
  boxes: Map<string, Box>;
  edges: Map<string, { points: Point[]; label?: Point }>;
}

export function layoutGraph(graph: Graph, collapsed: ReadonlySet<string> = new Set()): Layout {
  const childrenByScope = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) {
    if (node.kind === 'scope') continue;
    const list = childrenByScope.get(node.scopeId) ?? [];
    list.push(node);
    childrenByScope.set(node.scopeId, list);
  }
  const edgesByScope = new Map<string, Graph['edges']>();
  for (const edge of graph.edges) {
    const list = edgesByScope.get(edge.scopeId) ?? [];
    list.push(edge);
    edgesByScope.set(edge.scopeId, list);
  }

  const scopeResults = new Map<string, ScopeResult>();
  const containerSizes = new Map<string, { width: number; height: number; lanes: Map<string, Box> }>();

  const sizeOf = (node: GraphNode): { width: number; height: number } => {
    if (node.kind === 'start' || node.kind === 'end') {
      return node.scopeId === ROOT_SCOPE ? SIZES.rootMarker : SIZES.nestedMarker;
    }
    if (node.kind === 'container') {
      if (collapsed.has(node.id)) return SIZES.collapsed;
      return layoutContainer(node);
    }
    return SIZES.state;
  };

  const layoutContainer = (node: GraphNode) => {
    const g = new DagreGraph();
    g.setGraph({ rankdir: 'TB', nodesep: 16, ranksep: 16, marginx: 0, marginy: 0, rankalign: 'top' });
    g.setDefaultEdgeLabel(() => ({}));
    for (const scopeId of node.childScopeIds) {
      const scope = layoutScope(scopeId);
      g.setNode(scopeId, {
        width: Math.max(scope.width + 2 * SIZES.scopePadding, SIZES.state.width + 2 * SIZES.scopePadding),
        height: scope.height + SIZES.scopeHeader + SIZES.scopePadding,
      });
    }
    dagreLayout(g);
    const lanes = new Map<string, Box>();
    let width: number = SIZES.state.width;
    let height = 0;
    for (const scopeId of node.childScopeIds) {
      const n = g.node(scopeId);
      const box = {
        x: n.x - n.width / 2 + SIZES.containerPadding,
        y: n.y - n.height / 2 + SIZES.containerHeader,
        width: n.width,
        height: n.height,
      };
      lanes.set(scopeId, box);
      width = Math.max(width, box.x + box.width + SIZES.containerPadding);
      height = Math.max(height, box.y + box.height + SIZES.containerPadding);
    }
    const size = { width, height: Math.max(height, SIZES.containerHeader + SIZES.containerPadding), lanes };
    containerSizes.set(node.id, size);
    return size;
  };

  const layoutScope = (scopeId: string): ScopeResult => {
    const members = childrenByScope.get(scopeId) ?? [];
    if (members.length === 0) {
      const empty: ScopeResult = { width: SIZES.emptyScope.width, height: SIZES.emptyScope.height, boxes: new Map(), edges: new Map() };
      scopeResults.set(scopeId, empty);
      return empty;
    }
    const sizes = members.map((member) => sizeOf(member));
    const scopeEdges = edgesByScope.get(scopeId) ?? [];
    // Same members, sizes and edges → same layout: edits that only change fields (typing in the
    // inspector) reuse the previous result instead of running dagre on the whole machine again.
    const signature = members.map((m, i) => `${m.id}\u0000${sizes[i].width}x${sizes[i].height}`).join('\u0001') + '\u0002' +
      scopeEdges.map((e) => `${e.id}\u0000${e.source}\u0000${e.target}\u0000${e.label ?? ''}`).join('\u0001');
    const cached = scopeCache.get(signature);
    if (cached) {
      scopeCache.delete(signature);
      scopeCache.set(signature, cached); // most recently used last
      scopeResults.set(scopeId, cached);
      return cached;
    }
    const g = new DagreGraph({ multigraph: true });
    g.setGraph({ rankdir: 'TB', nodesep: 34, ranksep: 46, edgesep: 16, marginx: 0, marginy: 0 });
    // dagre writes x/y into the label object, so every node needs its own copy of its size.
    members.forEach((member, i) => g.setNode(member.id, { width: sizes[i].width, height: sizes[i].height }));
    for (const edge of scopeEdges) {
      const label = edge.label ? { width: edge.label.length * LABEL_CHAR_WIDTH + 18, height: 20, labelpos: 'c' as const } : {};
      g.setEdge(edge.source, edge.target, { ...label, minlen: 1 }, edge.id);
    }
    dagreLayout(g);
    const boxes = new Map<string, Box>();
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const member of members) {
      const n = g.node(member.id);
      const box = { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height };
      boxes.set(member.id, box);
      minX = Math.min(minX, box.x); minY = Math.min(minY, box.y);
      maxX = Math.max(maxX, box.x + box.width); maxY = Math.max(maxY, box.y + box.height);
    }
    const edges = new Map<string, { points: Point[]; label?: Point }>();
    for (const edge of edgesByScope.get(scopeId) ?? []) {
      const e = g.edge({ v: edge.source, w: edge.target, name: edge.id });
      const points = (e?.points ?? []).map((p: Point) => ({ x: p.x, y: p.y }));
      for (const p of points) { minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x); minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y); }
      const label = edge.label && e?.x !== undefined && e.y !== undefined ? { x: e.x, y: e.y } : undefined;
      if (label && edge.label) {
        const half = (edge.label.length * LABEL_CHAR_WIDTH + 18) / 2;
        minX = Math.min(minX, label.x - half); maxX = Math.max(maxX, label.x + half);
      }
      edges.set(edge.id, { points, label });
    }
    // Shift so the scope's content starts at (0, 0).
    for (const box of boxes.values()) { box.x -= minX; box.y -= minY; }
    for (const route of edges.values()) {
      for (const p of route.points) { p.x -= minX; p.y -= minY; }
      if (route.label) route.label = { x: route.label.x - minX, y: route.label.y - minY };
    }
    const result = { width: maxX - minX, height: maxY - minY, boxes, edges };
    scopeResults.set(scopeId, result);
    scopeCache.set(signature, result);
    if (scopeCache.size > SCOPE_CACHE_LIMIT) scopeCache.delete(scopeCache.keys().next().value!);
    return result;
  };

  const root = layoutScope(ROOT_SCOPE);

  // Walk from the root placing every visible node relative to its parent and in canvas coordinates.
  const out: Layout = { nodes: new Map(), edges: new Map(), width: root.width, height: root.height, hidden: new Set() };
  const place = (scopeId: string, originX: number, originY: number) => {
    const scope = scopeResults.get(scopeId);
    if (!scope) return;
    const offsetX = scopeId === ROOT_SCOPE ? 0 : SIZES.scopePadding;
    const offsetY = scopeId === ROOT_SCOPE ? 0 : SIZES.scopeHeader;
    for (const [id, box] of scope.boxes) {
      const rel = { ...box, x: box.x + offsetX, y: box.y + offsetY };
      out.nodes.set(id, { ...rel, absX: originX + rel.x, absY: originY + rel.y });
    }
    for (const [id, route] of scope.edges) {
      out.edges.set(id, {
        points: route.points.map((p) => ({ x: p.x + originX + offsetX, y: p.y + originY + offsetY })),
        label: route.label && { x: route.label.x + originX + offsetX, y: route.label.y + originY + offsetY },
      });
    }
    for (const member of childrenByScope.get(scopeId) ?? []) {
      if (member.kind !== 'container') continue;
      const container = out.nodes.get(member.id);
      const size = containerSizes.get(member.id);
      if (!container) continue;
      if (collapsed.has(member.id) || !size) {
        markHidden(member);
        continue;
      }
      for (const [laneId, lane] of size.lanes) {
        out.nodes.set(laneId, { ...lane, absX: container.absX + lane.x, absY: container.absY + lane.y });
        place(laneId, container.absX + lane.x, container.absY + lane.y);
      }
    }
  };
  const markHidden = (container: GraphNode) => {
    const prefix = container.id + '/';
    for (const node of graph.nodes) if (node.id.startsWith(prefix)) out.hidden.add(node.id);
    for (const edge of graph.edges) if (edge.scopeId.startsWith(prefix)) out.hidden.add(edge.id);
  };
  place(ROOT_SCOPE, 0, 0);
  return out;
}
