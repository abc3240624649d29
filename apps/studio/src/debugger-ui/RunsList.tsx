/** The kept runs: name, status, duration and start time; newest first; open, delete. */
import { memo } from 'react';
import type { RunSummary } from '../debugger/runs-store';
import { formatDuration, formatStart } from './format';

/** Memoised: the list must not re-render (date formatting is slow) on every scrubber step. */
export const RunsList = memo(function RunsList({ runs, currentId, activeId, onOpen, onDelete }: { runs: RunSummary[]; currentId?: string; activeId?: string; onOpen(id: string): void; onDelete(id: string): void }) {
  return (
    <section className="dbg-runs" data-testid="runs-list">
      <div className="dbg-section-title">Runs <span className="dbg-note">{runs.length} kept</span></div>
      {runs.length === 0 && <p className="dbg-hint">No runs yet. Start one above, or import a history.</p>}
      <ul>
        {runs.map((r) => (
          <li key={r.id} className={r.id === currentId ? 'is-current' : ''} data-testid="run-item" data-run-status={r.status}>
            <button type="button" className="dbg-run-open" onClick={() => onOpen(r.id)}>
              <span className={`dbg-dot s-${r.status.toLowerCase()}`} />
              <span className="dbg-run-name" title={r.name}>{r.name}</span>
              <span className={`dbg-status s-${(r.id === activeId ? 'running' : r.status).toLowerCase()}`}>{(r.id === activeId ? 'RUNNING' : r.status).toLowerCase().replace('_', ' ')}</span>
              <span className="dbg-run-meta">{formatStart(r.startTime)} · {formatDuration(r.durationMs)} · {r.eventCount} ev{r.origin === 'imported' ? ' · imported' : ''}</span>
            </button>
            <button type="button" className="button icon small dbg-run-del" aria-label={`Delete ${r.name}`} title="Delete this run" onClick={() => onDelete(r.id)}>×</button>
          </li>
        ))}
      </ul>
    </section>
  );
})
