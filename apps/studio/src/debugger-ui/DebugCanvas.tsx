/**
 * The designer's canvas, read-only, with the replay's status overlay. The node and edge
 * components are the designer's own: they read a per-state status from a StudioStore, so the
 * debugger gives them a private store holding the same machine and the statuses of the moment.
 */
import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { memo, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { JsonValue } from '../model/asl';
import { buildGraph } from '../model/graph';
import { layoutGraph } from '../model/layout';
import { StudioStore, type StateStatus as OverlayStatus } from '../model/store';
import { FIT_OPTIONS } from '../components/Canvas';
import { EDGE_TYPES, EdgeMarkers } from '../components/edges';
import { toFlowEdges, toFlowNodes, type StudioEdge, type StudioNode } from '../components/flow-elements';
import { NODE_TYPES } from '../components/nodes';
import { StoreContext, useStudio } from '../components/store-context';
import type { StateStatus } from '../debugger/replay';

export interface DebugCanvasProps {
  definition: unknown;
  statuses: ReadonlyMap<string, StateStatus>;
  /** Edge ids (and `scope#start`, `state#end`) taken so far. */
  taken: ReadonlySet<string>;
  focusId?: string;
  onSelectState(id: string | undefined): void;
  mode?: 'replay' | 'coverage';
}

/** The designer's overlay vocabulary says 'retrying' where the replay says 'retried'. */
export function toOverlay(statuses: ReadonlyMap<string, StateStatus>): Map<string, OverlayStatus> {
  const result = new Map<string, OverlayStatus>();
  for (const [id, status] of statuses) {
    if (status === 'not-started') continue;
    result.set(id, status === 'retried' ? 'retrying' : status);
  }
  return result;
}

export const DebugCanvas = memo(function DebugCanvas(props: DebugCanvasProps) {
  const store = useMemo(() => new StudioStore(props.definition as JsonValue, 'debug.asl.json'), [props.definition]);
  useLayoutEffect(() => {
    // Most scrubber steps change nothing on the graph: then the nodes are not even asked.
    const next = toOverlay(props.statuses);
    if (!sameStatuses(store.getState().statuses, next)) store.setStatuses(next);
  }, [store, props.statuses]);
  return (
    <StoreContext.Provider value={store}>
      <ReactFlowProvider>
        <Flow definition={props.definition} taken={props.taken} focusId={props.focusId} onSelectState={props.onSelectState} mode={props.mode} />
      </ReactFlowProvider>
    </StoreContext.Provider>
  );
});

const Flow = memo(function Flow({ definition, taken, focusId, onSelectState, mode = 'replay' }: Omit<DebugCanvasProps, 'statuses'>) {
  const collapsed = useStudio((s) => s.collapsed);
  const flow = useReactFlow();
  const graph = useMemo(() => buildGraph(definition), [definition]);
  const layout = useMemo(() => layoutGraph(graph, collapsed), [graph, collapsed]);
  // The focus is drawn by style rules, not node data: React Flow then never re-renders nodes for it.
  // Each node carries a class of its own (see focusRules below).
  const nodes = useMemo(() => toFlowNodes(graph, layout, [], collapsed, undefined).map((n, i) => ({ ...n, draggable: false, connectable: false, className: n.className ? `${n.className} dbg-n${i}` : `dbg-n${i}` })), [graph, layout, collapsed]);
  // Two fixed variants per edge, so moving the scrubber swaps references instead of building objects;
  // and the same array while the set of taken edges is unchanged (most steps).
  const variants = useMemo(() => toFlowEdges(graph, layout, undefined).map((e): [StudioEdge, StudioEdge] => [e, { ...e, className: 'is-taken', zIndex: 1001 }]), [graph, layout]);
  const previousEdges = useRef<{ variants: typeof variants; mask: string; edges: StudioEdge[] } | undefined>(undefined);
  const edges = useMemo(() => {
    const mask = variants.map(([plain]) => (taken.has(plain.id) ? '1' : '0')).join('');
    const last = previousEdges.current;
    if (last && last.variants === variants && last.mask === mask) return last.edges;
    const next = variants.map(([plain, hot]) => (taken.has(plain.id) ? hot : plain));
    previousEdges.current = { variants, mask, edges: next };
    return next;
  }, [variants, taken]);

  useEffect(() => {
    const id = requestAnimationFrame(() => void flow.fitView(FIT_OPTIONS));
    return () => cancelAnimationFrame(id);
  }, [graph, flow]);

  // One rule per node, written when the graph changes, keyed on a class of the canvas and the node's own
  // class: a focus move swaps the canvas's focus class, and the browser restyles just the nodes whose
  // class the removed and added rules name — the old and the new focus. (Keyed on an attribute of the
  // canvas, the rules restyled every node: style invalidation goes by attribute name, not value.)
  const focusRules = useMemo(() => nodes.map((_n, i) => `.dbg-canvas.dbg-f${i} .dbg-n${i}`).join(',\n') + ' { --dbg-focus: 1; }', [nodes]);
  const focusIndex = useMemo(() => new Map(nodes.map((n, i) => [n.id, i])), [nodes]).get(focusId ?? '');
  const onNodeClick = useMemo(() => (_e: unknown, node: StudioNode) => onSelectState(node.type === 'state' || node.type === 'container' ? node.id : undefined), [onSelectState]);
  const onPaneClick = useMemo(() => () => onSelectState(undefined), [onSelectState]);

  // The same element while nodes, edges and handlers are: a focus move (one attribute above) then
  // does not re-render React Flow.
  const flowElement = useMemo(() => (
      <ReactFlow<StudioNode, StudioEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        onlyRenderVisibleElements
        minZoom={0.05}
        maxZoom={2}
        fitView
        fitViewOptions={FIT_OPTIONS}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
        <Controls showInteractive={false} position="bottom-left" />
        <MiniMap<StudioNode> style={MINIMAP_STYLE} pannable zoomable position="bottom-right" nodeStrokeWidth={0} maskColor="rgba(241,245,249,0.7)" />
      </ReactFlow>
  ), [nodes, edges, onNodeClick, onPaneClick]);

  return (
    <div className={`canvas dbg-canvas is-${mode}${focusIndex === undefined ? '' : ` dbg-f${focusIndex}`}`} data-testid="debug-canvas">
      <EdgeMarkers />
      <style>{focusRules}</style>
      {flowElement}
    </div>
  );
});

/** A constant, so a new React Flow render does not re-render the minimap for its style. */
const MINIMAP_STYLE = { width: 150, height: 100 };

function sameStatuses(a: ReadonlyMap<string, OverlayStatus>, b: ReadonlyMap<string, OverlayStatus>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, s] of b) if (a.get(id) !== s) return false;
  return true;
}
