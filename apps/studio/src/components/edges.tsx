/**
 * The one edge component: it follows the route dagre computed (so edges bend around states the
 * way the layout planned), styled by transition kind, with its label as an HTML chip.
 */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { EDGE_COLORS } from '../model/appearance';
import { edgePath } from '../model/svg-export';
import type { StudioEdge } from './flow-elements';

function AslEdge({ id, data, selected, sourceX, sourceY, targetX, targetY }: EdgeProps<StudioEdge>) {
  if (!data) return null;
  const { edge } = data;
  const points = data.points.length >= 2 ? data.points : [{ x: sourceX, y: sourceY }, { x: targetX, y: targetY }];
  const path = edgePath(points);
  const color = EDGE_COLORS[edge.kind] ?? '#64748b';
  const dashed = edge.kind === 'catch' || edge.kind === 'default';
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={`url(#stepwise-arrow-${selected ? 'selected' : edge.kind})`}
        interactionWidth={16}
        className={`asl-edge kind-${edge.kind}${selected ? ' is-selected' : ''}`}
        style={{ stroke: selected ? '#0f172a' : color, strokeWidth: selected ? 2.4 : 1.6, strokeDasharray: dashed ? '6 4' : undefined }}
      />
      {/* A wide invisible path that names the transition, so a palette drop can find the edge under the pointer. */}
      <path d={path} className="edge-drop-target" data-edge-field={edge.kind === 'start' || edge.kind === 'end' ? undefined : id} />
      {edge.label && data.label && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label kind-${edge.kind}${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${data.label.x}px, ${data.label.y}px)` }}
            title={edge.label}
          >
            {edge.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const EDGE_TYPES = { asl: memo(AslEdge) };

/** Arrowheads, one per edge colour, defined once for the whole canvas. */
export function EdgeMarkers() {
  const colors = { ...EDGE_COLORS, selected: '#0f172a' };
  return (
    <svg className="edge-markers" aria-hidden="true">
      <defs>
        {Object.entries(colors).map(([kind, color]) => (
          <marker key={kind} id={`stepwise-arrow-${kind}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill={color} />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
