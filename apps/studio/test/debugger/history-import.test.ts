/** Reading history files: the shapes AWS tools write, and clear words for the ones that are broken. */
import { describe, expect, it } from 'vitest';
import { HistoryImportError, importHistory, tryImportHistory } from '../../src/debugger/history-import';
import { exportHistoryJson } from '../../src/debugger/export';

const events = [
  { timestamp: '2026-01-01T00:00:00.000Z', type: 'ExecutionStarted', id: 1, previousEventId: 0, executionStartedEventDetails: { input: '{}', roleArn: 'r' } },
  { timestamp: '2026-01-01T00:00:00.010Z', type: 'PassStateEntered', id: 2, previousEventId: 0, stateEnteredEventDetails: { name: 'P', input: '{}' } },
  { timestamp: '2026-01-01T00:00:00.020Z', type: 'PassStateExited', id: 3, previousEventId: 2, stateExitedEventDetails: { name: 'P', output: '{}' } },
  { timestamp: '2026-01-01T00:00:00.030Z', type: 'ExecutionSucceeded', id: 4, previousEventId: 3, executionSucceededEventDetails: { output: '{}' } },
];

function errorOf(source: unknown): HistoryImportError {
  const result = tryImportHistory(source);
  if (result.ok) throw new Error('expected the import to fail');
  return result.error;
}

describe('history import', () => {
  it('reads the AWS CLI document, a bare list, and an export with the definition', () => {
    const cli = importHistory(JSON.stringify({ events }));
    expect(cli.format).toBe('cli');
    expect(cli.events.map((e) => e.type)).toEqual(events.map((e) => e.type));
    expect(cli.events[1].details).toEqual({ name: 'P', input: '{}' });
    expect(cli.events[3].time - cli.events[0].time).toBe(30);
    expect(cli.warnings).toEqual([]);
    expect(importHistory(events).format).toBe('array');
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    const exported = importHistory({ events, definition: JSON.stringify(definition), stateMachineArn: 'arn:sm', executionArn: 'arn:ex' });
    expect(exported).toMatchObject({ format: 'export', definition, stateMachineArn: 'arn:sm', executionArn: 'arn:ex' });
    const nested = importHistory({ executionArn: 'arn:ex', stateMachine: { definition }, executionHistory: { events } });
    expect(nested.events).toHaveLength(4);
    expect(nested.definition).toEqual(definition);
  });

  it('accepts epoch-second timestamps, as the AWS CLI prints them by default', () => {
    const epoch = events.map((e, i) => ({ ...e, timestamp: 1767225600 + i * 0.5 }));
    const history = importHistory({ events: epoch });
    expect(history.events[0].time).toBe(1767225600000);
    expect(history.events[2].time - history.events[0].time).toBe(1000);
  });

  it('puts a --reverse-order history back in order', () => {
    const history = importHistory({ events: [...events].reverse() });
    expect(history.events.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(history.warnings.join()).toMatch(/reverse order/);
  });

  it('round-trips through the export', () => {
    const history = importHistory({ events });
    const again = importHistory(exportHistoryJson(history.events, { definition: { StartAt: 'P', States: {} }, name: 'run 1' }));
    expect(again.events).toEqual(history.events);
    expect(again.name).toBe('run 1');
    expect(JSON.parse(exportHistoryJson(history.events)).events).toEqual(events);
  });

  it('names the problem in a malformed or truncated file', () => {
    const text = JSON.stringify({ events }, null, 2);
    const cut = errorOf(text.slice(0, 200));
    expect(cut.message).toMatch(/cut off/);
    expect(cut.location).toMatchObject({ offset: 200 });
    const broken = errorOf('{"events": [\n  {"id": 1,, "type": "ExecutionStarted"}]}');
    expect(broken.message).toMatch(/not valid JSON at line 2, column \d+/);
    expect(broken.location!.line).toBe(2);
    expect(errorOf('').message).toBe('The file is empty.');
    expect(errorOf('{"executionArn": "x"}').message).toMatch(/no "events" list \(its keys: executionArn\)/);
    expect(errorOf('{"events": {}}').message).toBe('"events" must be a list of events, but it is a object.');
    expect(errorOf('"hello"').message).toMatch(/expected an object with "events" or a list of events/);
    expect(errorOf({ events: [] }).message).toBe('The history has no events.');
  });

  it('names the event that is wrong', () => {
    const noType = errorOf({ events: [events[0], { id: 2, previousEventId: 1 }] });
    expect(noType.message).toBe('Event 2 (id 2) has no "type".');
    expect(noType.eventIndex).toBe(1);
    expect(errorOf({ events: [events[0], { type: 'PassStateEntered' }] }).message).toMatch(/^Event 2 \(PassStateEntered\) has no "id"/);
    expect(errorOf({ events: [events[0], events[2], events[1]] }).message).toBe(
      'Event ids must increase: event 3 (PassStateEntered) has id 2, which goes backwards after id 3.',
    );
    expect(errorOf({ events: [events[0], events[1], events[1]] }).message).toMatch(/has id 2, which repeats id 2/);
    expect(errorOf({ events: [events[0], 'x'] }).message).toBe('Event 2 is the text "x", not an event object.');
  });

  it('warns, without failing, about unknown types, gaps, a missing start and a partial page', () => {
    const odd = importHistory({
      nextToken: 'abc',
      events: [events[1], { ...events[2], id: 5 }, { id: 6, previousEventId: 5, type: 'BrandNewEvent', timestamp: 'soon' }],
    });
    expect(odd.warnings).toEqual([
      expect.stringMatching(/one page of a longer history/),
      expect.stringMatching(/2 event ids are missing/),
      expect.stringMatching(/does not begin with ExecutionStarted/),
      expect.stringMatching(/^Unknown event type BrandNewEvent/),
      expect.stringMatching(/1 event has no readable timestamp/),
    ]);
  });
});
