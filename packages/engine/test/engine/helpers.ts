import { Engine, type EngineOptions, type HistoryEvent, type Json, type StartOptions, type StateMachineDefinition } from '../../src/index.ts';

export function engine(options: EngineOptions = {}): Engine {
  return new Engine({ clock: 'virtual', seed: 7, virtualStartTime: Date.UTC(2024, 0, 1), ...options });
}

export async function run(definition: StateMachineDefinition | object, input: Json = {}, options: StartOptions & { engine?: EngineOptions } = {}) {
  const machine = engine(options.engine).createMachine(definition as StateMachineDefinition, { name: 'Test' });
  const execution = machine.start({ ...options, input });
  const result = await execution.done;
  const history = execution.history();
  return { result, history, execution, types: history.map((e) => e.type) };
}

export function details(event: HistoryEvent): Record<string, unknown> {
  const entry = Object.entries(event).find(([key]) => key.endsWith('EventDetails'));
  return (entry?.[1] ?? {}) as Record<string, unknown>;
}

/** Seconds between two events' timestamps. */
export function secondsBetween(a: HistoryEvent, b: HistoryEvent): number {
  return (Date.parse(b.timestamp) - Date.parse(a.timestamp)) / 1000;
}
