import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/index.ts';
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
      // The input (about 160 bytes) is within the limit; the output holds it twice.
      { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'big.$': '$.big', 'again.$': '$.big' }, End: true } } },
      { big: 'x'.repeat(150) },
      { engine: { limits: { maxPayloadBytes: 256 } } },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  // AWS's error-handling page counts among the causes of States.DataLimitExceeded a state input
  // over the payload quota once Parameters have built it: an OutputPath or ResultPath that throws
  // the large value away does not save the state.
  it('fails with States.DataLimitExceeded when Parameters make the input larger than the payload limit, even if the output would be small', async () => {
    const twice = { 'big.$': '$.big', 'again.$': '$.big' };
    const limits = { engine: { limits: { maxPayloadBytes: 256 } } };
    const pass = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: twice, OutputPath: '$.n', End: true } } }, { big: 'x'.repeat(150), n: 1 }, limits);
    expect(pass.result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    const task = await run(
      {
        StartAt: 'T',
        States: {
          T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: twice, ResultPath: null, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], End: true },
          Caught: { Type: 'Succeed' },
        },
      },
      { big: 'x'.repeat(150) },
      { ...limits, tasks: { T: () => ({}) } },
    );
    expect(task.result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(task.types).not.toContain('TaskScheduled');
  });

  // Recorded on AWS (gist deric4/733eb129…): InputPath $['a', 'b'] merges the two properties into
  // one object; $['a', 'b'].v fails the state.
  it("InputPath $['a', 'b'] selects an object of both properties; $['a', 'b'].v fails with States.Runtime", async () => {
    const input = { a: { v: 1 }, b: { v: 2 }, c: { v: 3 } };
    const machine = (inputPath: string) => ({ StartAt: 'Step0', States: { Step0: { Type: 'Pass', InputPath: inputPath, ResultPath: '$.stateOutput.Step0', End: true } } });
    expect((await run(machine("$['a', 'b']"), input)).result).toEqual({ status: 'SUCCEEDED', output: { ...input, stateOutput: { Step0: { a: { v: 1 }, b: { v: 2 } } } } });
    expect((await run(machine("$['a', 'b'].v"), input)).result).toEqual({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: "An error occurred while executing the state 'Step0' (entered at the event id #2). Invalid path '$['a', 'b'].v' : Multi properties can only be used as path leafs: $['a', 'b']",
    });
  });

  /** A chain of Pass states, each writing `value` at its own ResultPath. */
  function chain(paths: string[], value: Json) {
    const states: Record<string, object> = {};
    paths.forEach((path, i) => {
      states[`S${i}`] = { Type: 'Pass', Result: value, ResultPath: path, ...(i + 1 < paths.length ? { Next: `S${i + 1}` } : { End: true }) };
    });
    return { StartAt: 'S0', States: states };
  }

  it('fails at the first state whose output grows past the limit through ResultPath writes', async () => {
    // {"m0":"xxxxxxxxxx"} is 19 bytes and each further member adds 18: the 6th write (S5) makes 109 > 100.
    const paths = ['$.m0', '$.m1', '$.m2', '$.m3', '$.m4', '$.m5', '$.m6'];
    const { result, history } = await run(chain(paths, 'x'.repeat(10)), {}, { engine: { limits: { maxPayloadBytes: 100 } } });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(result).toMatchObject({ cause: expect.stringContaining("'S5'") });
    expect(history.filter((e) => e.type === 'PassStateExited')).toHaveLength(5);
  });

  it('does not fail an output that stays within the limit while ResultPath keeps replacing one large member', async () => {
    // Each state replaces `big` (90 bytes) with another 90-byte value: the size never changes, though
    // the sum of what was written grows far past the limit.
    const paths = Array.from({ length: 20 }, () => '$.big');
    const { result } = await run(chain(paths, 'y'.repeat(90)), { big: 'x'.repeat(90) }, { engine: { limits: { maxPayloadBytes: 150 } } });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { big: 'y'.repeat(90) } });
  });
});
