/** The start screen: example machines with a live preview, a blank machine, or a file. */
import { useMemo } from 'react';
import { EXAMPLES } from '../model/examples';
import { buildGraph } from '../model/graph';
import { layoutGraph } from '../model/layout';
import { toJson } from '../model/serialize';
import { graphToSvg } from '../model/svg-export';
import { newMachine } from './file-actions';
import { useStore } from './store-context';

export function Gallery({ onClose, onOpenFile }: { onClose: () => void; onOpenFile: () => void }) {
  const store = useStore();
  const previews = useMemo(() => EXAMPLES.map((e) => {
    const graph = buildGraph(e.definition);
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(graphToSvg(graph, layoutGraph(graph), e.title))}`;
  }), []);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Examples" onClick={onClose}>
      <div className="gallery" onClick={(e) => e.stopPropagation()} data-testid="gallery">
        <header className="gallery-header">
          <div>
            <h1>Design a state machine</h1>
            <p>Start from an example, a blank machine, or an <code>.asl.json</code> / <code>.asl.yaml</code> file (or drop one anywhere).</p>
          </div>
          <button type="button" className="button icon" onClick={onClose} aria-label="Close">✕</button>
        </header>
        <div className="gallery-grid">
          <button type="button" className="gallery-card blank" onClick={() => { newMachine(store); onClose(); }} data-testid="example-blank">
            <span className="gallery-preview blank-preview">+</span>
            <span className="gallery-title">Blank machine</span>
            <span className="gallery-description">One Pass state to start from.</span>
          </button>
          {EXAMPLES.map((example, i) => (
            <button type="button" key={example.id} className="gallery-card" data-testid={`example-${example.id}`}
              onClick={() => { store.load(structuredClone(example.definition), `${example.id}.asl.json`, toJson(example.definition)); onClose(); }}>
              <img className="gallery-preview" src={previews[i]} alt="" />
              <span className="gallery-title">{example.title}</span>
              <span className="gallery-description">{example.description}</span>
            </button>
          ))}
          <button type="button" className="gallery-card blank" onClick={() => { onOpenFile(); onClose(); }}>
            <span className="gallery-preview blank-preview">⇪</span>
            <span className="gallery-title">Open a file…</span>
            <span className="gallery-description">JSON or YAML from your disk.</span>
          </button>
        </div>
      </div>
    </div>
  );
}
