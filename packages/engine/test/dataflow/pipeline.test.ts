import { describe, expect, it } from 'vitest';
import { compileItemSelector, compileItemsPath, compileJsonPathDataflow, compileResultPath } from '../../src/dataflow/pipeline.ts';
import type { MapState, StateDefinition, TaskState } from '../../src/definition/asl.ts';
import { StatesError } from '../../src/errors.ts';
import type { Json } from '../../src/json.ts';
import { makeScope } from './helpers.ts';

const scope = makeScope({ context: { Execution: { Id: 'e-1' } } });

function runTask(state: StateDefinition, input: Json, taskResult: (effective: Json) => Json): Json {
  const flow = compileJsonPathDataflow(state, 'S');
  const effective = flow.parameters(flow.input(input, scope), scope);
  const result = flow.resultSelector(taskResult(effective), scope);
  return flow.output(flow.result(input, result, scope), scope);
}

describe('InputPath → Parameters → ResultSelector → ResultPath → OutputPath', () => {
  it('runs the full chain like the developer guide example', () => {
    const state: TaskState = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      InputPath: '$.library',
      Parameters: { 'FunctionName.$': '$.fn', Payload: { 'books.$': '$.books[*].title' } },
      ResultSelector: { 'count.$': '$.Payload.count', 'status.$': '$.StatusCode' },
      ResultPath: '$.library.summary',
      OutputPath: '$.library',
      End: true,
    };
    const input = { library: { fn: 'count-books', books: [{ title: 'A' }, { title: 'B' }] }, other: true };
    let seen: Json = null;
    const output = runTask(state, input, (effective) => {
      seen = effective;
      return { Payload: { count: 2 }, StatusCode: 200, ExecutedVersion: '$LATEST' };
    });
    expect(seen).toEqual({ FunctionName: 'count-books', Payload: { books: ['A', 'B'] } });
    expect(output).toEqual({ fn: 'count-books', books: [{ title: 'A' }, { title: 'B' }], summary: { count: 2, status: 200 } });
  });

  it('uses the defaults when fields are absent: the result replaces the input', () => {
    expect(runTask({ Type: 'Task', Resource: 'r', End: true }, { a: 1 }, () => ({ r: 2 }))).toEqual({ r: 2 });
  });

  it('InputPath/OutputPath null give {}; ResultPath null keeps the raw input', () => {
    const state: TaskState = { Type: 'Task', Resource: 'r', InputPath: null, ResultPath: null, End: true };
    let seen: Json = null;
    expect(runTask(state, { a: 1 }, (e) => ((seen = e), 'ignored'))).toEqual({ a: 1 });
    expect(seen).toEqual({});
    expect(runTask({ Type: 'Task', Resource: 'r', OutputPath: null, End: true }, { a: 1 }, () => 5)).toEqual({});
  });

  it('ResultPath adds the result to the raw input (developer guide ResultPath example)', () => {
    const state: TaskState = { Type: 'Task', Resource: 'r', ResultPath: '$.taskresult', End: true };
    expect(runTask(state, { comment: 'An input comment.', data: { val1: 23, val2: 17 } }, () => 'Hello, AWS Step Functions!')).toEqual({
      comment: 'An input comment.',
      data: { val1: 23, val2: 17 },
      taskresult: 'Hello, AWS Step Functions!',
    });
  });

  it('ResultSelector can flatten an array of arrays with $[*][*]', () => {
    const state = { Type: 'Parallel', Branches: [], ResultSelector: { 'flat.$': '$[*][*]' }, End: true } as StateDefinition;
    expect(runTask(state, {}, () => [[1, 2], [3]])).toEqual({ flat: [1, 2, 3] });
  });

  it('InputPath and OutputPath may read the context object (recorded: $$.Execution.Input)', () => {
    const ctxScope = makeScope({ context: { Execution: { Input: { 'input-value': 0 } } } });
    const flow = compileJsonPathDataflow({ Type: 'Pass', InputPath: '$$.Execution.Input', End: true }, 'TestState');
    expect(flow.input({ other: 1 }, ctxScope)).toEqual({ 'input-value': 0 });
  });

  it('fails InputPath/OutputPath misses with States.Runtime', () => {
    const flow = compileJsonPathDataflow({ Type: 'Pass', InputPath: '$.NoSuchInputPath', End: true }, 'pass');
    expect(() => flow.input({ 'int-literal': 0 }, scope)).toThrow(StatesError);
    try {
      flow.input({ 'int-literal': 0 }, scope);
    } catch (e) {
      expect((e as StatesError).cause).toBe("Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
    }
  });

  it('a Map state does not apply its legacy Parameters to the state input', () => {
    const map = { Type: 'Map', Parameters: { 'x.$': '$$.Map.Item.Value' }, ItemProcessor: { StartAt: 'a', States: {} }, End: true } as MapState;
    const flow = compileJsonPathDataflow(map, 'M');
    expect(flow.parameters({ items: [1] }, scope)).toEqual({ items: [1] });
  });

  it('compileResultPath serves Catchers (error output placed into the raw input)', () => {
    const place = compileResultPath('$.error');
    expect(place({ a: 1 }, { Error: 'E', Cause: 'c' }, scope)).toEqual({ a: 1, error: { Error: 'E', Cause: 'c' } });
  });
});

describe('Map helpers', () => {
  const base = { Type: 'Map', ItemProcessor: { StartAt: 'a', States: {} }, End: true } as const;
  it('ItemsPath selects the items (the Map state checks what may be iterated); a missing path fails like AWS', () => {
    const items = compileItemsPath({ ...base, ItemsPath: '$.list' } as MapState);
    expect(items({ list: [1, 2] }, scope)).toEqual([1, 2]);
    expect(items({ list: { foo: 'bar' } }, scope)).toEqual({ foo: 'bar' });
    expect(() => items({}, scope)).toThrow("Invalid path '$.list' : No results for path: $['list']");
  });
  it('ItemSelector (or legacy Parameters) builds each iteration input from the context', () => {
    const selector = compileItemSelector({ ...base, ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'all.$': '$.tag' } } as MapState);
    const itemScope = makeScope({ context: { Map: { Item: { Index: 1, Value: 'b' } } } });
    expect(selector({ tag: 't' }, 'b', itemScope)).toEqual({ index: 1, value: 'b', all: 't' });
    const legacy = compileItemSelector({ ...base, Parameters: { 'v.$': '$$.Map.Item.Value' } } as MapState);
    expect(legacy({}, 'b', itemScope)).toEqual({ v: 'b' });
    expect(compileItemSelector(base as MapState)({ tag: 't' }, 'b', itemScope)).toBe('b');
  });
});
