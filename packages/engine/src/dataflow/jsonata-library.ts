/**
 * Where the engine finds the jsonata library. Nothing in the engine imports `jsonata` except the
 * entries that install it (src/index.ts, src/definition/index.ts), so a JSONPath-only bundle built
 * from `@stepwise/engine/core` leaves its ~60 KiB (gzipped) out. The library is one per JavaScript
 * realm: once any module installs it, every engine in that realm can run JSONata.
 */
// An import type, not `import type jsonata from 'jsonata'`: the published declarations then need
// no esModuleInterop in the projects that read them (jsonata's own typings use `export =`).
export type JsonataLibrary = typeof import('jsonata');

let installed: JsonataLibrary | undefined;

/** Give the engine the jsonata library: JSONata states, `{% %}` expressions and their validation. */
export function installJsonata(library: JsonataLibrary): void {
  installed = library;
}

/** The installed library, or undefined when only the core is loaded. */
export function jsonataLibrary(): JsonataLibrary | undefined {
  return installed;
}

/** What the validator and the compiler say when a definition needs JSONata and the core alone is loaded. */
export const JSONATA_NOT_LOADED =
  "JSONata support is not loaded: '@stepwise/engine/core' leaves it out of the bundle. " +
  "Import from '@stepwise/engine' instead, which includes JSONata (and YAML).";

/** For the compiler: a JSONata expression cannot be compiled without the library. */
export function requireJsonata(): JsonataLibrary {
  if (installed === undefined) throw new Error(JSONATA_NOT_LOADED);
  return installed;
}
