/**
 * The graph canvas: renders the derived graph with React Flow and turns gestures into model
 * edits (connect, drop from palette, drag into/out of containers). Positions always come from the
 * automatic layout; a drag that does not change a state's scope snaps back.
 */
import {
  Background, BackgroundVariant, Controls, MiniMap, ReactFlow, applyNodeChanges, useReactFlow,
  type Connection, type NodeChange, type OnNodeDrag,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { lookOf } from '../model/appearance';
import { buildGraph, ROOT_SCOPE } from '../model/graph';
import { layoutGraph } from '../model/layout';
import { connect, moveState, type ConnectKind } from '../model/ops';
import { addFromTemplate, insertFromTemplate } from '../model/actions';
import { EDGE_TYPES, EdgeMarkers } from './edges';
import { toFlowEdges, toFlowNodes, type StudioNode } from './flow-elements';
import { NODE_TYPES } from './nodes';
import { useStore, useStudio } from './store-context';

export const TEMPLATE_MIME = 'application/x-stepwise-template';
/** Room around the machine when fitting, with the right side kept clear of the minimap. */
export const FIT_OPTIONS = { padding: { top: '36px', left: '64px', bottom: '36px', right: '210px' }, maxZoom: 1.1 } as const;
const CONNECT_KINDS = new Set<ConnectKind>(['next', 'default', 'choice', 'catch']);

export function Canvas() {
  const store = useStore();
  const definition = useStudio((s) => s.history.present.definition);
  const collapsed = useStudio((s) => s.collapsed);
  const diagnostics = useStudio((s) => s.diagnostics);
  const selection = useStudio((s) => s.selection);
  const documentId = useStudio((s) => s.documentId);
  const reveal = useStudio((s) => s.reveal);
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);

  const graph = useMemo(() => buildGraph(definition), [definition]);
  const layout = useMemo(() => {
    // Marks for the bench (and anyone profiling): layout time per change.
    performance.mark('stepwise:layout:start');
    const result = layoutGraph(graph, collapsed);
    performance.measure('stepwise:layout', 'stepwise:layout:start');
    return result;
  }, [graph, collapsed]);
  const selectedState = selection?.kind === 'state' ? selection.id : undefined;
  const selectedEdge = selection?.kind === 'edge' ? selection.id : undefined;
  const flowNodes = useMemo(() => toFlowNodes(graph, layout, diagnostics, collapsed, selectedState), [graph, layout, diagnostics, collapsed, selectedState]);
  const flowEdges = useMemo(() => toFlowEdges(graph, layout, selectedEdge), [graph, layout, selectedEdge]);

  // Local copy so React Flow can move a node while it is dragged; reset whenever the model changes.
  const [nodes, setNodes] = useState<StudioNode[]>(flowNodes);
  useEffect(() => setNodes(flowNodes), [flowNodes]);
  const onNodesChange = useCallback((changes: NodeChange<StudioNode>[]) => {
    const moves = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
    if (moves.length > 0) setNodes((current) => applyNodeChanges(moves, current));
  }, []);

  // When a different machine is opened: fit it, or for a big one start readable at its top.
  useEffect(() => {
    const id = requestAnimationFrame(() => {
      const bounds = wrapper.current?.getBoundingClientRect();
      const zoomToFit = bounds ? Math.min((bounds.width - 274) / layout.width, (bounds.height - 72) / layout.height) : 1;
      if (zoomToFit >= 0.45 || !bounds) void flow.fitView(FIT_OPTIONS);
      else void flow.setViewport({ x: bounds.width / 2 - (layout.width / 2) * 0.8, y: 24, zoom: 0.8 });
      requestAnimationFrame(() => performance.mark('stepwise:rendered'));
    });
    return () => cancelAnimationFrame(id);
  }, [documentId, flow]); // eslint-disable-line react-hooks/exhaustive-deps

  // Bring a state into view when the problems list asks for it.
  useEffect(() => {
    if (!reveal?.stateId) return;
    const box = layout.nodes.get(reveal.stateId);
    if (box) void flow.setCenter(box.absX + box.width / 2, box.absY + box.height / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 250 });
  }, [reveal]); // eslint-disable-line react-hooks/exhaustive-deps

  // A state that was just added (selected, but absent from the previous graph) is brought into view.
  const previousGraph = useRef(graph);
  useEffect(() => {
    const before = previousGraph.current;
    previousGraph.current = graph;
    if (!selectedState || before === graph || before.nodeById.has(selectedState)) return;
    const box = layout.nodes.get(selectedState);
    if (box) void flow.setCenter(box.absX + box.width / 2, box.absY + box.height / 2, { zoom: flow.getZoom(), duration: 200 });
  }, [graph, selectedState]); // eslint-disable-line react-hooks/exhaustive-deps

  const scopeOfNode = (id: string) => graph.nodeById.get(id)?.scopeId;

  const onConnect = useCallback((connection: Connection) => {
    const source = graph.nodeById.get(connection.source);
    const target = graph.nodeById.get(connection.target);
    if (!source || !target || (target.kind !== 'state' && target.kind !== 'container')) return;
    if (source.scopeId !== target.scopeId) {
      store.notify('Transitions stay inside one scope: move the state first.', 'error');
      return;
    }
    const kind = (connection.sourceHandle ?? 'next') as ConnectKind;
    if (!CONNECT_KINDS.has(kind)) return;
    store.edit((d) => connect(d, source.scopeId, source.name, target.name, kind));
  }, [graph, store]);

  const isValidConnection = useCallback((connection: Connection | { source: string; target: string }) => {
    const target = graph.nodeById.get(connection.target);
    return !!target && (target.kind === 'state' || target.kind === 'container') && scopeOfNode(connection.source) === target.scopeId;
  }, [graph]); // eslint-disable-line react-hooks/exhaustive-deps

  /** The innermost lane (scope) containing a canvas point, ignoring the lanes of `exclude` and below. */
  const scopeAt = useCallback((x: number, y: number, exclude?: string) => {
    let best = ROOT_SCOPE;
    for (const node of graph.nodes) {
      if (node.kind !== 'scope' || layout.hidden.has(node.id)) continue;
      if (exclude && (node.id === exclude || node.id.startsWith(exclude + '/'))) continue;
      const box = layout.nodes.get(node.id);
      if (box && x >= box.absX && x <= box.absX + box.width && y >= box.absY && y <= box.absY + box.height && node.id.length > best.length) best = node.id;
    }
    return best;
  }, [graph, layout]);

  const edgeFieldAt = (clientX: number, clientY: number) => {
    for (const element of document.elementsFromPoint(clientX, clientY)) {
      const field = element.getAttribute('data-edge-field');
      if (field) return field;
    }
    return undefined;
  };

  const highlighted = useRef<Element | null>(null);
  const highlightEdge = (field: string | undefined) => {
    const element = field ? wrapper.current?.querySelector(`[data-edge-field="${CSS.escape(field)}"]`)?.parentElement ?? null : null;
    if (highlighted.current === element) return;
    highlighted.current?.classList.remove('is-drop-target');
    element?.classList.add('is-drop-target');
    highlighted.current = element;
  };

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(TEMPLATE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    highlightEdge(edgeFieldAt(event.clientX, event.clientY));
  };

  const onDrop = (event: DragEvent) => {
    const templateId = event.dataTransfer.getData(TEMPLATE_MIME);
    highlightEdge(undefined);
    if (!templateId) return;
    event.preventDefault();
    event.stopPropagation();
    const field = edgeFieldAt(event.clientX, event.clientY);
    if (field) {
      insertFromTemplate(store, templateId, field);
      return;
    }
    const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    addFromTemplate(store, templateId, scopeAt(point.x, point.y));
  };

  const onNodeDragStop: OnNodeDrag<StudioNode> = useCallback((_event, dragged) => {
    const node = graph.nodeById.get(dragged.id);
    const internal = flow.getInternalNode(dragged.id);
    if (!node || !internal) return;
    const centre = {
      x: internal.internals.positionAbsolute.x + (dragged.width ?? 0) / 2,
      y: internal.internals.positionAbsolute.y + (dragged.height ?? 0) / 2,
    };
    const target = scopeAt(centre.x, centre.y, dragged.id);
    if (target === node.scopeId) {
      setNodes(flowNodes); // not a move between scopes: back to the layout's place
      return;
    }
    let movedTo: string | undefined;
    const ok = store.edit((d) => {
      const result = moveState(d, node.scopeId, node.name, target);
      movedTo = `${target}/States/${result.name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      return result.definition;
    });
    if (ok && movedTo) store.select({ kind: 'state', id: movedTo });
    else setNodes(flowNodes);
  }, [graph, flow, scopeAt, store, flowNodes]);

  return (
    <div className="canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop} onDragLeave={() => highlightEdge(undefined)} data-testid="canvas">
      <EdgeMarkers />
      <ReactFlow<StudioNode>
        nodes={nodes}
        edges={flowEdges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeClick={(_e, node) => store.select(node.type === 'state' || node.type === 'container' ? { kind: 'state', id: node.id } : null)}
        onNodeDoubleClick={(_e, node) => {
          if (node.type !== 'state' && node.type !== 'container') return;
          store.select({ kind: 'state', id: node.id });
          window.dispatchEvent(new CustomEvent('stepwise:rename'));
        }}
        onEdgeClick={(_e, edge) => store.select(edge.selectable === false ? null : { kind: 'edge', id: edge.id })}
        onPaneClick={() => store.select(null)}
        onNodeDragStop={onNodeDragStop}
        onlyRenderVisibleElements
        nodesFocusable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        minZoom={0.05}
        maxZoom={2}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
        <Controls showInteractive={false} position="bottom-left" />
        <MiniMap<StudioNode>
          style={{ width: 170, height: 120 }}
          pannable
          zoomable
          position="bottom-right"
          nodeColor={(n) => (n.type === 'scope' ? '#e2e8f0' : n.type === 'marker' ? '#94a3b8' : lookOf(n.data.node.stateType).color)}
          nodeStrokeWidth={0}
          maskColor="rgba(241,245,249,0.7)"
        />
      </ReactFlow>
    </div>
  );
}

