/**
 * The runs list that survives reloads: name, status, duration, start time and the full history
 * of each run. One interface, three homes: IndexedDB in the browser (a 25,000-event history is
 * several megabytes, past what localStorage holds), localStorage where IndexedDB is missing, and
 * memory for tests. Summaries are kept apart from histories so listing never loads them.
 */

export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface RunSummary {
  id: string;
  name: string;
  status: RunStatus;
  /** ISO-8601, from ExecutionStarted. */
  startTime: string;
  /** Milliseconds, undefined while running or when timestamps are unknown. */
  durationMs?: number;
  /** Where the run came from: run in the studio, or imported from a file. */
  origin: 'studio' | 'imported';
  eventCount: number;
}

export interface RunRecord extends RunSummary {
  /** The events as AWS returns them. */
  events: unknown[];
  definition?: unknown;
}

export interface RunsStore {
  list(): Promise<RunSummary[]>;
  get(id: string): Promise<RunRecord | undefined>;
  put(run: RunRecord): Promise<void>;
  delete(id: string): Promise<void>;
  clear(): Promise<void>;
}

export class RunsStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunsStoreError';
  }
}

/** Status, start and duration read off a history (events in AWS's shape). */
export function summarizeHistory(events: readonly { type: string; timestamp?: unknown }[]): Pick<RunSummary, 'status' | 'startTime' | 'durationMs' | 'eventCount'> {
  const first = events[0];
  const last = events[events.length - 1];
  const ends: Record<string, RunStatus> = {
    ExecutionSucceeded: 'SUCCEEDED', ExecutionFailed: 'FAILED', ExecutionTimedOut: 'TIMED_OUT', ExecutionAborted: 'ABORTED',
  };
  const status = (last && ends[last.type]) || 'RUNNING';
  const start = toMillis(first?.timestamp);
  const end = toMillis(last?.timestamp);
  return {
    status,
    startTime: Number.isNaN(start) ? '' : new Date(start).toISOString(),
    durationMs: status !== 'RUNNING' && !Number.isNaN(start) && !Number.isNaN(end) ? end - start : undefined,
    eventCount: events.length,
  };
}

function toMillis(value: unknown): number {
  if (typeof value === 'number') return value * 1000;
  if (typeof value === 'string') return /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  return NaN;
}

function summaryOf(run: RunRecord): RunSummary {
  const { id, name, status, startTime, durationMs, origin, eventCount } = run;
  return { id, name, status, startTime, durationMs, origin, eventCount };
}

/** Newest first, the order the list shows. */
function newestFirst(a: RunSummary, b: RunSummary): number {
  return b.startTime.localeCompare(a.startTime) || b.id.localeCompare(a.id);
}

export class MemoryRunsStore implements RunsStore {
  private readonly runs = new Map<string, RunRecord>();
  async list(): Promise<RunSummary[]> {
    return [...this.runs.values()].map(summaryOf).sort(newestFirst);
  }
  async get(id: string): Promise<RunRecord | undefined> {
    return this.runs.get(id);
  }
  async put(run: RunRecord): Promise<void> {
    this.runs.set(run.id, structuredClone(run));
  }
  async delete(id: string): Promise<void> {
    this.runs.delete(id);
  }
  async clear(): Promise<void> {
    this.runs.clear();
  }
}

/** The part of the Web Storage API the store uses (so tests can hand it a fake). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export class LocalStorageRunsStore implements RunsStore {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly prefix = 'stepwise.runs',
  ) {}

  async list(): Promise<RunSummary[]> {
    return this.readIndex().sort(newestFirst);
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const summary = this.readIndex().find((r) => r.id === id);
    const text = this.storage.getItem(`${this.prefix}.run.${id}`);
    if (!summary || text === null) return undefined;
    try {
      const body = JSON.parse(text) as { events: unknown[]; definition?: unknown };
      return { ...summary, events: body.events, definition: body.definition };
    } catch {
      return undefined;
    }
  }

  async put(run: RunRecord): Promise<void> {
    try {
      this.storage.setItem(`${this.prefix}.run.${run.id}`, JSON.stringify({ events: run.events, definition: run.definition }));
    } catch (error) {
      throw new RunsStoreError(`The run "${run.name}" (${run.eventCount} events) does not fit in the browser's storage: ${String(error)}. Delete older runs or export this one.`);
    }
    const index = this.readIndex().filter((r) => r.id !== run.id);
    index.push(summaryOf(run));
    this.storage.setItem(`${this.prefix}.index`, JSON.stringify(index));
  }

  async delete(id: string): Promise<void> {
    this.storage.removeItem(`${this.prefix}.run.${id}`);
    this.storage.setItem(`${this.prefix}.index`, JSON.stringify(this.readIndex().filter((r) => r.id !== id)));
  }

  async clear(): Promise<void> {
    for (const r of this.readIndex()) this.storage.removeItem(`${this.prefix}.run.${r.id}`);
    this.storage.removeItem(`${this.prefix}.index`);
  }

  private readIndex(): RunSummary[] {
    const text = this.storage.getItem(`${this.prefix}.index`);
    if (!text) return [];
    try {
      const parsed = JSON.parse(text) as unknown;
      return Array.isArray(parsed) ? (parsed as RunSummary[]) : [];
    } catch {
      // A damaged index loses the list, not the page.
      return [];
    }
  }
}

/** IndexedDB: two object stores, summaries and bodies, so the list loads without the histories. */
export class IndexedDbRunsStore implements RunsStore {
  private db: Promise<IDBDatabase> | undefined;

  constructor(
    private readonly factory: IDBFactory,
    private readonly name = 'stepwise-runs',
  ) {}

  async list(): Promise<RunSummary[]> {
    const all = await this.request<RunSummary[]>('summaries', 'readonly', (s) => s.getAll() as IDBRequest<RunSummary[]>);
    return all.sort(newestFirst);
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const summary = await this.request<RunSummary | undefined>('summaries', 'readonly', (s) => s.get(id) as IDBRequest<RunSummary | undefined>);
    const body = await this.request<{ id: string; events: unknown[]; definition?: unknown } | undefined>('bodies', 'readonly', (s) => s.get(id) as IDBRequest<{ id: string; events: unknown[]; definition?: unknown } | undefined>);
    return summary && body ? { ...summary, events: body.events, definition: body.definition } : undefined;
  }

  async put(run: RunRecord): Promise<void> {
    const db = await this.open();
    await done(db, ['summaries', 'bodies'], 'readwrite', (tx) => {
      tx.objectStore('summaries').put(summaryOf(run));
      tx.objectStore('bodies').put({ id: run.id, events: run.events, definition: run.definition });
    });
  }

  async delete(id: string): Promise<void> {
    const db = await this.open();
    await done(db, ['summaries', 'bodies'], 'readwrite', (tx) => {
      tx.objectStore('summaries').delete(id);
      tx.objectStore('bodies').delete(id);
    });
  }

  async clear(): Promise<void> {
    const db = await this.open();
    await done(db, ['summaries', 'bodies'], 'readwrite', (tx) => {
      tx.objectStore('summaries').clear();
      tx.objectStore('bodies').clear();
    });
  }

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = this.factory.open(this.name, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('summaries', { keyPath: 'id' });
        req.result.createObjectStore('bodies', { keyPath: 'id' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new RunsStoreError(`Could not open the runs database: ${String(req.error)}`));
    });
    return this.db;
  }

  private async request<T>(store: string, mode: IDBTransactionMode, make: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const req = make(db.transaction(store, mode).objectStore(store));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new RunsStoreError(String(req.error)));
    });
  }
}

function done(db: IDBDatabase, stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    work(tx);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(new RunsStoreError(`Saving the run failed: ${String(tx.error)}`));
    tx.onabort = () => reject(new RunsStoreError(`Saving the run was refused (storage full?): ${String(tx.error)}`));
  });
}

/** The best store the page has: IndexedDB, else localStorage, else memory (private modes, tests). */
export function openRunsStore(scope: { indexedDB?: IDBFactory; localStorage?: KeyValueStorage } = globalThis as never): RunsStore {
  // Reading `localStorage` throws in some privacy settings; that page still gets a (memory) store.
  const read = <K extends keyof typeof scope>(key: K): (typeof scope)[K] | undefined => {
    try {
      return scope[key];
    } catch {
      return undefined;
    }
  };
  const idb = read('indexedDB');
  if (idb) return new IndexedDbRunsStore(idb);
  const storage = read('localStorage');
  if (storage) return new LocalStorageRunsStore(storage);
  return new MemoryRunsStore();
}
