/**
 * The Map fields that are numbers read at run time: MaxConcurrency(+Path) and the
 * tolerated-failure thresholds, with AWS's checks and cause texts.
 */
import type { MapState } from '../definition/asl.ts';
import { compilePath } from '../dataflow/paths.ts';
import { StatesErrors, stateFailure } from '../errors.ts';
import type { Json } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import { compileJsonataNumber } from './jsonata-fields.ts';

export interface MapRunConfig {
  /** 0 means no limit. */
  maxConcurrency: number;
  toleratedFailureCount: number | undefined;
  toleratedFailurePercentage: number | undefined;
}

type NumberField = (input: Json, visit: Visit) => number | undefined | Promise<number | undefined>;

export function compileMapRunConfig(definition: MapState, queryLanguage: 'JSONPath' | 'JSONata') {
  const maxConcurrency = numberField(definition.MaxConcurrency, definition.MaxConcurrencyPath, 'MaxConcurrency', 'integer', queryLanguage);
  const count = numberField(definition.ToleratedFailureCount, definition.ToleratedFailureCountPath, 'ToleratedFailureCount', 'integer', queryLanguage);
  const percentage = numberField(definition.ToleratedFailurePercentage, definition.ToleratedFailurePercentagePath, 'ToleratedFailurePercentage', 'float', queryLanguage);
  // AWS reads MaxConcurrency before the map starts and the tolerated failures once it has
  // (the corpus records MapStateStarted before a bad ToleratedFailure…Path fails the state).
  return {
    async maxConcurrency(input: Json, visit: Visit): Promise<number> {
      const value = (await maxConcurrency(input, visit)) ?? 0;
      if (value < 0) throw stateFailure(StatesErrors.Runtime, 'MaxConcurrency cannot be negative.');
      return value;
    },
    async tolerance(input: Json, visit: Visit): Promise<Omit<MapRunConfig, 'maxConcurrency'>> {
      const toleratedFailureCount = await count(input, visit);
      const toleratedFailurePercentage = await percentage(input, visit);
      if (toleratedFailureCount !== undefined && toleratedFailureCount < 0) {
        throw stateFailure(StatesErrors.Runtime, 'ToleratedFailureCount cannot be negative.');
      }
      if (toleratedFailurePercentage !== undefined && (toleratedFailurePercentage < 0 || toleratedFailurePercentage > 100)) {
        throw stateFailure(StatesErrors.Runtime, 'ToleratedFailurePercentage must be between 0 and 100.');
      }
      return { toleratedFailureCount, toleratedFailurePercentage };
    },
  };
}

function numberField(
  value: number | string | undefined,
  path: string | undefined,
  field: string,
  kind: 'integer' | 'float',
  queryLanguage: string,
): NumberField {
  if (path !== undefined) {
    const read = compilePath(path);
    return (input, visit) => {
      const found = read(input, visit);
      // AWS reads the value as text, so a numeric string such as "1" is accepted
      // (corpus: assign/…MAP_STATE_REFERENCE_IN_TOLERATED_FAILURE_PATH).
      const number = typeof found === 'number' ? found : typeof found === 'string' && found.trim() !== '' ? Number(found) : NaN;
      if (!Number.isFinite(number) || (kind === 'integer' && !Number.isInteger(number))) {
        const shown = found === undefined ? 'null' : typeof found === 'string' ? found : JSON.stringify(found);
        throw stateFailure(StatesErrors.Runtime, `The ${field}Path field refers to value "${shown}" which is not a valid ${kind}: ${path}`);
      }
      return number;
    };
  }
  if (typeof value === 'string' && queryLanguage === 'JSONata') return compileJsonataNumber(value, field, kind);
  const fixed = typeof value === 'number' ? value : undefined;
  return () => fixed;
}
