/** The problems list: every diagnostic, click to go to the state and the place in the code. */
import { splitStateId } from '../model/actions';
import { useStore, useStudio } from './store-context';

export function ProblemsPanel({ onReveal }: { onReveal: (hasState: boolean) => void }) {
  const store = useStore();
  const diagnostics = useStudio((s) => s.diagnostics);
  const draft = useStudio((s) => s.draft !== undefined);
  const errors = diagnostics.filter((d) => d.severity === 'ERROR').length;
  const warnings = diagnostics.length - errors;
  return (
    <section className="problems" data-testid="problems">
      <header className="problems-header">
        <span className="panel-title">Problems</span>
        <span className={`count-pill${errors ? ' is-error' : ''}`}>{errors} error{errors === 1 ? '' : 's'}</span>
        <span className={`count-pill${warnings ? ' is-warning' : ''}`}>{warnings} warning{warnings === 1 ? '' : 's'}</span>
        {draft && <span className="draft-note">The code has a syntax error: the graph shows the last valid version.</span>}
      </header>
      <ul className="problems-list">
        {diagnostics.length === 0 && <li className="problems-empty">No problems found.</li>}
        {diagnostics.map((d, i) => (
          <li key={i}>
            <button
              type="button"
              className={`problem ${d.severity === 'ERROR' ? 'is-error' : 'is-warning'}`}
              data-testid="problem"
              onClick={() => { store.reveal({ stateId: d.stateId, from: d.from, to: d.to }); onReveal(!!d.stateId); }}
            >
              <span className="problem-icon">{d.severity === 'ERROR' ? '●' : '▲'}</span>
              <span className="problem-code">{d.code}</span>
              <span className="problem-message">{d.message}</span>
              <span className="problem-where">{d.stateId ? splitStateId(d.stateId).name + (d.field ? ` › ${d.field}` : '') : d.location || (d.line ? `line ${d.line}` : '')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
