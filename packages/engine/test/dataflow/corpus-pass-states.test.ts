/**
 * Replays recorded AWS executions whose machines are nothing but JSONPath Pass states
 * (fixtures/pass-only-cases.json, derived from the LocalStack corpus): each state goes
 * through InputPath → Parameters → Result → ResultPath → OutputPath with our data-flow
 * module, and the final output, or the error and cause, must be what AWS recorded.
 *
 * This is a unit-level harness for the data flow; the interpreter has its own runner.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../src/json.ts';
import type { PassState, StateMachineDefinition } from '../../src/definition/asl.ts';
import { compileJsonPathDataflow } from '../../src/dataflow/pipeline.ts';
import { inStateCause } from '../../src/dataflow/messages.ts';
import { StatesError } from '../../src/errors.ts';
import { makeScope } from './helpers.ts';

interface Case {
  name: string;
  file: string;
  definition: StateMachineDefinition;
  input: Json;
  expected: { status: 'SUCCEEDED' | 'FAILED'; output?: Json; error?: string; cause?: string };
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/pass-only-cases.json', import.meta.url), 'utf8')) as { cases: Case[] };

type Outcome = { status: 'SUCCEEDED'; output: Json } | { status: 'FAILED'; error: string; cause: string | undefined };

/** The context object with the recording placeholders AWS's values were normalised to. */
function contextFor(input: Json, stateName: string): JsonObject {
  return {
    Execution: {
      Id: 'arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>',
      Input: input,
      Name: '<ExecArnPart_0idx>',
      RoleArn: 'snf_role_arn',
      StartTime: 'date',
      RedriveCount: 0,
    },
    State: { EnteredTime: 'date', Name: stateName, RetryCount: 0 },
    StateMachine: { Id: 'arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>', Name: '<ArnPart_0idx>' },
  };
}

function run(c: Case): Outcome {
  let name = c.definition.StartAt;
  let value = c.input;
  // ExecutionStarted is event 1; each Pass state adds Entered + Exited.
  let enteredEventId = 2;
  for (;;) {
    const state = c.definition.States[name] as PassState;
    const scope = makeScope({ context: contextFor(c.input, name) });
    try {
      const flow = compileJsonPathDataflow(state, name);
      const effective = flow.input(value, scope);
      const parameters = flow.parameters(effective, scope);
      const result = state.Result !== undefined ? state.Result : parameters;
      value = flow.output(flow.result(value, result, scope), scope);
    } catch (e) {
      if (!(e instanceof StatesError)) throw e;
      return { status: 'FAILED', error: e.error, cause: e.cause === undefined ? undefined : inStateCause(name, enteredEventId, e.cause) };
    }
    if (state.End || !state.Next) return { status: 'SUCCEEDED', output: value };
    name = state.Next;
    enteredEventId += 2;
  }
}

/** `<json-input:1>`-style recording placeholders in a cause stand for any text. */
function causePattern(cause: string): RegExp {
  const parts = cause.split(/<json-input:\d+>/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 's');
}

describe('recorded AWS executions of Pass-only machines', () => {
  const intrinsicCases = fixture.cases.filter((c) => c.file.startsWith('intrinsic_functions_'));
  it('covers the JSONPath intrinsic-function cases of the corpus', () => {
    expect(intrinsicCases.length).toBe(92);
  });

  for (const c of fixture.cases) {
    it(c.name, () => {
      const outcome = run(c);
      if (c.expected.status === 'SUCCEEDED') {
        expect(outcome).toEqual({ status: 'SUCCEEDED', output: c.expected.output });
      } else {
        expect(outcome.status).toBe('FAILED');
        if (outcome.status !== 'FAILED') return;
        expect(outcome.error).toBe(c.expected.error);
        if (c.expected.cause !== undefined) expect(outcome.cause).toMatch(causePattern(c.expected.cause));
      }
    });
  }
});
