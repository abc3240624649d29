/**
 * Two runs of the same machine side by side: each path (state visits, per execution / iteration /
 * branch) with its status and output, the first point where they part marked on both sides.
 */
import { useEffect, useMemo, useState } from 'react';
import { compareRuns } from '../debugger/compare';
import type { RunSummary } from '../debugger/runs-store';
import type { LoadedRun } from './load-run';
import { prettyJson } from './format';

export function CompareView({ current, runs, load }: { current: LoadedRun; runs: RunSummary[]; load(id: string): Promise<LoadedRun | undefined> }) {
  const others = runs.filter((r) => r.id !== current.id);
  const [otherId, setOtherId] = useState<string>('');
  const [other, setOther] = useState<LoadedRun>();
  useEffect(() => {
    let live = true;
    if (!otherId) { setOther(undefined); return; }
    void load(otherId).then((r) => { if (live) setOther(r); });
    return () => { live = false; };
  }, [otherId, load]);
  const comparison = useMemo(() => (other ? compareRuns(current.model, other.model) : undefined), [current, other]);
  const exec = (run: LoadedRun) => run.model.executionAt(run.model.length);
  return (
    <div className="dbg-compare" data-testid="compare">
      <div className="dbg-compare-bar">
        <span>Compare <b>{current.name}</b> with</span>
        <select className="input" value={otherId} onChange={(e) => setOtherId(e.target.value)} data-testid="compare-select">
          <option value="">choose a run…</option>
          {others.map((r) => <option key={r.id} value={r.id}>{r.name} · {r.status}</option>)}
        </select>
        {comparison && (
          <span className={`dbg-verdict${comparison.divergence ? ' is-diverged' : ''}`} data-testid="compare-verdict">
            {comparison.divergence ? `First divergence — ${comparison.divergence.message}` : 'Same path, same outcome.'}
          </span>
        )}
      </div>
      {!other && <p className="dbg-hint">Pick another kept run of this machine to see both paths side by side.</p>}
      {other && comparison && (
        <div className="dbg-compare-cols">
          {([['left', current, comparison.left], ['right', other, comparison.right]] as const).map(([side, run, steps]) => {
            const mark = side === 'left' ? comparison.divergence?.left : comparison.divergence?.right;
            const end = exec(run);
            return (
              <div key={side} className="dbg-compare-col" data-testid={`compare-${side}`}>
                <div className="dbg-compare-title">{run.name} <span className={`dbg-status s-${end.status.toLowerCase()}`}>{end.status}</span></div>
                <ol className="dbg-path">
                  {steps.slice(0, 3000).map((s, i) => (
                    <li key={i} className={`${i === mark ? 'is-divergence' : ''}${mark !== undefined && i > mark ? ' is-after' : ''}`} data-testid={i === mark ? 'divergence' : undefined}>
                      <span className={`dbg-dot s-${s.status}`} />
                      <span className="dbg-path-name">{s.lane && <span className="dbg-lane">{s.lane} › </span>}{s.name}</span>
                      <span className="dbg-path-status">{s.status}</span>
                      {i === mark && s.output !== undefined && <pre className="dbg-json is-small">{prettyJson(s.output, 2000)}</pre>}
                    </li>
                  ))}
                </ol>
                <div className="dbg-block-title">Execution output</div>
                <pre className="dbg-json is-small">{prettyJson(end.output ?? (end.error ? `${end.error}: ${end.cause ?? ''}` : ''), 4000) || '—'}</pre>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
