/**
 * The AWS Step Functions Local mock configuration (`MockConfigFile.json`):
 *
 *   { "StateMachines": { "<machine>": { "TestCases": { "<case>": { "<state>": "<response name>" } } } },
 *     "MockedResponses": { "<response name>": { "0": { "Return": … }, "1-2": { "Throw": { "Error": …, "Cause": … } } } } }
 *
 * Keys of a mocked response are invocation numbers of that state (from 0), singly or as
 * inclusive ranges; retries count as invocations, as in Step Functions Local.
 */
import { isJsonObject, type Json } from '../json.ts';
import type { MockedResponse, TaskResponder } from './types.ts';

export interface MockConfigFile {
  StateMachines?: Record<string, { TestCases?: Record<string, Record<string, string>> }>;
  MockedResponses?: Record<string, Record<string, MockedResponse>>;
}

export class MockConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MockConfigError';
  }
}

interface ResponseRange {
  from: number;
  to: number;
  response: MockedResponse;
}

/** A responder for one machine's test case. Throws MockConfigError when the file does not hold it. */
export function mockResponder(config: MockConfigFile, machineName: string, testCase: string): TaskResponder {
  checkShape(config);
  const machine = config.StateMachines?.[machineName];
  if (!machine) {
    const known = Object.keys(config.StateMachines ?? {});
    throw new MockConfigError(`The mock configuration has no state machine '${machineName}'${known.length ? ` (it has: ${known.join(', ')})` : ''}.`);
  }
  const cases = machine.TestCases ?? {};
  const stateResponses = cases[testCase];
  if (!stateResponses) {
    throw new MockConfigError(`State machine '${machineName}' has no test case '${testCase}' in the mock configuration (it has: ${Object.keys(cases).join(', ') || 'none'}).`);
  }
  const byState = new Map<string, ResponseRange[]>();
  for (const [stateName, responseName] of Object.entries(stateResponses)) {
    const responses = config.MockedResponses?.[responseName];
    if (!responses) throw new MockConfigError(`Test case '${testCase}' maps state '${stateName}' to '${responseName}', which is not in MockedResponses.`);
    byState.set(stateName, parseRanges(responseName, responses));
  }
  return {
    respond(stateName, invocation) {
      const ranges = byState.get(stateName);
      if (!ranges) return undefined;
      return ranges.find((r) => invocation >= r.from && invocation <= r.to)?.response;
    },
  };
}

/** Responses listed per state in order (the n-th call gets the n-th response): the conformance corpus's form. */
export function sequentialResponder(responses: Record<string, MockedResponse[]>): TaskResponder {
  return {
    respond(stateName, invocation) {
      return responses[stateName]?.[invocation];
    },
  };
}

function parseRanges(responseName: string, responses: Record<string, MockedResponse>): ResponseRange[] {
  const ranges: ResponseRange[] = [];
  for (const [key, response] of Object.entries(responses)) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(key);
    if (!match) throw new MockConfigError(`Mocked response '${responseName}' has key '${key}'; keys are invocation numbers like "0" or ranges like "1-2".`);
    if (!isJsonObject(response as unknown as Json) || (!('Return' in response) && !('Throw' in response))) {
      throw new MockConfigError(`Mocked response '${responseName}'["${key}"] must have "Return" or "Throw".`);
    }
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) throw new MockConfigError(`Mocked response '${responseName}' has the empty range '${key}'.`);
    ranges.push({ from, to, response });
  }
  return ranges;
}

function checkShape(config: unknown): asserts config is MockConfigFile {
  if (!isJsonObject(config as Json)) throw new MockConfigError('A mock configuration must be a JSON object with "StateMachines" and "MockedResponses".');
}
