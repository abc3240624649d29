/**
 * The Map fields that are numbers read at run time: MaxConcurrency(+Path) and the
 * tolerated-failure thresholds, with AWS's checks and cause texts.
 */
import type { MapState } from '../definition/asl.ts';
import { compilePath } from '../dataflow/paths.ts';
import { compileJsonataTemplate } from '../dataflow/jsonata.ts';
import { StatesErrors, stateFailure } from '../errors.ts';
import type { Json } from '../json.ts';
import type { Visit } from '../interpreter.ts';

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
  return async (input: Json, visit: Visit): Promise<MapRunConfig> => {
    const config: MapRunConfig = {
      maxConcurrency: (await maxConcurrency(input, visit)) ?? 0,
      toleratedFailureCount: await count(input, visit),
      toleratedFailurePercentage: await percentage(input, visit),
    };
    if (config.toleratedFailureCount !== undefined && config.toleratedFailureCount < 0) {
      throw stateFailure(StatesErrors.Runtime, 'ToleratedFailureCount cannot be negative.');
    }
    const pct = config.toleratedFailurePercentage;
    if (pct !== undefined && (pct < 0 || pct > 100)) {
      throw stateFailure(StatesErrors.Runtime, 'ToleratedFailurePercentage must be between 0 and 100.');
    }
    if (config.maxConcurrency < 0) {
      throw stateFailure(StatesErrors.Runtime, 'MaxConcurrency cannot be negative.');
    }
    return config;
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
      const found = read(input, visit.scope());
      const valid = typeof found === 'number' && (kind === 'float' || Number.isInteger(found));
      if (!valid) {
        const shown = found === undefined ? 'null' : typeof found === 'string' ? found : JSON.stringify(found);
        throw stateFailure(StatesErrors.Runtime, `The ${field}Path field refers to value "${shown}" which is not a valid ${kind}: ${path}`);
      }
      return found;
    };
  }
  if (typeof value === 'string' && queryLanguage === 'JSONata') {
    const expression = compileJsonataTemplate(value, field);
    return async (input, visit) => {
      const scope = visit.scope();
      const found = await expression.evaluate({ states: { input, context: scope.context }, variables: scope.variables, random: scope.random });
      if (typeof found !== 'number' || (kind === 'integer' && !Number.isInteger(found))) {
        throw stateFailure(
          StatesErrors.QueryEvaluationError,
          `The JSONata expression '${value.replace(/^\{%\s*|\s*%\}$/g, '')}' specified for the field '${field}' returned an unexpected result type. Expected '${kind}', but was '${found === null ? 'null' : Array.isArray(found) ? 'array' : typeof found}' for value: ${JSON.stringify(found)}`,
        );
      }
      return found;
    };
  }
  const fixed = typeof value === 'number' ? value : undefined;
  return () => fixed;
}
