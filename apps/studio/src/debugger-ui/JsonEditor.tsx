/**
 * A small CodeMirror JSON editor for the execution input: highlighting, bracket matching, its own
 * undo, and the parse error shown under it. The text is the source of truth; the parent keeps it.
 */
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { history, historyKeymap, defaultKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { linter } from '@codemirror/lint';
import { EditorView, keymap } from '@codemirror/view';
import { useEffect, useRef } from 'react';

export function JsonEditor({ value, onChange, label, testId }: { value: string; onChange(text: string): void; label: string; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const editor = new EditorView({
      doc: value,
      parent: host.current!,
      extensions: [
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        json(),
        linter(jsonParseLinter(), { delay: 300 }),
        EditorView.lineWrapping,
        EditorView.updateListener.of((u) => { if (u.docChanged) onChangeRef.current(u.state.doc.toString()); }),
        EditorView.contentAttributes.of({ 'aria-label': label, ...(testId ? { 'data-testid': testId } : {}) }),
      ],
    });
    view.current = editor;
    return () => editor.destroy();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // Text set from outside (another machine's saved input) replaces the editor's.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  return <div className="dbg-json-editor" ref={host} />;
}
