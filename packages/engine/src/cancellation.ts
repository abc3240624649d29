/**
 * Stopping work: the execution's stop, a Parallel's or Map's branches, a task's timers.
 *
 * The engine's own small signal rather than AbortController: on Node 20 every AbortController
 * makes each young-generation collection slower for as long as it lives (measured: a loop that
 * only creates controllers has 15–70 ms scavenges; the same loop creating plain objects, 0.1 ms),
 * and the engine would make one per execution, per Parallel and Map state and per timed task.
 * A real AbortSignal is made only when a task handler asks for one (to pass it to `fetch`).
 */

/** What the engine needs of a signal; a DOM or Node AbortSignal has this shape too. */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** The platform AbortSignal for a signal: itself if it is one, else one that follows it. */
export function asAbortSignal(signal: CancelSignal): AbortSignal {
  if (signal instanceof Cancellation) return signal.toAbortSignal();
  if (typeof AbortSignal !== 'undefined' && signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}

export class Cancellation implements CancelSignal {
  aborted = false;
  reason: unknown = undefined;
  private listeners: Array<() => void> | undefined;
  private domSignal: AbortSignal | undefined;
  private detachFromParent: (() => void) | undefined;

  /** A cancellation that also stops when `parent` does; `release()` it when its work is done. */
  static childOf(parent: CancelSignal): Cancellation {
    const child = new Cancellation();
    if (parent.aborted) {
      child.abort(parent.reason);
      return child;
    }
    const follow = () => child.abort(parent.reason);
    parent.addEventListener('abort', follow, { once: true });
    child.detachFromParent = () => parent.removeEventListener('abort', follow);
    return child;
  }

  /** The signal side, as AbortController names it. */
  get signal(): CancelSignal {
    return this;
  }

  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.release();
    const listeners = this.listeners;
    this.listeners = undefined;
    if (!listeners) return;
    for (const listener of listeners) {
      try {
        listener();
      } catch {
        // As with EventTarget: one listener's failure does not keep the others from running.
      }
    }
  }

  /** Stop following the parent (the work is done): a long execution's signal does not collect stale listeners. */
  release(): void {
    this.detachFromParent?.();
    this.detachFromParent = undefined;
  }

  // Every listener runs at most once (abort happens once), so `once` needs no bookkeeping.
  addEventListener(type: 'abort', listener: () => void): void {
    if (type !== 'abort' || this.aborted) return;
    (this.listeners ??= []).push(listener);
  }

  removeEventListener(type: 'abort', listener: () => void): void {
    const listeners = this.listeners;
    if (type !== 'abort' || !listeners) return;
    const index = listeners.indexOf(listener);
    if (index >= 0) listeners.splice(index, 1);
  }

  /** A platform AbortSignal that follows this cancellation, made on first request. */
  toAbortSignal(): AbortSignal {
    if (this.domSignal) return this.domSignal;
    const controller = new AbortController();
    if (this.aborted) controller.abort(this.reason);
    else this.addEventListener('abort', () => controller.abort(this.reason));
    return (this.domSignal = controller.signal);
  }
}
