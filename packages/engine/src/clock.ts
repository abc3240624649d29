import type { CancelSignal } from './cancellation.ts';

export type { CancelSignal } from './cancellation.ts';

/**
 * Time behind one interface, so the interpreter never calls Date or setTimeout itself.
 *
 * The virtual clock lets a `Wait` of a year or a Retry back-off finish at once while the
 * history's timestamps advance as if the time had passed: sleeping registers a timer, and
 * once every pending promise has settled (a macrotask later) the earliest timer fires and
 * the clock jumps to its due time.
 */

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: CancelSignal): Promise<void>;
  /**
   * Declare outside work in progress (a task handler running). A virtual clock does not jump
   * ahead while any hold is open, so a handler's real latency never counts as virtual time.
   * Returns the release function.
   */
  hold?(): () => void;
  /**
   * Move a virtual clock to `time` at once if no timer or hold stands in the way, and say
   * whether it did: for a sleeper that knows nothing else of its run is busy.
   */
  advanceIfIdle?(time: number): boolean;
}

export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: CancelSignal): Promise<void> {
    const due = Date.now() + Math.max(0, ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      let timer: ReturnType<typeof setTimeout>;
      // setTimeout fires at once for delays past 2^31-1 ms (about 24.8 days), so long sleeps
      // go in laps.
      const lap = () => {
        const left = due - Date.now();
        if (left <= 0) {
          signal?.removeEventListener('abort', onAbort);
          resolve();
          return;
        }
        timer = setTimeout(lap, Math.min(left, MAX_TIMER_MS));
      };
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(lap, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    });
  }
}

const MAX_TIMER_MS = 2 ** 31 - 1;

interface VirtualTimer {
  due: number;
  seq: number;
  resolve(): void;
}

export class VirtualClock implements Clock {
  private current: number;
  private readonly timers: VirtualTimer[] = [];
  private seq = 0;
  private flushScheduled = false;
  private holds = 0;

  /** @param start the virtual time to begin at (ms since epoch), by default the real time now. */
  constructor(start: number | Date = Date.now()) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  /** Move time forward by hand (for tests that drive time themselves). */
  advance(ms: number): void {
    this.current += ms;
  }

  sleep(ms: number, signal?: CancelSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: VirtualTimer = {
        due: this.current + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const i = this.timers.indexOf(timer);
        if (i >= 0) this.timers.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.insert(timer);
      this.scheduleFlush();
    });
  }

  advanceIfIdle(time: number): boolean {
    if (this.holds > 0 || (this.timers.length > 0 && this.timers[0].due <= time)) return false;
    if (time > this.current) this.current = time;
    return true;
  }

  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0 && this.timers.length > 0) this.scheduleFlush();
    };
  }

  private insert(timer: VirtualTimer): void {
    // Timers are few at a time (one per sleeping branch), so a sorted insert is plenty.
    let i = this.timers.length;
    while (i > 0 && compareTimers(this.timers[i - 1], timer) > 0) i--;
    this.timers.splice(i, 0, timer);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    onNextMacrotask(() => this.fireEarliest());
  }

  private fireEarliest(): void {
    this.flushScheduled = false;
    if (this.holds > 0) return;
    const timer = this.timers.shift();
    if (!timer) return;
    if (timer.due > this.current) this.current = timer.due;
    timer.resolve();
    if (this.timers.length > 0) this.scheduleFlush();
  }
}

function compareTimers(a: VirtualTimer, b: VirtualTimer): number {
  return a.due - b.due || a.seq - b.seq;
}

type Callback = () => void;

/** Runs after every pending microtask: setImmediate in Node, a MessageChannel in browsers. */
const onNextMacrotask: (cb: Callback) => void = (() => {
  interface Port {
    onmessage: ((event: unknown) => void) | null;
    postMessage(message: unknown): void;
  }
  const g = globalThis as unknown as { setImmediate?: (cb: Callback) => unknown; MessageChannel?: new () => { port1: Port; port2: Port } };
  if (typeof g.setImmediate === 'function') return (cb: Callback) => void g.setImmediate!(cb);
  if (typeof g.MessageChannel === 'function') {
    const queue: Callback[] = [];
    const channel = new g.MessageChannel();
    channel.port1.onmessage = () => queue.shift()?.();
    return (cb: Callback) => {
      queue.push(cb);
      channel.port2.postMessage(0);
    };
  }
  return (cb: Callback) => void setTimeout(cb, 0);
})();
