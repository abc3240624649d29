/**
 * The caches of compiled text (paths, reference paths, intrinsic calls, payload expressions,
 * JSONata expressions), keyed by the text. They are shared by every machine of the process, not
 * owned by one: the studio's worker compiles each definition a user types, and consecutive
 * versions share almost all their texts. Shared for the process's lifetime, each cache holds at
 * most a fixed number of entries, so that a long-lived process does not grow for ever.
 */

/**
 * A text-keyed Map holding at most `capacity` entries; when full, adding one forgets the oldest
 * added. `get` is a plain Map lookup: nothing is reordered on a hit (as an LRU would), because a
 * forgotten entry only costs one recompilation, and these caches are read when a machine is
 * compiled, not while it runs.
 */
export class CompilationCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    readonly name: string,
    readonly capacity: number,
  ) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.capacity && !this.entries.has(key)) {
      // A Map iterates in insertion order: its first key is the oldest entry.
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Enough for the distinct texts of many large machines; each entry is a small compiled object. */
export const DEFAULT_CACHE_CAPACITY = 2000;

const caches: CompilationCache<unknown>[] = [];

/**
 * A cache for a module to keep at its top level (one per kind of compiled text). Each is listed
 * by {@link compilationCacheSizes}, so a cache made this way inside a function would never be
 * freed: per-machine state belongs in the machine, not here.
 */
export function compilationCache<V>(name: string, capacity = DEFAULT_CACHE_CAPACITY): CompilationCache<V> {
  const cache = new CompilationCache<V>(name, capacity);
  caches.push(cache as CompilationCache<unknown>);
  return cache;
}

/** Every module-level cache's name, size and capacity (tests check that none outgrows its capacity). */
export function compilationCacheSizes(): Array<{ name: string; size: number; capacity: number }> {
  return caches.map(({ name, size, capacity }) => ({ name, size, capacity }));
}
