/**
 * Generates a large, valid, realistic-looking machine for performance work: runs of Tasks with
 * retries and catchers, Choices that skip ahead, Waits, and Parallel/Map containers with their own
 * states. Deterministic for a given size.
 */
import type { JsonObject } from '../src/model/asl';

export function generateMachine(stateCount: number): JsonObject {
  let made = 0;
  const scope = (prefix: string, budget: number, depth: number): JsonObject => {
    const names: string[] = [];
    const states: JsonObject = {};
    const count = Math.max(1, budget);
    for (let i = 0; i < count; i++) names.push(`${prefix}${i + 1}`);
    let i = 0;
    while (i < names.length) {
      const name = names[i];
      const next = names[i + 1];
      const kind = i % 11;
      const remaining = names.length - i - 1;
      made++;
      if (kind === 5 && depth < 2 && remaining > 6) {
        // A container takes a bite of the budget for its own states.
        const inner = 4;
        const isMap = (i + depth) % 2 === 0;
        const body: JsonObject = isMap
          ? { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...scope(`${name} item `, inner, depth + 1) } }
          : { Type: 'Parallel', Branches: [scope(`${name} a`, inner / 2, depth + 1), scope(`${name} b`, inner / 2, depth + 1)] };
        states[name] = { ...body, Catch: [{ ErrorEquals: ['States.ALL'], Next: names[i + 4] }], Next: next };
      } else if (kind === 3 && remaining > 3) {
        states[name] = {
          Type: 'Choice',
          Choices: [{ Variable: '$.status', StringEquals: 'skip', Next: names[i + 3] }],
          Default: next,
        };
      } else if (kind === 7 && next) {
        states[name] = { Type: 'Wait', Seconds: 5, Next: next };
      } else if (next) {
        states[name] = {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: `arn:aws:lambda:us-east-1:123456789012:function:step-${made}`, 'Payload.$': '$' },
          Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2 }],
          Next: next,
        };
      } else {
        states[name] = { Type: 'Succeed' };
      }
      i++;
    }
    return { StartAt: names[0], States: states };
  };
  return { Comment: `A generated machine of about ${stateCount} states`, ...scope('Step ', stateCount, 0) };
}

export function countStates(definition: unknown): number {
  let n = 0;
  const walk = (scope: unknown) => {
    const states = (scope as JsonObject | undefined)?.States as Record<string, JsonObject> | undefined;
    for (const state of Object.values(states ?? {})) {
      n++;
      for (const b of (state.Branches as JsonObject[] | undefined) ?? []) walk(b);
      if (state.ItemProcessor) walk(state.ItemProcessor);
    }
  };
  walk(definition);
  return n;
}
