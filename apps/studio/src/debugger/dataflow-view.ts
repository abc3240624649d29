/**
 * The data-flow panel of the focused state: how the state's input became its output, step by
 * step. JSONPath states are recomputed from the recorded input with the engine's own data flow
 * (InputPath → Parameters → ResultSelector → ResultPath → OutputPath), the task result taken
 * from the history, and the recomputed output is checked against the recorded one. JSONata
 * states show the recorded values beside their expressions (Arguments, Output, Assign): their
 * expressions may call $random/$now or read variables, so recomputing could show what did not happen.
 */
import { compileJsonPathDataflow, type EvaluationScope, type Json, type JsonObject } from '@stepwise/engine';
import type { ReplayModel, Visit } from './replay';
import { parseMaybe } from './replay';

export type DataFlowField =
  | 'Input' | 'InputPath' | 'Parameters' | 'Result' | 'ResultSelector' | 'ResultPath' | 'OutputPath'
  | 'Arguments' | 'Output' | 'Assign' | 'Catch';

export interface DataFlowStep {
  field: DataFlowField;
  /** The definition's value for the field (absent fields use ASL's defaults). */
  expression?: unknown;
  /** The value after this step. */
  value?: unknown;
  /** 'computed' by Stepwise from the recorded input, or 'recorded' in the history. */
  source: 'computed' | 'recorded';
  /** A value the history recorded for the same step, when there is one to compare. */
  recorded?: unknown;
  error?: string;
}

export interface DataFlowView {
  language: 'JSONPath' | 'JSONata';
  steps: DataFlowStep[];
  /** For JSONPath: does the recomputed output equal the recorded one (undefined when either is missing)? */
  matchesRecorded?: boolean;
}

export function dataFlowOf(model: ReplayModel, visit: Visit): DataFlowView {
  const info = model.stateInfo(visit.stateId);
  const state = (info?.state ?? {}) as Record<string, unknown>;
  const input = visit.input === undefined ? undefined : (parseMaybe(visit.input) as Json);
  const recordedOutput = visit.output === undefined ? undefined : parseMaybe(visit.output);
  const language = info?.queryLanguage ?? 'JSONPath';
  const steps: DataFlowStep[] = [{ field: 'Input', value: input, source: 'recorded' }];
  const scheduled = visit.events.map((e) => model.events[e]).find((e) => e.type === 'TaskScheduled' || e.type === 'LambdaFunctionScheduled');
  const recordedArguments = scheduled ? parseMaybe(scheduled.details.parameters ?? scheduled.details.input) : undefined;
  const result = taskResult(model, visit);
  const caught = visit.changes.some((c) => c.status === 'caught');

  if (language === 'JSONata') {
    if (state.Arguments !== undefined || recordedArguments !== undefined) steps.push({ field: 'Arguments', expression: state.Arguments, value: recordedArguments, source: 'recorded' });
    if (result !== undefined) steps.push({ field: 'Result', value: result, source: 'recorded' });
    if (caught) steps.push({ field: 'Catch', value: recordedOutput, source: 'recorded' });
    else steps.push({ field: 'Output', expression: state.Output, value: recordedOutput, source: 'recorded' });
    if (state.Assign !== undefined || visit.assignedVariables) steps.push({ field: 'Assign', expression: state.Assign, value: assigned(visit), source: 'recorded' });
    return { language, steps };
  }
  if (!info || input === undefined) return { language, steps };

  const scope = scopeFor(model, visit, input);
  const flow = compileJsonPathDataflow(info.state as never, info.name);
  const type = info.type;
  let current: Json = input;
  try {
    const effective = flow.input(input, scope);
    steps.push({ field: 'InputPath', expression: state.InputPath ?? '$', value: effective, source: 'computed' });
    if (type === 'Choice' || type === 'Wait' || type === 'Succeed') {
      current = flow.output(effective, scope);
      steps.push({ field: 'OutputPath', expression: state.OutputPath ?? '$', value: current, source: 'computed', recorded: recordedOutput });
      return finish(steps, language, current, recordedOutput, visit);
    }
    if (type === 'Fail') return { language, steps };
    let parameters: Json = effective;
    if (type !== 'Map') {
      parameters = flow.parameters(effective, scope);
      if (state.Parameters !== undefined || recordedArguments !== undefined) {
        steps.push({ field: 'Parameters', expression: state.Parameters, value: parameters, source: 'computed', recorded: recordedArguments });
      }
    }
    if (caught) {
      steps.push({ field: 'Catch', value: recordedOutput, source: 'recorded' });
      return { language, steps };
    }
    let taskResultValue: Json | undefined;
    if (type === 'Pass') taskResultValue = state.Result !== undefined ? (state.Result as Json) : parameters;
    else if (type === 'Task') taskResultValue = result as Json | undefined;
    if (taskResultValue === undefined) {
      // Map and Parallel results are the branches' outputs, which the history does not repeat.
      return finish(steps, language, undefined, recordedOutput, visit);
    }
    steps.push({ field: 'Result', value: taskResultValue, source: type === 'Pass' ? 'computed' : 'recorded' });
    const selected = flow.resultSelector(taskResultValue, scope);
    if (state.ResultSelector !== undefined) steps.push({ field: 'ResultSelector', expression: state.ResultSelector, value: selected, source: 'computed' });
    const combined = flow.result(input, selected, scope);
    steps.push({ field: 'ResultPath', expression: state.ResultPath === undefined ? '$' : state.ResultPath, value: combined, source: 'computed' });
    current = flow.output(combined, scope);
    steps.push({ field: 'OutputPath', expression: state.OutputPath ?? '$', value: current, source: 'computed', recorded: recordedOutput });
    return finish(steps, language, current, recordedOutput, visit);
  } catch (error) {
    const last = steps[steps.length - 1];
    steps.push({ field: nextField(last.field), source: 'computed', error: describeError(error) });
    return { language, steps };
  }
}

function finish(steps: DataFlowStep[], language: 'JSONPath', computed: Json | undefined, recorded: unknown, visit: Visit): DataFlowView {
  if (visit.assignedVariables) steps.push({ field: 'Assign', value: assigned(visit), source: 'recorded' });
  if (computed === undefined || recorded === undefined) return { language, steps };
  return { language, steps, matchesRecorded: JSON.stringify(sortKeys(computed)) === JSON.stringify(sortKeys(recorded)) };
}

/** The raw result of the visit's successful attempt, as recorded. */
function taskResult(model: ReplayModel, visit: Visit): unknown {
  for (let k = visit.events.length - 1; k >= 0; k--) {
    const e = model.events[visit.events[k]];
    if (/^(Task|LambdaFunction|Activity)Succeeded$/.test(e.type)) return parseMaybe(e.details.output);
  }
  return undefined;
}

/** What `$$` and the variables held for this visit, as far as the history tells. */
function scopeFor(model: ReplayModel, visit: Visit, input: Json): EvaluationScope {
  const started = model.events[0];
  const thread = model.threads[visit.thread];
  const context: JsonObject = {
    Execution: {
      Input: (parseMaybe(started?.details.input) ?? {}) as Json,
      StartTime: typeof started?.timestamp === 'string' ? started.timestamp : '',
    },
    State: {
      Name: visit.name,
      EnteredTime: String(model.events[visit.entered].timestamp),
      RetryCount: Math.max(0, visit.attempts.length - 1),
    },
  };
  if (thread.kind === 'iteration') context.Map = { Item: { Index: thread.iteration ?? 0, Value: input } };
  const variables = model.variablesAt(visit.entered, visit.thread);
  return {
    context,
    variables: { get: (name) => variables[name] as Json | undefined },
    random: () => 0.5,
  };
}

function assigned(visit: Visit): Record<string, unknown> | undefined {
  if (!visit.assignedVariables) return undefined;
  return Object.fromEntries(Object.entries(visit.assignedVariables).map(([k, v]) => [k, parseMaybe(v)]));
}

function nextField(field: DataFlowField): DataFlowField {
  const order: DataFlowField[] = ['Input', 'InputPath', 'Parameters', 'Result', 'ResultSelector', 'ResultPath', 'OutputPath'];
  return order[Math.min(order.indexOf(field) + 1, order.length - 1)] ?? 'Output';
}

function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'error' in error) {
    const e = error as { error?: string; cause?: string };
    return `${e.error ?? 'Error'}${e.cause ? `: ${e.cause}` : ''}`;
  }
  return String(error);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
