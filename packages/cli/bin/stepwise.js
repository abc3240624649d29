#!/usr/bin/env node
// Installed from a package, the CLI runs its compiled JavaScript. In a checkout of the repository,
// where src/ exists and nothing need be built, it runs the TypeScript source through tsx, and
// resolves @stepwise/engine to the engine's source too (the "@stepwise/source" export condition).
import { existsSync } from 'node:fs';

const source = new URL('../src/main.ts', import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import('node:module');
  const addSourceCondition = `export function resolve(specifier, context, next) {
    return next(specifier, { ...context, conditions: ['@stepwise/source', ...context.conditions] });
  }`;
  register(`data:text/javascript,${encodeURIComponent(addSourceCondition)}`);
  (await import('tsx/esm/api')).register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import('../dist/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
