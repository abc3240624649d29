/**
 * Plugs the engine's validator (`validateDefinition` from @stepwise/engine: schemas + semantic
 * checks) into the diagnostics adapter. Kept apart from diagnostics.ts so model tests can choose
 * whether they run with the real validator.
 */
import { validateDefinition } from '@stepwise/engine';
import { setValidator } from './diagnostics';

export function installEngineValidator(): void {
  setValidator((text) => validateDefinition(text));
}
