/**
 * Path coverage across the kept runs of this machine: the canvas shows every state and transition
 * any run took (the rest stay grey); this panel lists the numbers and what was never taken.
 */
import type { Coverage } from '../debugger/coverage';

export function CoverageView({ coverage, runCount, names }: { coverage: Coverage | undefined; runCount: number; names: Map<string, string> }) {
  if (!coverage) return <p className="dbg-hint">Reading the kept runs…</p>;
  const pct = (r: number) => (Number.isNaN(r) ? '—' : `${Math.round(r * 100)}%`);
  return (
    <div className="dbg-coverage" data-testid="coverage">
      <div className="dbg-coverage-nums">
        <div><b data-testid="coverage-states">{pct(coverage.stateRatio)}</b> of states</div>
        <div><b>{pct(coverage.edgeRatio)}</b> of transitions</div>
        <div>over <b>{runCount}</b> run{runCount === 1 ? '' : 's'} of this machine</div>
      </div>
      <div className="dbg-coverage-lists">
        <div>
          <div className="dbg-block-title">States never entered ({coverage.missedStates.length})</div>
          <ul>{coverage.missedStates.map((id) => <li key={id}>{names.get(id) ?? id}</li>)}</ul>
        </div>
        <div>
          <div className="dbg-block-title">Visits per state</div>
          <ul>{[...coverage.states].map(([id, e]) => <li key={id}>{names.get(id) ?? id} <span className="dbg-note">{e.count}× in {e.runs} run{e.runs === 1 ? '' : 's'}</span></li>)}</ul>
        </div>
      </div>
    </div>
  );
}
