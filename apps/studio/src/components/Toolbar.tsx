/** The toolbar: files, exports, sharing, undo/redo and view controls. */
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { canRedo, canUndo } from '../model/history';
import { buildGraph } from '../model/graph';
import { exportPng, exportSvg, saveJson, saveYaml, shareUrl } from './file-actions';
import { FIT_OPTIONS } from './Canvas';
import { useStore, useStudio } from './store-context';

export function Toolbar({ onShowGallery, onOpenFile }: { onShowGallery: () => void; onOpenFile: () => void }) {
  const store = useStore();
  const flow = useReactFlow();
  const fileName = useStudio((s) => s.fileName);
  const undoable = useStudio((s) => canUndo(s.history) || s.draft !== undefined);
  const redoable = useStudio((s) => canRedo(s.history));
  const [share, setShare] = useState<string>();
  const [exportOpen, setExportOpen] = useState(false);

  const containers = () => buildGraph(store.document.definition).nodes.filter((n) => n.kind === 'container').map((n) => n.id);

  const openShare = async () => {
    const url = shareUrl(store);
    setShare(url);
    try {
      await navigator.clipboard.writeText(url);
      store.notify('Share link copied to the clipboard');
    } catch {
      // No clipboard access (insecure origin, permissions): the dialog shows the link to copy by hand.
    }
  };

  return (
    <header className="toolbar" data-testid="toolbar">
      <div className="brand">
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><rect x="2" y="2" width="8" height="6" rx="2" fill="#2563eb" /><rect x="14" y="9" width="8" height="6" rx="2" fill="#7c3aed" /><rect x="2" y="16" width="8" height="6" rx="2" fill="#16a34a" /><path d="M6 8v3h12M18 15v3H10" fill="none" stroke="#94a3b8" strokeWidth="1.6" /></svg>
        <span className="brand-name">Stepwise <span className="brand-sub">Studio</span></span>
      </div>
      <span className="file-name" title={fileName} data-testid="file-name">{fileName}</span>
      <div className="toolbar-group">
        <button type="button" className="button" onClick={onShowGallery} data-testid="open-gallery">New / Examples</button>
        <button type="button" className="button" onClick={onOpenFile} title="Open a .asl.json or .asl.yaml file (Ctrl+O)">Open…</button>
        <div className="menu-anchor">
          <button type="button" className="button" onClick={() => setExportOpen((o) => !o)} aria-expanded={exportOpen} data-testid="export-menu">Save / Export ▾</button>
          {exportOpen && (
            <div className="menu" onClick={() => setExportOpen(false)} role="menu">
              <button type="button" role="menuitem" onClick={() => saveJson(store)}>Save as JSON <kbd>Ctrl S</kbd></button>
              <button type="button" role="menuitem" onClick={() => saveYaml(store)}>Save as YAML</button>
              <button type="button" role="menuitem" onClick={() => exportSvg(store)}>Export graph as SVG</button>
              <button type="button" role="menuitem" onClick={() => void exportPng(store)}>Export graph as PNG</button>
            </div>
          )}
        </div>
        <button type="button" className="button" onClick={() => void openShare()} data-testid="share">Share link</button>
      </div>
      <div className="toolbar-group">
        <button type="button" className="button icon" onClick={() => store.undo()} disabled={!undoable} title="Undo (Ctrl+Z)" aria-label="Undo" data-testid="undo">↶</button>
        <button type="button" className="button icon" onClick={() => store.redo()} disabled={!redoable} title="Redo (Ctrl+Shift+Z)" aria-label="Redo" data-testid="redo">↷</button>
      </div>
      <div className="toolbar-group">
        <button type="button" className="button" onClick={() => store.setCollapsed(containers())} title="Collapse every Parallel and Map">Collapse all</button>
        <button type="button" className="button" onClick={() => store.setCollapsed([])} title="Expand every Parallel and Map">Expand all</button>
        <button type="button" className="button" onClick={() => void flow.fitView({ ...FIT_OPTIONS, duration: 200 })}>Fit</button>
      </div>
      <div className="toolbar-group">
        <a className="button" href="#debug" data-testid="open-debugger" title="Run this machine, replay executions, import AWS histories">▶ Run / Debug</a>
      </div>
      {share && (
        <div className="share-popover" role="dialog" aria-label="Share link">
          <p>Anyone with this link opens this machine — it travels inside the link, no server involved.</p>
          <input className="input mono" readOnly value={share} onFocus={(e) => e.target.select()} data-testid="share-url" />
          <div className="share-actions">
            <span className="hint">{share.length.toLocaleString()} characters</span>
            <button type="button" className="button" onClick={() => setShare(undefined)}>Close</button>
          </div>
        </div>
      )}
    </header>
  );
}
