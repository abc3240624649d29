/**
 * Canvas node components. Each is memoised with a comparison on the model objects it shows, so
 * a 500-state machine re-renders only the states an edit touched. Nodes read their run status
 * (the later execution overlay) straight from the store.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { lookOf } from '../model/appearance';
import { summarise } from '../model/summary';
import type { StudioNode } from './flow-elements';
import { useStore, useStudio } from './store-context';
import { TypeIcon } from './TypeIcon';

type Props = NodeProps<StudioNode>;

const sameNode = (a: Props, b: Props) =>
  a.selected === b.selected &&
  a.data.node.state === b.data.node.state &&
  a.data.node.name === b.data.node.name &&
  a.data.node.isStart === b.data.node.isStart &&
  a.data.node.isEnd === b.data.node.isEnd &&
  a.data.node.id === b.data.node.id &&
  a.data.issues === b.data.issues &&
  a.data.issueCount === b.data.issueCount &&
  a.data.collapsed === b.data.collapsed &&
  a.width === b.width &&
  a.height === b.height &&
  a.dragging === b.dragging;

function useStatus(id: string) {
  return useStudio((s) => s.statuses.get(id));
}

function IssueBadge({ severity, count }: { severity?: 'ERROR' | 'WARNING'; count: number }) {
  if (!severity) return null;
  return (
    <span className={`issue-badge ${severity === 'ERROR' ? 'is-error' : 'is-warning'}`} title={`${count} problem${count === 1 ? '' : 's'}`} data-testid="issue-badge">
      {severity === 'ERROR' ? '!' : '⚠'}{count > 1 ? count : ''}
    </span>
  );
}

/** The outgoing handles a state offers, by type: what can be drawn from it. */
function SourceHandles({ type }: { type: string | undefined }) {
  if (type === 'Succeed' || type === 'Fail') return <Handle type="source" position={Position.Bottom} className="handle-hidden" isConnectable={false} />;
  const canCatch = type === 'Task' || type === 'Parallel' || type === 'Map';
  return (
    <>
      {type === 'Choice' ? (
        <>
          <Handle type="source" position={Position.Bottom} id="choice" className="handle handle-choice" title="Drag to add a Choice rule" />
          <Handle type="source" position={Position.Left} id="default" className="handle handle-default" title="Drag to set Default" />
        </>
      ) : (
        <Handle type="source" position={Position.Bottom} id="next" className="handle handle-next" title="Drag to set Next" />
      )}
      {canCatch && <Handle type="source" position={Position.Right} id="catch" className="handle handle-catch" title="Drag to add a Catch" />}
    </>
  );
}

function StateCard({ id, data, selected }: Props) {
  const { node } = data;
  const look = lookOf(node.stateType);
  const status = useStatus(id);
  const retries = Array.isArray(node.state?.Retry) ? node.state.Retry.length : 0;
  const catches = Array.isArray(node.state?.Catch) ? node.state.Catch.length : 0;
  return (
    <div
      className={`state-card${selected ? ' is-selected' : ''}${status ? ` status-${status}` : ''}`}
      style={{ ['--type-color' as string]: look.color, ['--type-soft' as string]: look.soft }}
      data-testid="state-node"
      data-state-name={node.name}
      data-state-type={node.stateType}
    >
      <Handle type="target" position={Position.Top} className="handle handle-target" />
      <span className="type-chip"><TypeIcon type={node.stateType} size={16} /></span>
      <span className="state-text">
        <span className="state-name" title={node.name}>{node.name}</span>
        <span className="state-meta">
          <span className="state-type">{node.stateType ?? 'Unknown'}</span>
          <span className="state-summary" title={summarise(node.state)}>{summarise(node.state)}</span>
        </span>
      </span>
      <span className="state-badges">
        {retries > 0 && <span className="mini-badge" title={`${retries} retry polic${retries === 1 ? 'y' : 'ies'}`}>↻{retries}</span>}
        {catches > 0 && <span className="mini-badge is-catch" title={`${catches} catcher${catches === 1 ? '' : 's'}`}>⚑{catches}</span>}
      </span>
      <IssueBadge severity={data.issues} count={data.issueCount} />
      <SourceHandles type={node.stateType} />
    </div>
  );
}

function ContainerBox({ id, data, selected }: Props) {
  const { node } = data;
  const store = useStore();
  const look = lookOf(node.stateType);
  const status = useStatus(id);
  const scopes = node.childScopeIds.length;
  const innerStates = countStates(node.state);
  return (
    <div
      className={`container-box${data.collapsed ? ' is-collapsed' : ''}${selected ? ' is-selected' : ''}${status ? ` status-${status}` : ''}`}
      style={{ ['--type-color' as string]: look.color, ['--type-soft' as string]: look.soft }}
      data-testid="container-node"
      data-state-name={node.name}
      data-state-type={node.stateType}
    >
      <Handle type="target" position={Position.Top} className="handle handle-target" />
      <div className="container-header">
        <span className="type-chip"><TypeIcon type={node.stateType} size={16} /></span>
        <span className="state-text">
          <span className="state-name" title={node.name}>{node.name}</span>
          <span className="state-meta">
            <span className="state-type">{node.stateType}</span>
            <span className="state-summary">{data.collapsed ? `${scopes === 1 ? '' : `${scopes} branches · `}${innerStates} states inside` : summarise(node.state)}</span>
          </span>
        </span>
        <button
          type="button"
          className="collapse-toggle nodrag"
          title={data.collapsed ? 'Expand' : 'Collapse'}
          aria-label={data.collapsed ? `Expand ${node.name}` : `Collapse ${node.name}`}
          onClick={(event) => { event.stopPropagation(); store.toggleCollapsed(id); }}
        >
          {data.collapsed ? '▸' : '▾'}
        </button>
      </div>
      <IssueBadge severity={data.issues} count={data.issueCount} />
      <SourceHandles type={node.stateType} />
    </div>
  );
}

function countStates(state: unknown): number {
  let count = 0;
  const walk = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    for (const key of ['Branches', 'ItemProcessor', 'Iterator']) {
      const inner = record[key];
      const scopes = Array.isArray(inner) ? inner : inner ? [inner] : [];
      for (const scope of scopes) {
        const states = (scope as Record<string, unknown>)?.States;
        if (states && typeof states === 'object') for (const s of Object.values(states)) { count++; walk(s); }
      }
    }
  };
  walk(state);
  return count;
}

function ScopeLane({ data }: Props) {
  return (
    <div className="scope-lane" data-testid="scope-node" data-scope-id={data.node.id}>
      <span className="scope-label">{data.node.name}</span>
    </div>
  );
}

function Marker({ data }: Props) {
  const { node } = data;
  const nested = node.scopeId !== '';
  return (
    <div className={`marker marker-${node.kind}${nested ? ' is-nested' : ''}`} title={node.kind === 'start' ? 'Start' : 'End'}>
      {node.kind === 'end' && <Handle type="target" position={Position.Top} className="handle-hidden" isConnectable={false} />}
      {!nested && (node.kind === 'start' ? 'Start' : 'End')}
      {node.kind === 'start' && <Handle type="source" position={Position.Bottom} className="handle-hidden" isConnectable={false} />}
    </div>
  );
}

export const NODE_TYPES = {
  state: memo(StateCard, sameNode),
  container: memo(ContainerBox, sameNode),
  scope: memo(ScopeLane, sameNode),
  marker: memo(Marker, sameNode),
};
