/** Boot: pick the machine to show (share link, then autosave, then the first example) and render. */
import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { EXAMPLES } from './model/examples';
import { loadWork, saveWork } from './model/persistence';
import { parseJson, toJson } from './model/serialize';
import { decodeShareHash } from './model/share';
import { StudioStore } from './model/store';
import { installEngineValidator } from './model/engine-validator';
import { ModeSwitch } from './debugger-ui/ModeSwitch';

installEngineValidator();

function initialStore(): { store: StudioStore; showGallery: boolean } {
  const shared = decodeShareHash(location.hash);
  if (shared) {
    const parsed = parseJson(shared);
    // The link did its job; later reloads should find the autosaved (possibly edited) work instead.
    history.replaceState(null, '', location.pathname + location.search);
    if (parsed.ok) {
      const store = new StudioStore(parsed.value, 'shared.asl.json');
      store.load(parsed.value, 'shared.asl.json', shared);
      return { store, showGallery: false };
    }
  }
  const saved = loadWork(localStorage);
  if (saved) {
    const parsed = parseJson(saved.text);
    if (parsed.ok) {
      const store = new StudioStore(parsed.value, saved.fileName);
      store.load(parsed.value, saved.fileName, saved.text);
      if (saved.draft !== undefined) store.setText(saved.draft);
      return { store, showGallery: false };
    }
  }
  const first = EXAMPLES[0];
  const store = new StudioStore(first.definition, `${first.id}.asl.json`);
  store.load(first.definition, `${first.id}.asl.json`, toJson(first.definition));
  return { store, showGallery: true };
}

const { store, showGallery } = initialStore();

// Autosave shortly after each change to the document (not on selection or view changes).
let timer: ReturnType<typeof setTimeout> | undefined;
let last = { history: store.getState().history, draft: store.getState().draft, fileName: store.getState().fileName };
store.subscribe(() => {
  const s = store.getState();
  if (s.history === last.history && s.draft === last.draft && s.fileName === last.fileName) return;
  last = { history: s.history, draft: s.draft, fileName: s.fileName };
  clearTimeout(timer);
  timer = setTimeout(() => {
    const ok = saveWork(localStorage, { text: s.history.present.text, draft: s.draft, fileName: s.fileName, savedAt: new Date().toISOString() });
    if (!ok) store.notify('Autosave failed: browser storage is full or disabled', 'error');
  }, 250);
});
addEventListener('beforeunload', () => {
  const s = store.getState();
  saveWork(localStorage, { text: s.history.present.text, draft: s.draft, fileName: s.fileName, savedAt: new Date().toISOString() });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ModeSwitch store={store} designer={<App store={store} showGallery={showGallery} />} />
  </StrictMode>,
);
