/**
 * Live progress for `stepwise run`: one line per state entered or left, task failure, retry and
 * Map/Parallel milestone, written to stderr while the execution runs.
 *
 * Depth comes from the history alone, the way AWS links events: every event's previousEventId
 * points into the line of events it continues. An event continuing a ParallelStateStarted begins
 * a branch, one continuing a MapIterationStarted belongs to that iteration, and the events that
 * close a Map or Parallel link back from inside a branch, so they step out one level. That
 * keeps the printer independent of the engine's internals and correct under concurrency, where
 * the order of lines alone could not tell iterations apart (hence the `M[3]` tags).
 */
import type { HistoryEvent } from '@stepwise/engine';
import { formatDuration } from '../format.ts';

/** One line of events: the execution itself, a Parallel branch or a Map iteration. */
interface Scope {
  depth: number;
  /** Shown before state names inside a branch or iteration: `Process[2]`, `Fork#1`, `Fork#0/Each[3]`. */
  tag: string;
  parent?: Scope;
  /** The state this line of events is in, for exit durations and failure lines. */
  current?: { name: string; type: string; entered: number };
  /** The last error seen on this line, for Map/Parallel failures (whose events carry none). */
  lastError?: string;
}

interface Seen {
  type: string;
  time: number;
  scope: Scope;
  details?: Record<string, unknown>;
}

export interface Palette {
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  bold(text: string): string;
}

const plain = (text: string) => text;
export const noColour: Palette = { dim: plain, red: plain, green: plain, yellow: plain, cyan: plain, bold: plain };

export function ansiPalette(): Palette {
  const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
  return { dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39), bold: wrap(1, 22) };
}

/**
 * Colours only for a terminal, and never when NO_COLOR is set (https://no-color.org);
 * FORCE_COLOR turns them on for terminals we cannot detect (CI logs that render ANSI).
 */
export function shouldColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** Failure events that a retry (a new Scheduled event) or a Catch (a new state) can follow. */
const failureTypes = new Set([
  'TaskFailed', 'TaskTimedOut', 'TaskStartFailed', 'TaskSubmitFailed',
  'LambdaFunctionFailed', 'LambdaFunctionTimedOut', 'LambdaFunctionStartFailed', 'LambdaFunctionScheduleFailed',
  'ActivityFailed', 'ActivityTimedOut',
  'EvaluationFailed', 'MapStateFailed', 'ParallelStateFailed',
]);

const scheduledTypes = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled']);

/** Events that close a Map or Parallel state; they link back from inside one of its branches. */
const closingTypes = /^(Map|Parallel)State(Succeeded|Failed|Aborted|Exited)$/;
/** Events at the level of the Map or Parallel state itself (not inside a branch). */
const stateLevelTypes = /^(MapState|ParallelState|MapRun)/;

/** Longest cause shown on a progress line; Lambda causes are often whole stack traces in JSON. */
const maxCause = 160;

export class Progress {
  private readonly seen = new Map<number, Seen>();
  private readonly root: Scope = { depth: 0, tag: '' };
  private readonly branchCounts = new Map<number, number>();
  private start: number | undefined;

  constructor(
    private readonly write: (line: string) => void,
    private readonly colour: Palette = noColour,
  ) {}

  /** Feed every history event, in order (the engine's onEvent). */
  onEvent(event: HistoryEvent): void {
    const time = Date.parse(event.timestamp);
    this.start ??= time;
    const previous = this.seen.get(event.previousEventId);
    const details = detailsOf(event);
    const scope = this.scopeFor(event, previous);
    this.seen.set(event.id, { type: event.type, time, scope, details });
    const name = typeof details?.name === 'string' ? details.name : undefined;
    const c = this.colour;

    const entered = /^(\w+)State(Entered)$/.exec(event.type);
    if (entered && name !== undefined) {
      scope.current = { name, type: entered[1], entered: time };
      let suffix = '';
      // Normally the caught state is left first (see below); some engines go straight to the Next.
      if (previous && failureTypes.has(previous.type)) suffix = c.yellow(`  caught ${errorOf(previous)}`);
      this.line(time, scope, c.cyan('→'), `${c.bold(name)} ${c.dim(entered[1])}${suffix}`);
      return;
    }
    if (/State(Exited)$/.test(event.type) && name !== undefined) {
      const took = scope.current?.name === name ? time - scope.current.entered : 0;
      const duration = took > 0 ? c.dim(`  ${event.type === 'WaitStateExited' ? 'waited ' : ''}${formatDuration(took)}`) : '';
      // A state left straight after a failure is leaving through a Catch.
      const caught = previous && failureTypes.has(previous.type) ? c.yellow(`  caught ${errorOf(previous)}`) : '';
      this.line(time, scope, c.green('←'), `${name}${duration}${caught}`);
      return;
    }
    if (scheduledTypes.has(event.type) && previous && failureTypes.has(previous.type)) {
      // The same Task scheduled again after a failure: a Retry, after its back-off.
      const state = scope.current?.name ?? 'task';
      this.line(time, scope, c.yellow('↻'), `${state} ${c.yellow('retry')} after ${formatDuration(time - previous.time)}`);
      return;
    }
    if (failureTypes.has(event.type) || event.type === 'MapIterationFailed') {
      // An iteration's line already carries its tag (`Map[3]`), so "iteration" says enough.
      const what = event.type === 'MapIterationFailed' ? 'iteration' : (scope.current?.name ?? event.type);
      let error = typeof details?.error === 'string' ? details.error : undefined;
      if (error === undefined && previous && previous.scope !== scope) error = previous.scope.lastError;
      if (error !== undefined) for (let s: Scope | undefined = scope; s; s = s.parent) s.lastError = error;
      const cause = typeof details?.cause === 'string' ? details.cause : undefined;
      const kind = event.type
        .replace(/^(Task|LambdaFunction|Activity|MapState|ParallelState|MapIteration|Evaluation)/, '')
        .replace(/\B([A-Z])/g, ' $1') // TimedOut → timed out, StartFailed → start failed
        .toLowerCase();
      const reason = [error, cause && oneLine(cause)].filter(Boolean).join(': ');
      this.line(time, scope, c.red('✗'), `${what} ${c.red(kind)}${reason ? ` ${reason}` : ''}`);
      return;
    }
    if (event.type === 'MapStateStarted') {
      const length = details?.length;
      if (typeof length === 'number') this.line(time, scope, c.dim('·'), c.dim(`${scope.current?.name ?? 'Map'}: ${length} item${length === 1 ? '' : 's'}`));
      return;
    }
    if (event.type === 'MapRunStarted') this.line(time, scope, c.dim('·'), c.dim(`${scope.current?.name ?? 'Map'}: distributed map run (child executions are not shown)`));
  }

  private scopeFor(event: HistoryEvent, previous: Seen | undefined): Scope {
    if (!previous) return this.root;
    if (previous.type === 'ParallelStateStarted') {
      const branch = this.branchCounts.get(event.previousEventId) ?? 0;
      this.branchCounts.set(event.previousEventId, branch + 1);
      return { depth: previous.scope.depth + 1, tag: nestedTag(previous.scope, `${previous.scope.current?.name ?? 'Parallel'}#${branch}`), parent: previous.scope };
    }
    if (event.type === 'MapIterationStarted') {
      const { index, name } = detailsOf(event) ?? {};
      // Iterations after the first MaxConcurrency ones link to an event inside an earlier
      // iteration (the one whose end freed the slot), so climb back to the Map's own line.
      let owner = previous.scope;
      while (owner.parent && !(owner.current?.type === 'Map' && owner.current.name === name)) owner = owner.parent;
      return { depth: owner.depth + 1, tag: nestedTag(owner, `${owner.current?.name ?? 'Map'}[${String(index ?? '?')}]`), parent: owner };
    }
    // A Map or Parallel closing from inside a branch steps back out to the state's own line;
    // one with no branches (an empty Map) closes from its own line and stays there.
    if (closingTypes.test(event.type) && !stateLevelTypes.test(previous.type)) return previous.scope.parent ?? previous.scope;
    return previous.scope;
  }

  private line(time: number, scope: Scope, glyph: string, text: string): void {
    const elapsed = `+${formatDuration(time - (this.start ?? time))}`.padStart(9);
    const tag = scope.tag ? `${this.colour.dim(scope.tag)} ` : '';
    this.write(`${this.colour.dim(elapsed)} ${'  '.repeat(scope.depth)}${glyph} ${tag}${text}\n`);
  }
}

function detailsOf(event: HistoryEvent): Record<string, unknown> | undefined {
  for (const key of Object.keys(event)) {
    if (key.endsWith('EventDetails')) return event[key as `${string}EventDetails`];
  }
  return undefined;
}

/** Inner tags keep the outer ones (`Rows[1]/Cells[0]`): an inner index alone is ambiguous. */
function nestedTag(outer: Scope, own: string): string {
  return outer.tag ? `${outer.tag}/${own}` : own;
}

function errorOf(failure: Seen): string {
  return typeof failure.details?.error === 'string' ? failure.details.error : (failure.scope.lastError ?? 'the error');
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxCause ? `${flat.slice(0, maxCause - 1)}…` : flat;
}
