import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../src/model/asl';
import { diagnose } from '../src/model/diagnostics';
import { installEngineValidator } from '../src/model/engine-validator';
import { EXAMPLES } from '../src/model/examples';
import { buildGraph } from '../src/model/graph';
import { layoutGraph } from '../src/model/layout';
import { addState, connect } from '../src/model/ops';
import { AUTOSAVE_KEY, loadWork, saveWork } from '../src/model/persistence';
import { formatOfFileName, parseText, toJson, toYaml } from '../src/model/serialize';
import { decodeShareHash, encodeShareHash } from '../src/model/share';
import { graphToSvg } from '../src/model/svg-export';
import { TEMPLATES } from '../src/model/templates';

describe('files', () => {
  it('YAML and JSON round-trip every example', () => {
    for (const example of EXAMPLES) {
      const yaml = parseText(toYaml(example.definition), 'yaml');
      expect(yaml.ok && yaml.value).toEqual(example.definition);
      const json = parseText(toJson(example.definition), 'json');
      expect(json.ok && json.value).toEqual(example.definition);
    }
    expect(formatOfFileName('a.asl.yaml')).toBe('yaml');
    expect(formatOfFileName('a.asl.json')).toBe('json');
  });
});

describe('share links', () => {
  it('carry the text compressed and come back unchanged', () => {
    const text = toJson(EXAMPLES[0].definition);
    const hash = encodeShareHash(text);
    expect(hash.length).toBeLessThan(text.length);
    expect(decodeShareHash(hash)).toBe(text);
    expect(decodeShareHash('#something-else')).toBeUndefined();
  });
});

describe('autosave', () => {
  it('stores and restores the work', () => {
    const memory = new Map<string, string>();
    const storage = { setItem: (k: string, v: string) => void memory.set(k, v), getItem: (k: string) => memory.get(k) ?? null };
    expect(saveWork(storage, { text: '{}', draft: '{', fileName: 'x.asl.json', savedAt: 'now' })).toBe(true);
    expect(memory.has(AUTOSAVE_KEY)).toBe(true);
    expect(loadWork(storage)).toEqual({ text: '{}', draft: '{', fileName: 'x.asl.json', savedAt: 'now' });
    expect(saveWork({ setItem: () => { throw new Error('quota'); } }, { text: '', fileName: '', savedAt: '' })).toBe(false);
  });
});

describe('SVG export', () => {
  it('draws every visible state with its name, and every labelled edge', () => {
    const graph = buildGraph(EXAMPLES[1].definition);
    const svg = graphToSvg(graph, layoutGraph(graph));
    expect(svg.startsWith('<svg')).toBe(true);
    for (const node of graph.nodes.filter((n) => n.kind === 'state')) expect(svg).toContain(`>${node.name}<`);
    expect(svg).toContain('>States.ALL<');
    expect(svg).toContain('BRANCH 3');
  });
});

describe('palette templates', () => {
  beforeAll(() => installEngineValidator());
  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s is valid in both query languages once connected', (_id, template) => {
    for (const language of ['JSONPath', 'JSONata'] as const) {
      let definition: JsonObject = { ...(language === 'JSONata' ? { QueryLanguage: 'JSONata' } : {}), StartAt: 'Start', States: { Start: { Type: 'Pass', End: true } } };
      definition = addState(definition, '', 'New', template.build(language)) as JsonObject;
      definition = connect(definition, '', 'Start', 'New', 'next') as JsonObject;
      if (template.type === 'Choice') {
        definition = addState(definition, '', 'Done', { Type: 'Succeed' }) as JsonObject;
        definition = connect(definition, '', 'New', 'Done', 'choice') as JsonObject;
      }
      const errors = diagnose(toJson(definition)).filter((d) => d.severity === 'ERROR');
      expect(errors.map((e) => `${e.code} ${e.location}: ${e.message}`), language).toEqual([]);
    }
  });
});
