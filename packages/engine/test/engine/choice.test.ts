import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

function choiceMachine(rule: object, extra: object = {}) {
  return {
    StartAt: 'C',
    States: {
      C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No', ...extra },
      Yes: { Type: 'Pass', Result: 'yes', End: true },
      No: { Type: 'Pass', Result: 'no', End: true },
    },
  };
}

async function decide(rule: object, input: object): Promise<unknown> {
  const { result } = await run(choiceMachine(rule), input as never);
  return result.status === 'SUCCEEDED' ? result.output : result;
}

describe('Choice state (JSONPath)', () => {
  it.each([
    [{ Variable: '$.n', NumericEquals: 3 }, { n: 3 }, 'yes'],
    [{ Variable: '$.n', NumericGreaterThanEquals: 3 }, { n: 2 }, 'no'],
    [{ Variable: '$.n', NumericLessThanPath: '$.max' }, { n: 2, max: 5 }, 'yes'],
    [{ Variable: '$.s', StringEquals: 'a' }, { s: 'a' }, 'yes'],
    [{ Variable: '$.s', StringLessThan: 'b' }, { s: 'a' }, 'yes'],
    [{ Variable: '$.b', BooleanEquals: true }, { b: true }, 'yes'],
    [{ Variable: '$.t', TimestampGreaterThan: '2024-01-01T00:00:00Z' }, { t: '2024-06-01T12:00:00Z' }, 'yes'],
    [{ Variable: '$.t', TimestampEquals: '2024-01-01T00:00:00Z' }, { t: 'not a time' }, 'no'],
    // Comparing values of different types is false, not an error (States Language spec).
    [{ Variable: '$.n', StringEquals: '3' }, { n: 3 }, 'no'],
    [{ Variable: '$.x', IsPresent: false }, {}, 'yes'],
    [{ Variable: '$.x', IsNull: true }, { x: null }, 'yes'],
    [{ Variable: '$.x', IsString: true }, { x: 1 }, 'no'],
    [{ Variable: '$.x', IsNumeric: true }, { x: 1.5 }, 'yes'],
    [{ Variable: '$.x', IsBoolean: true }, { x: false }, 'yes'],
    [{ Variable: '$.x', IsTimestamp: true }, { x: '2016-03-14T01:59:00Z' }, 'yes'],
    [{ And: [{ Variable: '$.a', NumericEquals: 1 }, { Not: { Variable: '$.b', StringEquals: 'x' } }] }, { a: 1, b: 'y' }, 'yes'],
    [{ Or: [{ Variable: '$.a', NumericEquals: 2 }, { Variable: '$.b', StringEquals: 'x' }] }, { a: 1, b: 'y' }, 'no'],
  ])('%j on %j → %s', async (rule, input, expected) => {
    expect(await decide(rule, input)).toBe(expected);
  });

  // The States Language requires RFC 3339 timestamps, whose day must exist in its month and
  // whose hour runs 00-23; JavaScript's Date.parse would roll 2016-02-30 over to March 1st.
  it.each([
    ['2016-02-30T00:00:00Z', 'no'],
    ['2015-02-29T00:00:00Z', 'no'],
    ['2016-04-31T12:00:00Z', 'no'],
    ['2016-03-14T24:00:00Z', 'no'],
    ['2016-02-29T00:00:00Z', 'yes'],
    ['2016-12-31T23:59:59.999+05:30', 'yes'],
  ])('IsTimestamp is false for a date that does not exist in the calendar: %s → %s', async (value, expected) => {
    expect(await decide({ Variable: '$.t', IsTimestamp: true }, { t: value })).toBe(expected);
  });

  it('TimestampEquals does not match a non-existent date with the day it would roll over to', async () => {
    expect(await decide({ Variable: '$.t', TimestampEquals: '2016-03-01T00:00:00Z' }, { t: '2016-02-30T00:00:00Z' })).toBe('no');
  });

  // The spec's StringMatches example: "*" is a wildcard, "\\*" a literal star, "\\\\" a backslash.
  it.each([
    ['log-*.txt', 'log-2024.txt', 'yes'],
    ['log-*.txt', 'log-2024.csv', 'no'],
    ['a\\*b', 'a*b', 'yes'],
    ['a\\*b', 'axxb', 'no'],
    ['c:\\\\dir\\\\*', 'c:\\dir\\file', 'yes'],
  ])('StringMatches %s on %s → %s', async (pattern, value, expected) => {
    expect(await decide({ Variable: '$.v', StringMatches: pattern }, { v: value })).toBe(expected);
  });

  it('fails with States.NoChoiceMatched when nothing matches and there is no Default', async () => {
    const machine = choiceMachine({ Variable: '$.n', NumericEquals: 1 });
    delete (machine.States.C as { Default?: string }).Default;
    delete (machine.States as { No?: unknown }).No;
    const { result, types } = await run(machine, { n: 2 });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
    expect(types).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ExecutionFailed']);
  });

  it('fails with States.Runtime when the Variable path is missing (only IsPresent may test absence)', async () => {
    const { result } = await run(choiceMachine({ Variable: '$.missing', NumericEquals: 1 }), {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('applies InputPath and OutputPath around the decision', async () => {
    const { result } = await run({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', InputPath: '$.inner', OutputPath: '$.v', Choices: [{ Variable: '$.v', NumericEquals: 1, Next: 'End' }] },
        End: { Type: 'Succeed' },
      },
    }, { inner: { v: 1 } });
    expect(result).toEqual({ status: 'SUCCEEDED', output: 1 });
  });
});

// AWS's Choice state page (Choice Rules, JSONata): a rule's Assign sets variables when that rule
// matches, and the state's own Assign applies whichever rule matches.
// Where both name the same variable the rule's value is kept (corpus: assign_in_choice
// CONDITION_TRUE records only the rule's value).
describe('Choice state Assign', () => {
  it('JSONata: the state-level Assign applies as well as the matching rule\'s, the rule winning on a shared name', async () => {
    const { result } = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'C',
        States: {
          C: {
            Type: 'Choice',
            Assign: { fromState: 'state', shared: 'state' },
            Choices: [{ Condition: '{% $states.input.go %}', Assign: { fromRule: 'rule', shared: 'rule' }, Next: 'Show' }],
            Default: 'Show',
          },
          Show: { Type: 'Pass', Output: '{% { "fromState": $fromState, "fromRule": $fromRule, "shared": $shared } %}', End: true },
        },
      },
      { go: true },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { fromState: 'state', fromRule: 'rule', shared: 'rule' } });
  });

  it('JSONPath: the same, with paths in both Assign blocks', async () => {
    const { result } = await run(
      {
        StartAt: 'C',
        States: {
          C: {
            Type: 'Choice',
            Assign: { 'guess.$': '$.n', status: 'INCORRECT' },
            Choices: [{ Variable: '$.n', NumericEquals: 42, Assign: { status: 'CORRECT' }, Next: 'Show' }],
            Default: 'Show',
          },
          Show: { Type: 'Pass', Parameters: { 'guess.$': '$guess', 'status.$': '$status' }, End: true },
        },
      },
      { n: 42 },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { guess: 42, status: 'CORRECT' } });
  });
});

// As measured on AWS by floci-io/floci (its JSONata integration tests): a rule's Condition and
// its own Output and Assign are named under the rule's index in Choices.
describe('Choice (JSONata) failures name the rule', () => {
  const pick = (rules: object[]) => ({
    QueryLanguage: 'JSONata',
    StartAt: 'Pick',
    States: {
      Pick: { Type: 'Choice', Choices: rules, Default: 'Fallback' },
      First: { Type: 'Pass', End: true },
      Fallback: { Type: 'Pass', End: true },
    },
  });
  const cause = (field: string) =>
    `An error occurred while executing the state 'Pick' (entered at the event id #2). The JSONata expression '$states.input.missing' specified for the field '${field}' returned nothing (undefined).`;

  it.each([
    ['Choices[1]/Condition', [{ Condition: '{% false %}', Next: 'First' }, { Condition: '{% $states.input.missing %}', Next: 'First' }]],
    ['Choices[1]/Output/v', [{ Condition: '{% false %}', Next: 'First' }, { Condition: '{% true %}', Output: { v: '{% $states.input.missing %}' }, Next: 'First' }]],
    ['Choices[0]/Assign/x', [{ Condition: '{% true %}', Assign: { x: '{% $states.input.missing %}' }, Next: 'First' }]],
  ])("names '%s'", async (field, rules) => {
    const { result } = await run(pick(rules), {});
    expect(result).toEqual({ status: 'FAILED', error: 'States.QueryEvaluationError', cause: cause(field) });
  });
});
