/** Browser file plumbing: open (picker or drop), download JSON/YAML/SVG/PNG, share links. */
import { BLANK_DEFINITION } from '../model/examples';
import { buildGraph } from '../model/graph';
import { layoutGraph } from '../model/layout';
import { formatOfFileName, parseText, toJson, toYaml } from '../model/serialize';
import { encodeShareHash } from '../model/share';
import type { StudioStore } from '../model/store';
import { graphToSvg } from '../model/svg-export';

export async function openFile(store: StudioStore, file: File): Promise<void> {
  const text = await file.text();
  const format = formatOfFileName(file.name);
  const parsed = parseText(text, format);
  if (!parsed.ok) {
    store.notify(`Could not read ${file.name}: ${parsed.message}`, 'error');
    return;
  }
  // JSON files keep their own text (formatting, key order); YAML becomes JSON for the code pane.
  const name = file.name.replace(/\.ya?ml$/i, '.json');
  store.load(parsed.value, name, format === 'json' ? text : undefined);
  store.notify(`Opened ${file.name}`);
}

export function download(name: string, content: Blob | string, type = 'application/json'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const baseName = (store: StudioStore) => store.getState().fileName.replace(/\.asl\.(json|ya?ml)$|\.(json|ya?ml)$/i, '') || 'state-machine';

export function saveJson(store: StudioStore): void {
  download(`${baseName(store)}.asl.json`, store.document.text);
}

export function saveYaml(store: StudioStore): void {
  download(`${baseName(store)}.asl.yaml`, toYaml(store.document.definition), 'application/yaml');
}

export function currentSvg(store: StudioStore): string {
  const graph = buildGraph(store.document.definition);
  return graphToSvg(graph, layoutGraph(graph, store.getState().collapsed), baseName(store));
}

export function exportSvg(store: StudioStore): void {
  download(`${baseName(store)}.svg`, currentSvg(store), 'image/svg+xml');
}

/** Rasterises the SVG export at twice its size, for sharp images on dense screens. */
export async function exportPng(store: StudioStore): Promise<void> {
  const svg = currentSvg(store);
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the SVG could not be drawn'));
      image.src = url;
    });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = image.width * scale;
    canvas.height = image.height * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the PNG could not be encoded');
    download(`${baseName(store)}.png`, blob);
  } catch (error) {
    store.notify(`PNG export failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function shareUrl(store: StudioStore): string {
  return `${location.origin}${location.pathname}${encodeShareHash(store.document.text)}`;
}

export function newMachine(store: StudioStore): void {
  store.load(structuredClone(BLANK_DEFINITION), 'state-machine.asl.json', toJson(BLANK_DEFINITION));
}
