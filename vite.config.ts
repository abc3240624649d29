import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Vitest 5's reporter calls Map.groupBy (Node 21+) when it prints failures; Node 20 lacks it.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<T, K>(items: Iterable<T>, keyOf: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      return groups;
    },
  });
}

// Inside the repository, @stepwise/engine resolves to its TypeScript source (the package's
// "@stepwise/source" export condition), so tests never run a stale build; published, it is dist/.
// Tests run in Node, Vite's server (ssr) environment.
const sourceResolution = {
  ssr: { resolve: { conditions: ['@stepwise/source', ...defaultServerConditions] } },
};

// One Vitest run covers every package: each workspace is a project, and
// cross-package suites (conformance corpus, browser end-to-end) live in test/.
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        ...sourceResolution,
        test: {
          name: 'engine',
          root: './packages/engine',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          // Unit tests of internal modules run with what the default entry installs (JSONata, YAML).
          setupFiles: ['./test/setup/default-entry.ts'],
        },
      },
      {
        ...sourceResolution,
        test: {
          name: 'cli',
          root: './packages/cli',
          include: ['test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        ...sourceResolution,
        test: {
          name: 'studio',
          root: './apps/studio',
          include: ['test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        ...sourceResolution,
        test: {
          name: 'integration',
          root: './test',
          include: ['**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
