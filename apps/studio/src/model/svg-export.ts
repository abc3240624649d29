/**
 * Draws the laid-out graph as a standalone SVG document (for "Export SVG", and rasterised for
 * PNG). It reads the same layout and looks as the canvas, so the picture matches the screen.
 */
import { EDGE_COLORS, lookOf } from './appearance';
import type { Graph } from './graph';
import type { Layout, Point } from './layout';
import { summarise } from './summary';

const MARGIN = 24;
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max - 1) + '…' : text);

export function edgePath(points: Point[]): string {
  if (points.length === 0) return '';
  if (points.length < 3) return `M${points.map((p) => `${p.x},${p.y}`).join(' L')}`;
  // Smooth through dagre's bend points: quadratic curves between the midpoints of each segment.
  let d = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i];
    const next = points[i + 1];
    const mid = i === points.length - 2 ? next : { x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 };
    d += ` Q${p.x},${p.y} ${mid.x},${mid.y}`;
  }
  return d;
}

export function graphToSvg(graph: Graph, layout: Layout, title = 'State machine'): string {
  const width = Math.ceil(layout.width + 2 * MARGIN);
  const height = Math.ceil(layout.height + 2 * MARGIN);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${-MARGIN} ${-MARGIN} ${width} ${height}" font-family="${FONT}">`);
  parts.push(`<title>${escapeXml(title)}</title>`);
  parts.push('<defs>');
  for (const [kind, color] of Object.entries(EDGE_COLORS)) {
    parts.push(`<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`);
  }
  parts.push('</defs>');
  parts.push(`<rect x="${-MARGIN}" y="${-MARGIN}" width="${width}" height="${height}" fill="#f8fafc"/>`);

  // Containers and lanes first (they are backgrounds), then edges, then state cards on top.
  const visible = graph.nodes.filter((n) => !layout.hidden.has(n.id) && layout.nodes.has(n.id));
  for (const node of visible) {
    const box = layout.nodes.get(node.id)!;
    if (node.kind === 'container') {
      const look = lookOf(node.stateType);
      parts.push(`<rect x="${box.absX}" y="${box.absY}" width="${box.width}" height="${box.height}" rx="12" fill="${look.soft}" stroke="${look.color}" stroke-width="1.5"/>`);
      parts.push(`<g transform="translate(${box.absX + 14},${box.absY + 16})"><path d="${look.icon}" fill="none" stroke="${look.color}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></g>`);
      parts.push(`<text x="${box.absX + 38}" y="${box.absY + 24}" font-size="13" font-weight="600" fill="#0f172a">${escapeXml(clip(node.name, 40))}</text>`);
      parts.push(`<text x="${box.absX + 38}" y="${box.absY + 40}" font-size="11" fill="#64748b">${escapeXml(`${node.stateType} · ${summarise(node.state)}`)}</text>`);
    } else if (node.kind === 'scope') {
      parts.push(`<rect x="${box.absX}" y="${box.absY}" width="${box.width}" height="${box.height}" rx="10" fill="#ffffff" fill-opacity="0.7" stroke="#cbd5e1" stroke-dasharray="4 3"/>`);
      parts.push(`<text x="${box.absX + 12}" y="${box.absY + 17}" font-size="10.5" font-weight="600" fill="#64748b" letter-spacing="0.04em">${escapeXml(node.name.toUpperCase())}</text>`);
    }
  }
  for (const edge of graph.edges) {
    const route = layout.edges.get(edge.id);
    if (!route || layout.hidden.has(edge.id)) continue;
    const color = EDGE_COLORS[edge.kind] ?? '#64748b';
    const dash = edge.kind === 'catch' || edge.kind === 'default' ? ' stroke-dasharray="6 4"' : '';
    parts.push(`<path d="${edgePath(route.points)}" fill="none" stroke="${color}" stroke-width="1.5"${dash} marker-end="url(#arrow-${edge.kind})"/>`);
    if (edge.label && route.label) {
      const w = edge.label.length * 6.2 + 14;
      parts.push(`<rect x="${route.label.x - w / 2}" y="${route.label.y - 9}" width="${w}" height="18" rx="9" fill="#ffffff" stroke="${color}" stroke-opacity="0.5"/>`);
      parts.push(`<text x="${route.label.x}" y="${route.label.y + 4}" font-size="10.5" text-anchor="middle" fill="${color}">${escapeXml(edge.label)}</text>`);
    }
  }
  for (const node of visible) {
    const box = layout.nodes.get(node.id)!;
    if (node.kind === 'start' || node.kind === 'end') {
      const fill = node.kind === 'start' ? '#16a34a' : '#334155';
      parts.push(`<rect x="${box.absX}" y="${box.absY}" width="${box.width}" height="${box.height}" rx="${box.height / 2}" fill="${fill}"/>`);
      if (box.width > 40) parts.push(`<text x="${box.absX + box.width / 2}" y="${box.absY + box.height / 2 + 4}" font-size="11.5" font-weight="600" text-anchor="middle" fill="#ffffff">${node.name}</text>`);
    } else if (node.kind === 'state' || (node.kind === 'container' && box.height <= 90)) {
      const look = lookOf(node.stateType);
      parts.push(`<rect x="${box.absX}" y="${box.absY}" width="${box.width}" height="${box.height}" rx="10" fill="#ffffff" stroke="#e2e8f0"/>`);
      parts.push(`<rect x="${box.absX}" y="${box.absY}" width="5" height="${box.height}" rx="2.5" fill="${look.color}"/>`);
      parts.push(`<rect x="${box.absX + 14}" y="${box.absY + 14}" width="26" height="26" rx="7" fill="${look.soft}"/>`);
      parts.push(`<g transform="translate(${box.absX + 19},${box.absY + 19})"><path d="${look.icon}" fill="none" stroke="${look.color}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></g>`);
      parts.push(`<text x="${box.absX + 50}" y="${box.absY + 27}" font-size="13" font-weight="600" fill="#0f172a">${escapeXml(clip(node.name, 24))}</text>`);
      parts.push(`<text x="${box.absX + 50}" y="${box.absY + 45}" font-size="11" fill="#64748b">${escapeXml(clip(`${node.stateType ?? '?'} · ${summarise(node.state)}`, 30))}</text>`);
    }
  }
  parts.push('</svg>');
  return parts.join('\n');
}
