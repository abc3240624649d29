/**
 * ASL ⇄ graph. The definition stays the source of truth; the graph is a view derived from it
 * (nodes for states, containers, scopes and start/end markers; edges for every transition).
 * `graphToDefinition` rebuilds the definition from the graph alone, which is what keeps the
 * graph honest: if it can be rebuilt, the graph lost nothing.
 */
import {
  childScopesOf,
  effectiveQueryLanguage,
  isObject,
  statesOf,
  type JsonObject,
  type JsonValue,
  type QueryLanguage,
} from './asl';
import { parsePointer, stateId, toPointer } from './pointer';
import { ruleLabel } from './rule-label';

export type NodeKind = 'state' | 'container' | 'scope' | 'start' | 'end';
export type EdgeKind = 'next' | 'default' | 'choice' | 'catch' | 'start' | 'end';

export interface GraphNode {
  /** A state's id is the JSON pointer to it; scope nodes use the scope's pointer; markers add `#start` / `#end`. */
  id: string;
  kind: NodeKind;
  /** The node that visually encloses this one (a scope node for states, a container for scopes). */
  parentId?: string;
  /** The scope (pointer of the object holding `States`) the node belongs to. */
  scopeId: string;
  /** State name, or a lane label for scope nodes. */
  name: string;
  stateType?: string;
  state?: JsonObject;
  queryLanguage: QueryLanguage;
  isStart: boolean;
  isEnd: boolean;
  /** Scope ids directly inside a container (Parallel branches, Map processor). */
  childScopeIds: string[];
  depth: number;
}

export interface GraphEdge {
  /** The JSON pointer of the field holding the transition (`.../Next`, `.../Choices/0/Next`), or a marker id. */
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  label?: string;
  scopeId: string;
}

export interface GraphScope {
  id: string;
  /** The container state owning the scope; undefined for the root. */
  ownerId?: string;
  /** The scope object as written (its `States` is rebuilt from nodes). */
  object: JsonObject;
  stateNames: string[];
  label: string;
  queryLanguage: QueryLanguage;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  scopes: Map<string, GraphScope>;
  nodeById: Map<string, GraphNode>;
}

export const ROOT_SCOPE = '';
export const startMarkerId = (scopeId: string) => `${scopeId}#start`;
export const endMarkerId = (scopeId: string) => `${scopeId}#end`;

function isTerminal(state: JsonObject): boolean {
  return state.End === true || state.Type === 'Succeed' || state.Type === 'Fail';
}

export function buildGraph(definition: unknown): Graph {
  const graph: Graph = { nodes: [], edges: [], scopes: new Map(), nodeById: new Map() };
  const root = isObject(definition) ? definition : {};
  const rootLanguage: QueryLanguage = root.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  addScope(graph, root, ROOT_SCOPE, undefined, 'Machine', rootLanguage, 0);
  for (const node of graph.nodes) graph.nodeById.set(node.id, node);
  return graph;
}

function addScope(
  graph: Graph,
  scope: JsonObject,
  scopeId: string,
  parentNodeId: string | undefined,
  label: string,
  language: QueryLanguage,
  depth: number,
): void {
  const states = statesOf(scope);
  const names = Object.keys(states);
  graph.scopes.set(scopeId, {
    id: scopeId,
    ownerId: parentNodeId === undefined ? undefined : parentNodeId,
    object: scope,
    stateNames: names,
    label,
    queryLanguage: language,
  });
  const enclosing = scopeId === ROOT_SCOPE ? undefined : scopeId;
  if (enclosing !== undefined) {
    graph.nodes.push({
      id: scopeId, kind: 'scope', parentId: parentNodeId, scopeId, name: label, queryLanguage: language,
      isStart: false, isEnd: false, childScopeIds: [], depth,
    });
  }
  if (names.length === 0) return;
  const startAt = typeof scope.StartAt === 'string' ? scope.StartAt : undefined;
  const markerBase = { parentId: enclosing, scopeId, queryLanguage: language, isStart: false, isEnd: false, childScopeIds: [], depth };
  graph.nodes.push({ ...markerBase, id: startMarkerId(scopeId), kind: 'start', name: 'Start' });

  let anyEnd = false;
  for (const name of names) {
    const state = states[name];
    if (!isObject(state)) continue;
    const id = stateId(scopeId, name);
    const stateLanguage = effectiveQueryLanguage(state, language);
    const children = childScopesOf(state);
    const node: GraphNode = {
      id, kind: children.length > 0 ? 'container' : 'state', parentId: enclosing, scopeId, name,
      stateType: typeof state.Type === 'string' ? state.Type : undefined, state, queryLanguage: stateLanguage,
      isStart: name === startAt, isEnd: isTerminal(state),
      childScopeIds: children.map((c) => id + toPointer(c.segments)), depth,
    };
    graph.nodes.push(node);
    if (node.isEnd) anyEnd = true;
    for (const child of children) {
      addScope(graph, child.scope, id + toPointer(child.segments), id, child.label, stateLanguage, depth + 1);
    }
  }
  if (anyEnd) graph.nodes.push({ ...markerBase, id: endMarkerId(scopeId), kind: 'end', name: 'End' });

  const has = (name: unknown): name is string => typeof name === 'string' && isObject(states[name]);
  if (has(startAt)) {
    graph.edges.push({ id: startMarkerId(scopeId), source: startMarkerId(scopeId), target: stateId(scopeId, startAt), kind: 'start', scopeId });
  }
  for (const name of names) {
    const state = states[name];
    if (!isObject(state)) continue;
    const id = stateId(scopeId, name);
    const push = (field: string, target: unknown, kind: EdgeKind, label?: string) => {
      if (has(target)) graph.edges.push({ id: id + field, source: id, target: stateId(scopeId, target), kind, label, scopeId });
    };
    if (Array.isArray(state.Choices)) {
      state.Choices.forEach((rule, index) => {
        if (isObject(rule)) push(`/Choices/${index}/Next`, rule.Next, 'choice', ruleLabel(rule));
      });
    }
    push('/Default', state.Default, 'default', 'Default');
    push('/Next', state.Next, 'next');
    if (Array.isArray(state.Catch)) {
      state.Catch.forEach((catcher, index) => {
        if (!isObject(catcher)) return;
        const errors = Array.isArray(catcher.ErrorEquals) ? catcher.ErrorEquals.join(', ') : 'Catch';
        push(`/Catch/${index}/Next`, catcher.Next, 'catch', errors);
      });
    }
    if (isTerminal(state)) {
      graph.edges.push({ id: endMarkerId(id), source: id, target: endMarkerId(scopeId), kind: 'end', scopeId });
    }
  }
}

/** Rebuilds the definition from the graph: scopes give their fields, nodes their states, edges the transitions. */
export function graphToDefinition(graph: Graph): JsonValue {
  const outgoing = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    if (edge.kind === 'start' || edge.kind === 'end') continue;
    const list = outgoing.get(edge.source) ?? [];
    list.push(edge);
    outgoing.set(edge.source, list);
  }
  const rebuildScope = (scopeId: string): JsonObject => {
    const scope = graph.scopes.get(scopeId);
    if (!scope) throw new Error(`unknown scope ${scopeId}`);
    const result: JsonObject = {};
    for (const [key, value] of Object.entries(scope.object)) {
      if (key !== 'States') {
        result[key] = value;
        continue;
      }
      const states: JsonObject = {};
      for (const name of scope.stateNames) {
        const id = stateId(scopeId, name);
        const node = graph.nodeById.get(id);
        states[name] = node?.state ? rebuildState(node) : (statesOf(scope.object)[name] ?? null);
      }
      result.States = states;
    }
    return result;
  };
  const rebuildState = (node: GraphNode): JsonObject => {
    let state: JsonValue = { ...node.state };
    for (const scopeId of node.childScopeIds) {
      const relative = parsePointer(scopeId.slice(node.id.length));
      state = setIn(state, relative, rebuildScope(scopeId));
    }
    for (const edge of outgoing.get(node.id) ?? []) {
      const target = graph.nodeById.get(edge.target);
      if (target) state = setIn(state, parsePointer(edge.id.slice(node.id.length)), target.name);
    }
    return state as JsonObject;
  };
  return rebuildScope(ROOT_SCOPE);
}

function setIn(root: JsonValue, segments: string[], value: JsonValue): JsonValue {
  if (segments.length === 0) return value;
  const [head, ...rest] = segments;
  if (Array.isArray(root)) {
    const copy = root.slice();
    copy[Number(head)] = setIn(copy[Number(head)] ?? null, rest, value);
    return copy;
  }
  const source = isObject(root) ? root : {};
  return { ...source, [head]: setIn(source[head] ?? null, rest, value) };
}
