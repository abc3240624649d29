/** The studio's shell: toolbar, palette, canvas, inspector/code, problems — and the global keys. */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { deleteSelection, duplicateSelection } from './model/actions';
import type { StudioStore } from './model/store';
import { Canvas } from './components/Canvas';
import { CodePane } from './components/CodePane';
import { openFile, saveJson } from './components/file-actions';
import { Gallery } from './components/Gallery';
import { Inspector } from './components/Inspector';
import { Palette } from './components/Palette';
import { ProblemsPanel } from './components/ProblemsPanel';
import { StoreContext, useStore, useStudio } from './components/store-context';
import { Toolbar } from './components/Toolbar';

export function App({ store, showGallery }: { store: StudioStore; showGallery: boolean }) {
  return (
    <StoreContext.Provider value={store}>
      <ReactFlowProvider>
        <Shell showGalleryAtStart={showGallery} />
      </ReactFlowProvider>
    </StoreContext.Provider>
  );
}

type Tab = 'inspector' | 'code';

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

function Shell({ showGalleryAtStart }: { showGalleryAtStart: boolean }) {
  const store = useStore();
  const [gallery, setGallery] = useState(showGalleryAtStart);
  const [tab, setTab] = useState<Tab>('inspector');
  const [dropping, setDropping] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const errorCount = useStudio((s) => s.diagnostics.filter((d) => d.severity === 'ERROR').length);
  const draft = useStudio((s) => s.draft !== undefined);
  const selection = useStudio((s) => s.selection);

  // Selecting something on the canvas brings the inspector forward.
  useEffect(() => { if (selection) setTab('inspector'); }, [selection]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') { event.preventDefault(); saveJson(store); return; }
      if (mod && key === 'o') { event.preventDefault(); fileInput.current?.click(); return; }
      if (isTyping(event.target)) return;
      if (mod && key === 'z') { event.preventDefault(); if (event.shiftKey) store.redo(); else store.undo(); return; }
      if (mod && key === 'y') { event.preventDefault(); store.redo(); return; }
      if (mod && key === 'd') { event.preventDefault(); duplicateSelection(store); return; }
      if (event.key === 'Delete' || event.key === 'Backspace') { event.preventDefault(); deleteSelection(store); return; }
      if (event.key === 'F2') { event.preventDefault(); setTab('inspector'); requestAnimationFrame(() => window.dispatchEvent(new CustomEvent('stepwise:rename'))); return; }
      if (event.key === 'Escape') { store.select(null); setGallery(false); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  // Files dropped anywhere open (palette drags carry no files and are handled by the canvas).
  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    const over = (e: DragEvent) => { if (hasFiles(e)) { e.preventDefault(); setDropping(true); } };
    const leave = (e: DragEvent) => { if (!e.relatedTarget) setDropping(false); };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDropping(false);
      const file = e.dataTransfer?.files[0];
      if (file) { void openFile(store, file); setGallery(false); }
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => { window.removeEventListener('dragover', over); window.removeEventListener('dragleave', leave); window.removeEventListener('drop', drop); };
  }, [store]);

  return (
    <div className="shell">
      <Toolbar onShowGallery={() => setGallery(true)} onOpenFile={() => fileInput.current?.click()} />
      <input ref={fileInput} type="file" accept=".json,.yaml,.yml,application/json,application/yaml" hidden data-testid="file-input"
        onChange={(e) => { const file = e.target.files?.[0]; if (file) { void openFile(store, file); setGallery(false); } e.target.value = ''; }} />
      <Palette />
      <main className="workspace">
        <Canvas />
        <ProblemsPanel onReveal={(hasState) => setTab(hasState ? 'inspector' : 'code')} />
      </main>
      <aside className="side">
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'inspector'} className={tab === 'inspector' ? 'tab is-active' : 'tab'} onClick={() => setTab('inspector')} data-testid="tab-inspector">Inspector</button>
          <button type="button" role="tab" aria-selected={tab === 'code'} className={tab === 'code' ? 'tab is-active' : 'tab'} onClick={() => setTab('code')} data-testid="tab-code">
            Code {draft ? <span className="tab-badge is-error">syntax</span> : errorCount > 0 ? <span className="tab-badge is-error">{errorCount}</span> : null}
          </button>
        </div>
        {/* Both stay mounted so the editor keeps its cursor and scroll when switching tabs. */}
        <div className="tab-panel" hidden={tab !== 'inspector'}><Inspector /></div>
        <div className="tab-panel code-panel" hidden={tab !== 'code'}><CodePane visible={tab === 'code'} /></div>
      </aside>
      <Notice />
      {gallery && <Gallery onClose={() => setGallery(false)} onOpenFile={() => fileInput.current?.click()} />}
      {dropping && <div className="drop-overlay">Drop an .asl.json or .asl.yaml file to open it</div>}
    </div>
  );
}

function Notice() {
  const notice = useStudio((s) => s.notice);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!notice) return;
    setVisible(true);
    const timer = setTimeout(() => setVisible(false), notice.kind === 'error' ? 5000 : 2500);
    return () => clearTimeout(timer);
  }, [notice]);
  if (!notice || !visible) return null;
  return <div className={`notice ${notice.kind === 'error' ? 'is-error' : ''}`} role="status" data-testid="notice">{notice.message}</div>;
}
