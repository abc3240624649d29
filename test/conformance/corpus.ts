/**
 * Reads the conformance corpus: ASL definitions with the inputs, mocked task results and the
 * results and histories AWS Step Functions recorded (see NOTICE for its origin).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryEvent, Json, MockedResponse, StateMachineDefinition } from '@stepwise/engine';

export interface ExpectedEvent {
  type: string;
  stateName?: string;
  index?: number;
}

export interface ConformanceCase {
  name: string;
  file: string;
  features: string[];
  definition: StateMachineDefinition;
  input: Json;
  mocks: Record<string, Array<MockedResponse & { Input?: Json; MapIterationIndex?: number }>>;
  expected: {
    status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
    output?: Json;
    error?: string;
    cause?: string;
    events: ExpectedEvent[] | null;
    history: HistoryEvent[] | null;
  };
  normalized?: string[];
}

export const DEFAULT_CASES_DIR = join(import.meta.dirname, 'cases');

export function loadCases(dir: string = DEFAULT_CASES_DIR): ConformanceCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ ...(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<ConformanceCase, 'file'>), file }));
}
