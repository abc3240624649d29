import { expect, it } from 'vitest';
import { buildGraph, endMarkerId, startMarkerId } from '../src/model/graph';
import { layoutGraph } from '../src/model/layout';
import { EXAMPLES } from '../src/model/examples';

const order = EXAMPLES.find((e) => e.id === 'order-processing')!.definition;
const fanOut = EXAMPLES.find((e) => e.id === 'parallel-fan-out')!.definition;

it('derives typed edges with labels, Default marked and Catch apart', () => {
  const g = buildGraph(order);
  const from = (name: string) => g.edges.filter((e) => e.source === `/States/${name}`);
  expect(from('Is in stock?').map((e) => [e.kind, e.label])).toEqual([
    ['choice', '$.validation.order.inStock == true'],
    ['choice', '$.validation.order.backorderDays <= 7'],
    ['default', 'Default'],
  ]);
  expect(from('Validate order').map((e) => e.kind)).toEqual(['next', 'catch']);
  expect(from('Validate order')[1].label).toBe('States.ALL');
  expect(g.edges.find((e) => e.kind === 'start')?.target).toBe('/States/Validate order');
  expect(g.nodeById.get('/States/Order complete')?.isEnd).toBe(true);
  expect(g.nodeById.has(endMarkerId(''))).toBe(true);
});

it('nests Parallel branches as scopes inside their container', () => {
  const g = buildGraph(fanOut);
  const container = g.nodeById.get('/States/Enrich profile')!;
  expect(container.kind).toBe('container');
  expect(container.childScopeIds).toEqual([0, 1, 2].map((i) => `/States/Enrich profile/Branches/${i}`));
  const inner = g.nodeById.get('/States/Enrich profile/Branches/1/States/Normalise score')!;
  expect(inner.parentId).toBe('/States/Enrich profile/Branches/1');
  expect(g.nodeById.get('/States/Enrich profile/Branches/1')!.parentId).toBe('/States/Enrich profile');
  expect(g.nodeById.has(startMarkerId('/States/Enrich profile/Branches/1'))).toBe(true);
});

it('layout is deterministic and children sit inside their parents', () => {
  const g = buildGraph(fanOut);
  const a = layoutGraph(g);
  const b = layoutGraph(buildGraph(structuredClone(fanOut)));
  expect([...a.nodes.entries()]).toEqual([...b.nodes.entries()]);
  for (const node of g.nodes) {
    if (!node.parentId) continue;
    const child = a.nodes.get(node.id)!;
    const parent = a.nodes.get(node.parentId)!;
    expect(child.x).toBeGreaterThanOrEqual(0);
    expect(child.y).toBeGreaterThanOrEqual(0);
    expect(child.x + child.width).toBeLessThanOrEqual(parent.width + 0.5);
    expect(child.y + child.height).toBeLessThanOrEqual(parent.height + 0.5);
  }
});

it('no two sibling nodes overlap', () => {
  const g = buildGraph(order);
  const l = layoutGraph(g);
  const boxes = g.nodes.filter((n) => !n.parentId).map((n) => l.nodes.get(n.id)!);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [p, q] = [boxes[i], boxes[j]];
    const overlap = p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
    expect(overlap).toBe(false);
  }
});

it('collapsing a container hides its insides and shrinks it', () => {
  const g = buildGraph(fanOut);
  const open = layoutGraph(g);
  const closed = layoutGraph(g, new Set(['/States/Enrich profile']));
  expect(closed.nodes.get('/States/Enrich profile')!.height).toBeLessThan(open.nodes.get('/States/Enrich profile')!.height);
  expect(closed.hidden.has('/States/Enrich profile/Branches/0/States/Fetch orders')).toBe(true);
  expect(closed.nodes.has('/States/Enrich profile/Branches/0/States/Fetch orders')).toBe(false);
});
