/** The one line under a state's name on the canvas: its most telling field. */
import { isObject, type JsonObject } from './asl';

function shortResource(resource: string): string {
  const integration = /^arn:aws:states:::(.+)$/.exec(resource);
  if (integration) return integration[1];
  const lambda = /:function:([^:]+)/.exec(resource);
  if (lambda) return `λ ${lambda[1]}`;
  const activity = /:activity:([^:]+)/.exec(resource);
  if (activity) return `activity ${activity[1]}`;
  return resource.length > 34 ? '…' + resource.slice(-33) : resource;
}

export function summarise(state: JsonObject | undefined): string {
  if (!state) return '';
  switch (state.Type) {
    case 'Task':
      return typeof state.Resource === 'string' ? shortResource(state.Resource) : 'no resource';
    case 'Choice': {
      const count = Array.isArray(state.Choices) ? state.Choices.length : 0;
      return `${count} rule${count === 1 ? '' : 's'}${state.Default ? ' + default' : ''}`;
    }
    case 'Wait':
      if (state.Seconds !== undefined) return typeof state.Seconds === 'number' ? `${state.Seconds} s` : String(state.Seconds);
      if (typeof state.Timestamp === 'string') return `until ${state.Timestamp}`;
      if (typeof state.SecondsPath === 'string') return `${state.SecondsPath} s`;
      if (typeof state.TimestampPath === 'string') return `until ${state.TimestampPath}`;
      return 'wait';
    case 'Fail':
      return [state.Error ?? state.ErrorPath, state.Cause ?? state.CausePath].filter((v) => typeof v === 'string').join(': ') || 'fail';
    case 'Succeed':
      return 'success';
    case 'Pass':
      if ('Result' in state) return 'fixed result';
      if ('Parameters' in state || 'Output' in state) return 'reshapes input';
      return 'passes input';
    case 'Parallel':
      return `${Array.isArray(state.Branches) ? state.Branches.length : 0} branches`;
    case 'Map': {
      const items = state.ItemsPath ?? state.Items;
      const reader = isObject(state.ItemReader) ? 'items from S3' : undefined;
      return reader ?? (typeof items === 'string' ? `over ${items}` : 'over input');
    }
    default:
      return '';
  }
}
