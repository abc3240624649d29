/**
 * The mock form's model: per Task state, an ordered list of responses (the n-th call gets the
 * n-th one), and its round trip to AWS Step Functions Local's `MockConfigFile.json`. Plain data
 * so the form, import/export and the worker request can be tested without a browser.
 */
import type { MockConfigFile, MockedResponse } from '@stepwise/engine';
import { indexDefinition } from '../debugger/definition-index';

export type MockRow = { kind: 'return'; value: string } | { kind: 'throw'; error: string; cause: string };
/** State name → its responses, in call order. */
export type MockForm = Record<string, MockRow[]>;

export interface TaskStateRef {
  name: string;
  resource: string;
}

/** Every Task state of a machine (nested scopes included), in definition order. */
export function taskStatesOf(definition: unknown): TaskStateRef[] {
  const result: TaskStateRef[] = [];
  for (const info of indexDefinition(definition).byId.values()) {
    if (info.type !== 'Task') continue;
    result.push({ name: info.name, resource: typeof info.state.Resource === 'string' ? info.state.Resource : '' });
  }
  return result;
}

/**
 * The responses the worker gets. The last response of a state also answers every later call
 * (a retry, another Map iteration), which is what a form user expects from "this state returns X".
 */
export const REPEAT_LAST = 10_000;

export function formToResponses(form: MockForm): { ok: true; responses: Record<string, MockedResponse[]> } | { ok: false; error: string } {
  const responses: Record<string, MockedResponse[]> = {};
  for (const [state, rows] of Object.entries(form)) {
    if (rows.length === 0) continue;
    const list: MockedResponse[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row.kind === 'throw') {
        if (row.error.trim() === '') return { ok: false, error: `${state}, response ${i + 1}: a thrown error needs a name (e.g. States.TaskFailed).` };
        list.push({ Throw: { Error: row.error.trim(), ...(row.cause !== '' && { Cause: row.cause }) } });
      } else {
        try {
          list.push({ Return: row.value.trim() === '' ? {} : JSON.parse(row.value) });
        } catch (error) {
          return { ok: false, error: `${state}, response ${i + 1}: the return value is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
        }
      }
    }
    // Structured clone keeps shared references, so the padding costs pointers, not copies.
    const last = list[list.length - 1];
    while (list.length < REPEAT_LAST) list.push(last);
    responses[state] = list;
  }
  return { ok: true, responses };
}

/** The form as a MockConfigFile: one machine, one test case, a named response per state. */
export function formToMockConfig(form: MockForm, machineName: string, testCase = 'Default'): MockConfigFile {
  const cases: Record<string, string> = {};
  const mocked: Record<string, Record<string, MockedResponse>> = {};
  for (const [state, rows] of Object.entries(form)) {
    if (rows.length === 0) continue;
    const converted = formToResponses({ [state]: rows });
    if (!converted.ok) throw new Error(converted.error);
    const responseName = `${state}Response`;
    cases[state] = responseName;
    const entries: Record<string, MockedResponse> = {};
    rows.forEach((_, i) => { entries[String(i)] = converted.responses[state][i]; });
    mocked[responseName] = entries;
  }
  return { StateMachines: { [machineName]: { TestCases: { [testCase]: cases } } }, MockedResponses: mocked };
}

export interface MockConfigChoice {
  machines: { name: string; testCases: string[] }[];
}

/** Which machines and test cases a MockConfigFile offers (to let the user pick one). */
export function mockConfigChoices(config: MockConfigFile): MockConfigChoice {
  return {
    machines: Object.entries(config.StateMachines ?? {}).map(([name, m]) => ({ name, testCases: Object.keys(m?.TestCases ?? {}) })),
  };
}

/** One test case of a MockConfigFile as form rows; ranges ("1-3") are expanded. */
export function mockConfigToForm(config: unknown, machineName?: string, testCase?: string): { ok: true; form: MockForm; machineName: string; testCase: string } | { ok: false; error: string } {
  if (!config || typeof config !== 'object' || Array.isArray(config)) return { ok: false, error: 'A mock configuration is a JSON object with "StateMachines" and "MockedResponses".' };
  const file = config as MockConfigFile;
  const machines = Object.keys(file.StateMachines ?? {});
  if (machines.length === 0) return { ok: false, error: 'The mock configuration has no "StateMachines".' };
  const machine = machineName && machines.includes(machineName) ? machineName : machines[0];
  const cases = file.StateMachines?.[machine]?.TestCases ?? {};
  const caseNames = Object.keys(cases);
  if (caseNames.length === 0) return { ok: false, error: `The state machine "${machine}" has no "TestCases".` };
  const chosen = testCase && caseNames.includes(testCase) ? testCase : caseNames[0];
  const form: MockForm = {};
  for (const [state, responseName] of Object.entries(cases[chosen])) {
    const responses = file.MockedResponses?.[responseName];
    if (!responses) return { ok: false, error: `Test case "${chosen}" names the response "${responseName}", which "MockedResponses" does not define.` };
    const rows: MockRow[] = [];
    const keyed = Object.entries(responses).map(([key, response]) => {
      const m = /^(\d+)(?:-(\d+))?$/.exec(key);
      return { from: m ? Number(m[1]) : NaN, to: m ? Number(m[2] ?? m[1]) : NaN, key, response };
    });
    for (const k of keyed) if (Number.isNaN(k.from)) return { ok: false, error: `Response "${responseName}" has the key "${k.key}"; keys are call numbers like "0" or ranges like "1-2".` };
    keyed.sort((a, b) => a.from - b.from);
    for (const { from, to, response } of keyed) {
      for (let n = from; n <= Math.min(to, from + 99); n++) rows[n] = rowOf(response);
    }
    // A gap (no response for some call) becomes an empty Return so call numbers keep lining up.
    for (let n = 0; n < rows.length; n++) rows[n] ??= { kind: 'return', value: '{}' };
    form[state] = rows;
  }
  return { ok: true, form, machineName: machine, testCase: chosen };
}

function rowOf(response: MockedResponse): MockRow {
  if ('Throw' in response) return { kind: 'throw', error: response.Throw.Error, cause: response.Throw.Cause ?? '' };
  return { kind: 'return', value: JSON.stringify(response.Return, null, 2) };
}
