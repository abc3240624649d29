/**
 * Plugs the engine's validator into the diagnostics adapter. Until `@stepwise/engine` exports
 * `validateDefinition`, the studio reports JSON syntax errors only (see diagnostics.ts).
 */
export function installEngineValidator(): void {
  // Wired once the engine exports validateDefinition.
}
