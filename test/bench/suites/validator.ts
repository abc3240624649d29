/**
 * Validator speed: validations per second of one generated 200-state definition (every state type,
 * Retry/Catch, Choice rules, payload templates, a Parallel and a Map), warm, for Stepwise (as a
 * value and as JSON text) beside asl-validator in the same process. Target: under 2 ms a call.
 */
import { createRequire } from 'node:module';
import { validateDefinition } from '../../../packages/engine/src/definition/index.ts';

const require = createRequire(import.meta.url);
const aslValidator = require('asl-validator') as (definition: unknown, options?: unknown) => { isValid: boolean };

export function generateDefinition(stateCount: number): Record<string, unknown> {
  const states: Record<string, unknown> = {};
  const name = (i: number) => `State ${i}`;
  for (let i = 0; i < stateCount; i++) {
    const next = i + 1 < stateCount ? { Next: name(i + 1) } : { End: true };
    switch (i % 7) {
      case 0:
        states[name(i)] = {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:work', 'Payload.$': '$', 'Id.$': '$$.Execution.Id' },
          ResultSelector: { 'body.$': '$.Payload' },
          ResultPath: '$.result',
          TimeoutSeconds: 30,
          Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: name(stateCount - 1), ResultPath: '$.error' }],
          ...next,
        };
        break;
      case 1:
        states[name(i)] = {
          Type: 'Choice',
          Choices: [
            { Variable: '$.count', NumericGreaterThan: 10, Next: name(i + 1) },
            { And: [{ Variable: '$.kind', StringEquals: 'a' }, { Not: { Variable: '$.flag', IsNull: true } }], Next: name(i + 1) },
          ],
          Default: name(i + 1),
        };
        break;
      case 2:
        states[name(i)] = { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('Hello, {}', $.name)", fixed: 1 }, ResultPath: '$.pass', ...next };
        break;
      case 3:
        states[name(i)] = { Type: 'Wait', Seconds: 1, ...next };
        break;
      case 4:
        states[name(i)] = {
          Type: 'Parallel',
          Branches: [
            { StartAt: `${name(i)} a`, States: { [`${name(i)} a`]: { Type: 'Pass', End: true } } },
            { StartAt: `${name(i)} b`, States: { [`${name(i)} b`]: { Type: 'Pass', Result: { x: 1 }, End: true } } },
          ],
          ResultPath: '$.parallel',
          ...next,
        };
        break;
      case 5:
        states[name(i)] = {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 5,
          ItemSelector: { 'item.$': '$$.Map.Item.Value' },
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: `${name(i)} item`, States: { [`${name(i)} item`]: { Type: 'Pass', End: true } } },
          ResultPath: '$.map',
          ...next,
        };
        break;
      default:
        states[name(i)] = { Type: 'Pass', InputPath: '$.input', OutputPath: '$', ...next };
    }
  }
  // The last state ends the machine (Choice states above always point forward).
  states[name(stateCount - 1)] = { Type: 'Succeed' };
  return { Comment: `Generated ${stateCount}-state definition`, StartAt: name(0), States: states };
}

function measure(label: string, call: () => unknown, minimumMs = 1500): { label: string; msPerCall: number; callsPerSecond: number } {
  for (let i = 0; i < 50; i++) call();
  (globalThis as { gc?: () => void }).gc?.();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minimumMs) {
    for (let i = 0; i < 10; i++) call();
    calls += 10;
    elapsed = performance.now() - start;
  }
  return { label, msPerCall: elapsed / calls, callsPerSecond: (calls / elapsed) * 1000 };
}

const definition = generateDefinition(200);
const text = JSON.stringify(definition, null, 2);

const stepwiseResult = validateDefinition(definition);
const aslResult = aslValidator(definition);
if (!stepwiseResult.valid) {
  process.stderr.write(`generated definition is invalid for Stepwise: ${JSON.stringify(stepwiseResult.diagnostics.slice(0, 3))}\n`);
  process.exitCode = 1;
}

const rows = [
  measure('Stepwise validateDefinition(value)', () => validateDefinition(definition)),
  measure('Stepwise validateDefinition(JSON text)', () => validateDefinition(text)),
  measure('asl-validator 4 (value)', () => aslValidator(definition)),
];
const reference = rows[2];

process.stdout.write(`200-state definition: Stepwise valid=${stepwiseResult.valid}, asl-validator valid=${aslResult.isValid}\n`);
process.stdout.write(`${'validator'.padEnd(42)} ${'ms/call'.padStart(9)} ${'calls/s'.padStart(10)} ${'vs asl-validator'.padStart(17)}\n`);
for (const row of rows) {
  const ratio = reference.msPerCall / row.msPerCall;
  process.stdout.write(
    `${row.label.padEnd(42)} ${row.msPerCall.toFixed(3).padStart(9)} ${Math.round(row.callsPerSecond).toString().padStart(10)} ${`${ratio.toFixed(1)}x`.padStart(17)}\n`,
  );
}
process.stdout.write(`target: under 2 ms a call (value): ${rows[0].msPerCall < 2 ? 'met' : 'NOT met'}\n`);
