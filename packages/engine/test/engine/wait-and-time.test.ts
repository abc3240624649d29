import { describe, expect, it } from 'vitest';
import { details, run, secondsBetween } from './helpers.ts';

describe('Wait state and the virtual clock', () => {
  it('waits a year in virtual time, instantly, with honest timestamps', async () => {
    const started = performance.now();
    const { result, history } = await run({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 31_536_000, End: true } } });
    expect(result.status).toBe('SUCCEEDED');
    expect(performance.now() - started).toBeLessThan(5_000);
    const entered = history.find((e) => e.type === 'WaitStateEntered')!;
    const exited = history.find((e) => e.type === 'WaitStateExited')!;
    expect(secondsBetween(entered, exited)).toBe(31_536_000);
  });

  it('reads SecondsPath and waits until Timestamp / TimestampPath', async () => {
    const { history } = await run(
      {
        StartAt: 'A',
        States: {
          A: { Type: 'Wait', SecondsPath: '$.delay', Next: 'B' },
          B: { Type: 'Wait', Timestamp: '2024-01-02T00:00:00Z', Next: 'C' },
          C: { Type: 'Wait', TimestampPath: '$.until', End: true },
        },
      },
      { delay: 60, until: '2024-01-03T00:00:00Z' },
    );
    const at = (type: string, name: string) => history.find((e) => e.type === type && details(e).name === name)!.timestamp;
    expect(at('WaitStateExited', 'A')).toBe('2024-01-01T00:01:00.000Z');
    expect(at('WaitStateExited', 'B')).toBe('2024-01-02T00:00:00.000Z');
    expect(at('WaitStateExited', 'C')).toBe('2024-01-03T00:00:00.000Z');
  });

  // AWS's Wait state page: with a timestamp, Step Functions considers the time up to the
  // second and truncates the milliseconds.
  it.each([
    ['Timestamp', { Timestamp: '2024-01-01T00:00:05.750Z' }, 'JSONPath'],
    ['TimestampPath', { TimestampPath: '$.t' }, 'JSONPath'],
    ['Timestamp (JSONata)', { Timestamp: '{% $states.input.t %}' }, 'JSONata'],
  ])('a %s wait ends at the whole second, its milliseconds truncated', async (_label, field, queryLanguage) => {
    const { history } = await run(
      { QueryLanguage: queryLanguage, StartAt: 'W', States: { W: { Type: 'Wait', ...field, End: true } } },
      { t: '2024-01-01T00:00:05.750Z' },
    );
    expect(history.find((e) => e.type === 'WaitStateExited')!.timestamp).toBe('2024-01-01T00:00:05.000Z');
  });

  it('a timestamp in the past does not wait', async () => {
    const { history } = await run({ StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: '2000-01-01T00:00:00Z', End: true } } });
    expect(history.at(-1)!.timestamp).toBe('2024-01-01T00:00:00.000Z');
  });

  it('rejects a TimestampPath naming a day that does not exist (RFC 3339), rather than rolling it over', async () => {
    const { result } = await run({ StartAt: 'W', States: { W: { Type: 'Wait', TimestampPath: '$.t', End: true } } }, { t: '2024-02-30T00:00:00Z' });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  // AWS's Wait state page: a JSONata Seconds "must evaluate to an integer" from 0 to 99999999.
  // The error for one outside that range is not documented; Stepwise reports it as it reports a
  // non-integer Seconds, with States.QueryEvaluationError.
  it.each([[-5], [100_000_000]])('a JSONata Seconds of %d, outside 0..99999999, fails the state with States.QueryEvaluationError (Stepwise\'s choice of error)', async (seconds) => {
    const { result, types } = await run(
      { QueryLanguage: 'JSONata', StartAt: 'W', States: { W: { Type: 'Wait', Seconds: '{% $states.input.s %}', End: true } } },
      { s: seconds },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    expect(types).toContain('EvaluationFailed');
  });

  it('a JSONata Seconds of 0 or 3600 is within range', async () => {
    for (const s of [0, 3600]) {
      const { result } = await run({ QueryLanguage: 'JSONata', StartAt: 'W', States: { W: { Type: 'Wait', Seconds: '{% $states.input.s %}', End: true } } }, { s });
      expect(result.status).toBe('SUCCEEDED');
    }
  });

  it('rejects a SecondsPath that is not a whole number, as AWS words it', async () => {
    const { result } = await run({ StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } }, { s: 1.5 });
    expect(result).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: "An error occurred while executing the state 'W' (entered at the event id #2). The SecondsPath parameter cannot be parsed as a long value: $.s == 1.5",
    });
  });

  it('ends TIMED_OUT when the machine runs past its TimeoutSeconds', async () => {
    const { result, types } = await run({ TimeoutSeconds: 60, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(types).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionTimedOut']);
  });

  it('records ExecutionTimedOut at TimeoutSeconds with error States.Timeout, no cause, and previousEventId 0 (as floci measured on AWS; the corpus has no timed-out run)', async () => {
    const { result, history } = await run({ TimeoutSeconds: 3, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 25, End: true } } });
    expect(result).toEqual({ status: 'TIMED_OUT', error: 'States.Timeout' });
    const timedOut = history[2];
    expect({ id: timedOut.id, previousEventId: timedOut.previousEventId, details: timedOut.executionTimedOutEventDetails }).toEqual({ id: 3, previousEventId: 0, details: { error: 'States.Timeout' } });
    expect(secondsBetween(history[0], timedOut)).toBe(3);
  });
});

describe('RealClock', () => {
  it('sleeps past the 2^31-1 ms limit of setTimeout in laps, and can be aborted', async () => {
    const { RealClock } = await import('../../src/index.ts');
    const controller = new AbortController();
    const sleeping = new RealClock().sleep(30 * 24 * 3600 * 1000, controller.signal);
    const early = await Promise.race([sleeping.then(() => 'woke'), new Promise((r) => setTimeout(() => r('still asleep'), 50))]);
    expect(early).toBe('still asleep');
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });
});
