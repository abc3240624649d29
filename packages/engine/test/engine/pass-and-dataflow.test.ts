import { describe, expect, it } from 'vitest';
import { details, run } from './helpers.ts';

describe('Pass state and the JSONPath data flow', () => {
  // The worked example of the Step Functions developer guide ("InputPath, Parameters and
  // ResultSelector", "ResultPath"): Result is inserted at ResultPath, OutputPath then selects.
  it('puts Result at ResultPath and selects with OutputPath', async () => {
    const { result } = await run(
      {
        StartAt: 'P',
        States: { P: { Type: 'Pass', Result: { x: 1 }, ResultPath: '$.result', OutputPath: '$.result', End: true } },
      },
      { comment: 'keep' },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { x: 1 } });
  });

  it('builds Parameters from paths, the context object and intrinsics', async () => {
    const { result } = await run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Pass',
            InputPath: '$.order',
            Parameters: { 'id.$': '$.id', 'state.$': '$$.State.Name', 'greeting.$': "States.Format('Hello {}', $.name)", nested: { 'n.$': '$.n' } },
            End: true,
          },
        },
      },
      { order: { id: 'o-1', name: 'Ada', n: 3 } },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { id: 'o-1', state: 'P', greeting: 'Hello Ada', nested: { n: 3 } } });
  });

  it('ResultPath null keeps the input and InputPath null gives {}', async () => {
    const { result } = await run(
      {
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Result: 'dropped', ResultPath: null, Next: 'B' },
          B: { Type: 'Pass', InputPath: null, ResultPath: '$.empty', End: true },
        },
      },
      { keep: true },
    );
    // B's effective input is {} and ResultPath writes it into B's raw input.
    expect(result).toEqual({ status: 'SUCCEEDED', output: { keep: true, empty: {} } });
  });

  it('fails with States.Runtime naming the path when InputPath matches nothing', async () => {
    const { result, types } = await run({ StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.missing', End: true } } }, { a: 1 });
    expect(result.status).toBe('FAILED');
    expect(result).toMatchObject({
      error: 'States.Runtime',
      cause: "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.missing' : No results for path: $['missing']",
    });
    expect(types).toEqual(['ExecutionStarted', 'PassStateEntered', 'ExecutionFailed']);
  });

  it('records Entered/Exited with the JSON text of input and output', async () => {
    const { history } = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Result: [1, 2], End: true } } }, { a: 'b' });
    expect(history.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'PassStateEntered'],
      [3, 2, 'PassStateExited'],
      [4, 3, 'ExecutionSucceeded'],
    ]);
    expect(details(history[1])).toEqual({ input: '{"a":"b"}', inputDetails: { truncated: false }, name: 'P' });
    expect(details(history[2])).toEqual({ name: 'P', output: '[1,2]', outputDetails: { truncated: false } });
    expect(details(history[3])).toEqual({ output: '[1,2]', outputDetails: { truncated: false } });
  });

  it('fails with States.DataLimitExceeded when an output passes the payload limit, and Catch cannot catch it', async () => {
    const { result } = await run(
      { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'big.$': '$.big' }, End: true } } },
      { big: 'x'.repeat(300) },
      { engine: { limits: { maxPayloadBytes: 256 } } },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });
});
