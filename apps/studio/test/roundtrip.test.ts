/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraph, graphToDefinition } from '../src/model/graph';
import { layoutGraph } from '../src/model/layout';
import { EXAMPLES } from '../src/model/examples';

const load = (file: string) => JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const corpora = {
  conformance: load('conformance-definitions.json'),
  'validation (valid)': load('validation-valid-definitions.json'),
  examples: Object.fromEntries(EXAMPLES.map((e) => [e.id, e.definition])),
};

describe.each(Object.entries(corpora))('ASL → graph → ASL on %s definitions', (_corpus, definitions) => {
  it.each(Object.entries(definitions))('%s', (_name, definition) => {
    const graph = buildGraph(definition);
    const rebuilt = graphToDefinition(graph);
    // Same value and same key order.
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(definition));
    // And it lays out: every visible node gets a finite box.
    const layout = layoutGraph(graph);
    for (const node of graph.nodes) {
      if (layout.hidden.has(node.id)) continue;
      const box = layout.nodes.get(node.id);
      expect(box, node.id).toBeDefined();
      expect(Number.isFinite(box!.absX) && Number.isFinite(box!.absY)).toBe(true);
    }
  });
});

it('the corpora are not empty (a failed copy would make the round trip vacuous)', () => {
  expect(Object.keys(corpora.conformance).length).toBeGreaterThan(200);
  expect(Object.keys(corpora['validation (valid)']).length).toBeGreaterThan(100);
});
