/** The palette: searchable flow states and Task templates, dragged onto the canvas or clicked. */
import { useState, type DragEvent } from 'react';
import { addFromTemplate, insertFromTemplate, selectedState } from '../model/actions';
import { connect } from '../model/ops';
import { searchTemplates, type Template } from '../model/templates';
import { TEMPLATE_MIME } from './Canvas';
import { useStore } from './store-context';
import { TypeIcon } from './TypeIcon';

export function Palette() {
  const store = useStore();
  const [query, setQuery] = useState('');
  const found = searchTemplates(query);

  /** Click: after the selected state when there is one (inserted on its Next), else at the top level. */
  const add = (template: Template) => {
    const selected = selectedState(store);
    if (selected && typeof selected.state.Next === 'string') {
      insertFromTemplate(store, template.id, `${selected.id}/Next`);
      return;
    }
    const scope = selected?.scopeId ?? '';
    const previous = selected;
    const id = addFromTemplate(store, template.id, scope);
    if (id && previous && previous.state.End === true) {
      const name = id.slice(id.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
      store.edit((d) => connect(d, scope, previous.name, name, 'next'));
    }
  };

  const onDragStart = (event: DragEvent, template: Template) => {
    event.dataTransfer.setData(TEMPLATE_MIME, template.id);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="palette" data-testid="palette">
      <input className="input palette-search" placeholder="Search states and tasks…" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search the palette" />
      {(['Flow', 'Task'] as const).map((group) => {
        const items = found.filter((t) => t.group === group);
        if (items.length === 0) return null;
        return (
          <div key={group} className="palette-group">
            <div className="palette-group-title">{group === 'Flow' ? 'Flow' : 'Task templates'}</div>
            {items.map((t) => (
              <button
                type="button"
                key={t.id}
                className="palette-item"
                draggable
                onDragStart={(e) => onDragStart(e, t)}
                onClick={() => add(t)}
                title={`${t.description} Drag onto the canvas or an edge, or click to add.`}
                data-testid={`palette-${t.id}`}
              >
                <span className="palette-icon"><TypeIcon type={t.type} /></span>
                <span className="palette-text">
                  <span className="palette-label">{t.label}</span>
                  <span className="palette-description">{t.description}</span>
                </span>
              </button>
            ))}
          </div>
        );
      })}
      {found.length === 0 && <p className="empty-hint">Nothing matches “{query}”.</p>}
      <div className="shortcuts">
        <div className="palette-group-title">Keyboard</div>
        <dl>
          <dt>Ctrl Z / Ctrl ⇧ Z</dt><dd>Undo / redo</dd>
          <dt>Del</dt><dd>Delete selection</dd>
          <dt>Ctrl D</dt><dd>Duplicate state</dd>
          <dt>F2</dt><dd>Rename state</dd>
          <dt>Ctrl S / Ctrl O</dt><dd>Save / open</dd>
          <dt>Esc</dt><dd>Clear selection</dd>
        </dl>
      </div>
    </aside>
  );
}
