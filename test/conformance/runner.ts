/**
 * Runs one conformance case on the engine under a virtual clock and says how its result
 * differs from what AWS recorded: status, output, error, cause and the sequence of events
 * (type and state name) decide pass or fail; the full history is compared field by field
 * separately.
 */
import { Engine, InvalidDefinitionError, type HistoryEvent, type Json, type MockedResponse, type TaskResponder } from '@stepwise/engine';
import type { ConformanceCase, ExpectedEvent } from './corpus.ts';
import { compareHistories } from './history-compare.ts';
import { matchesWithPlaceholders } from './placeholders.ts';

export interface CaseResult {
  name: string;
  passed: boolean;
  /** What differed, when it failed. */
  reason?: string;
  /** Whether the recorded history matched field by field (undefined when none was recorded). */
  historyMatched?: boolean;
  historyReason?: string;
}

/** A run that has not ended after this much wall time is reported as hung. */
const WALL_TIME_LIMIT_MS = 10_000;

export async function runCase(testCase: ConformanceCase): Promise<CaseResult> {
  const engine = new Engine({ clock: 'virtual', seed: 1, region: 'us-east-1', accountId: '111111111111', roleArn: 'snf_role_arn' });
  let machine;
  try {
    machine = engine.createMachine(testCase.definition, { name: 'StateMachine' });
  } catch (error) {
    const reason = error instanceof InvalidDefinitionError ? error.message : `createMachine threw: ${String(error)}`;
    return { name: testCase.name, passed: false, reason };
  }
  const execution = machine.start({ input: testCase.input, name: 'conformance', responder: corpusResponder(testCase.mocks) });
  const result = await Promise.race([
    execution.done,
    new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), WALL_TIME_LIMIT_MS).unref()),
  ]);
  if (result === 'hung') {
    execution.stop();
    return { name: testCase.name, passed: false, reason: `did not finish within ${WALL_TIME_LIMIT_MS / 1000} s of wall time` };
  }
  const history = execution.history();
  const differences: string[] = [];
  const { expected } = testCase;
  const tokens = testCase.normalized ?? [];
  if (result.status !== expected.status) differences.push(`status ${result.status}, expected ${expected.status}`);
  if (expected.status === 'SUCCEEDED' && result.status === 'SUCCEEDED' && !matchesWithPlaceholders(expected.output ?? null, result.output, tokens)) {
    differences.push(`output ${JSON.stringify(result.output)}, expected ${JSON.stringify(expected.output)}`);
  }
  if (result.status !== 'SUCCEEDED' && expected.status !== 'SUCCEEDED') {
    if ((result.error ?? undefined) !== (expected.error ?? undefined)) differences.push(`error ${JSON.stringify(result.error)}, expected ${JSON.stringify(expected.error)}`);
    if (!matchesWithPlaceholders(expected.cause ?? null, result.cause ?? null, tokens)) {
      differences.push(`cause ${JSON.stringify(result.cause)}, expected ${JSON.stringify(expected.cause)}`);
    }
  }
  if (expected.events) {
    const eventDiff = compareEventSequence(expected.events, history);
    if (eventDiff) differences.push(eventDiff);
  }
  const outcome: CaseResult = { name: testCase.name, passed: differences.length === 0 };
  if (differences.length) outcome.reason = differences.join('; ');
  if (expected.history) {
    const historyDiff = compareHistories(expected.history, history);
    outcome.historyMatched = historyDiff === undefined;
    if (historyDiff) outcome.historyReason = historyDiff;
  }
  return outcome;
}

function summarise(event: HistoryEvent): ExpectedEvent {
  const summary: ExpectedEvent = { type: event.type };
  const details = Object.entries(event).find(([key]) => key.endsWith('EventDetails'))?.[1] as Record<string, unknown> | undefined;
  if (/State(Entered|Exited)$/.test(event.type) && details && typeof details.name === 'string') summary.stateName = details.name;
  if (event.type.startsWith('MapIteration') && details) {
    summary.stateName = details.name as string;
    summary.index = details.index as number;
  }
  return summary;
}

function describeEvent(e: ExpectedEvent | undefined): string {
  if (!e) return '(end)';
  return `${e.type}${e.stateName !== undefined ? `(${e.stateName}${e.index !== undefined ? `#${e.index}` : ''})` : ''}`;
}

function compareEventSequence(expected: ExpectedEvent[], history: HistoryEvent[]): string | undefined {
  const actual = history.map(summarise);
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (!e || !a || e.type !== a.type || (e.stateName ?? undefined) !== (a.stateName ?? undefined) || (e.index ?? undefined) !== (a.index ?? undefined)) {
      return `events differ at #${i + 1}: got ${describeEvent(a)}, expected ${describeEvent(e)}`;
    }
  }
  return undefined;
}

/**
 * The corpus lists, per Task state, the results AWS recorded in order. Inside a Map whose
 * iterations may run in another order, entries carry the iteration index they belong to.
 */
function corpusResponder(mocks: ConformanceCase['mocks']): TaskResponder {
  const perIteration = new Map<string, number>();
  return {
    respond(stateName, invocation, call): MockedResponse | undefined {
      const entries = mocks[stateName];
      if (!entries) return undefined;
      const indexed = entries.some((entry) => entry.MapIterationIndex !== undefined);
      let entry;
      if (indexed && call.mapIterationIndex !== undefined) {
        const key = `${stateName}#${call.mapIterationIndex}`;
        const nth = perIteration.get(key) ?? 0;
        perIteration.set(key, nth + 1);
        entry = entries.filter((e) => e.MapIterationIndex === call.mapIterationIndex)[nth];
      } else {
        entry = entries[invocation];
      }
      if (!entry) return undefined;
      return 'Throw' in entry ? { Throw: entry.Throw } : { Return: entry.Return as Json };
    },
  };
}
