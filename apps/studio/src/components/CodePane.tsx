/**
 * The code pane: CodeMirror 6 showing the definition as JSON. Valid edits flow into the model as
 * they are typed; the model's edits flow back as minimal text changes so the cursor and scroll
 * stay put. Undo/redo keys go to the studio's single history, not CodeMirror's own.
 */
import { json } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorSelection, Prec } from '@codemirror/state';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { StudioDiagnostic } from '../model/diagnostics';
import { locatePointer } from '../model/json-locate';
import { useStore, useStudio } from './store-context';

function toLint(diagnostics: StudioDiagnostic[], length: number): Diagnostic[] {
  return diagnostics.map((d) => {
    let from = Math.min(d.from ?? 0, length);
    let to = Math.min(d.to ?? from + 1, length);
    if (to - from > 120) to = from + 1; // a whole object: mark where it starts rather than everything
    if (from === to && from > 0) from -= 1;
    return { from, to: Math.max(to, from), severity: d.severity === 'ERROR' ? 'error' : 'warning', message: `${d.code}: ${d.message}`, source: d.location || 'definition' };
  });
}

export function CodePane({ visible }: { visible: boolean }) {
  const store = useStore();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const applyingExternal = useRef(false);

  useEffect(() => {
    const undo = () => { store.undo(); return true; };
    const redo = () => { store.redo(); return true; };
    const editor = new EditorView({
      doc: store.text,
      parent: host.current!,
      extensions: [
        Prec.highest(keymap.of([
          { key: 'Mod-z', run: undo, preventDefault: true },
          { key: 'Mod-Shift-z', run: redo, preventDefault: true },
          { key: 'Mod-y', run: redo, preventDefault: true },
        ])),
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        keymap.of([...defaultKeymap, ...foldKeymap, indentWithTab]),
        json(),
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !applyingExternal.current) store.setText(update.state.doc.toString());
        }),
        EditorView.contentAttributes.of({ 'aria-label': 'Definition JSON', 'data-testid': 'code-editor' }),
      ],
    });
    view.current = editor;
    const sync = () => {
      const text = store.text;
      const current = editor.state.doc.toString();
      if (text !== current) {
        // Replace only the part that differs, so the user's cursor and scroll survive graph edits.
        let start = 0;
        while (start < text.length && start < current.length && text[start] === current[start]) start++;
        let endText = text.length, endCurrent = current.length;
        while (endText > start && endCurrent > start && text[endText - 1] === current[endCurrent - 1]) { endText--; endCurrent--; }
        applyingExternal.current = true;
        editor.dispatch({ changes: { from: start, to: endCurrent, insert: text.slice(start, endText) } });
        applyingExternal.current = false;
      }
      editor.dispatch(setDiagnostics(editor.state, toLint(store.getState().diagnostics, editor.state.doc.length)));
    };
    sync();
    let last = store.getState();
    const unsubscribe = store.subscribe(() => {
      const next = store.getState();
      if (next.history !== last.history || next.draft !== last.draft || next.diagnostics !== last.diagnostics) sync();
      last = next;
    });
    return () => { unsubscribe(); editor.destroy(); view.current = null; };
  }, [store]);

  const reveal = useStudio((s) => s.reveal);
  useEffect(() => {
    const editor = view.current;
    if (!editor || reveal?.from === undefined) return;
    const length = editor.state.doc.length;
    const from = Math.min(reveal.from, length);
    const to = Math.min(reveal.to ?? from, length);
    editor.dispatch({ selection: EditorSelection.range(from, Math.min(to, from + 200)), effects: EditorView.scrollIntoView(from, { y: 'center' }) });
  }, [reveal]);

  // Selecting a state elsewhere scrolls its JSON into view (unless the user is typing here).
  const selection = useStudio((s) => s.selection);
  useEffect(() => {
    const editor = view.current;
    if (!editor || !visible || editor.hasFocus || selection?.kind !== 'state') return;
    const range = locatePointer(editor.state.doc.toString(), selection.id);
    if (range) editor.dispatch({ effects: EditorView.scrollIntoView(range.from, { y: 'start', yMargin: 40 }) });
  }, [selection, visible]);

  return <div className="code-pane" ref={host} data-testid="code-pane" />;
}
