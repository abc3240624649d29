/**
 * validateDefinition's rules, one at a time, each checked for the diagnostic's code and the exact
 * field it points at. Expected verdicts follow the AWS Step Functions developer guide and the
 * States Language specification (field names, bounds, transition rules).
 */
import { describe, expect, it } from 'vitest';
import { validateDefinition, type Diagnostic } from '../../src/definition/index.ts';

const errorsOf = (input: unknown, options = {}): Diagnostic[] => validateDefinition(input, options).diagnostics.filter((d) => d.severity === 'ERROR');
const warningsOf = (input: unknown): Diagnostic[] => validateDefinition(input).diagnostics.filter((d) => d.severity === 'WARNING');
const locations = (input: unknown, options = {}): string[] => errorsOf(input, options).map((d) => d.location);
const machine = (states: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ StartAt: Object.keys(states)[0], States: states, ...extra });

describe('validateDefinition: well-formed machines', () => {
  it('accepts a minimal machine', () => {
    const result = validateDefinition(machine({ A: { Type: 'Pass', End: true } }));
    expect(result).toMatchObject({ valid: true, diagnostics: [] });
    expect(result.definition?.StartAt).toBe('A');
  });

  it('accepts a JSONata machine with expressions everywhere', () => {
    const definition = machine(
      {
        A: { Type: 'Pass', Output: { x: '{% $states.input.a + 1 %}' }, Assign: { total: '{% $sum([1, 2]) %}' }, Next: 'B' },
        B: { Type: 'Choice', Choices: [{ Condition: '{% $total > 2 %}', Next: 'C' }], Default: 'C' },
        C: { Type: 'Wait', Seconds: '{% $total %}', End: true },
      },
      { QueryLanguage: 'JSONata' },
    );
    expect(errorsOf(definition)).toEqual([]);
  });
});

describe('validateDefinition: never throws on half-typed input', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an array', [1, 2]],
    ['a string that is not JSON', 'StartAt'],
    ['States with a number', { StartAt: 'a', States: { w: 1 } }],
    ['a state without Type', { StartAt: 'x', States: { x: { StartAt: 'z', States: { w: 1 } } } }],
    ['Branches of arrays', machine({ A: { Type: 'Parallel', End: true, Branches: [[{}]] } })],
    ['Choices as a string', machine({ A: { Type: 'Choice', Choices: 'x' } })],
    ['Catch of numbers', machine({ A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [1], End: true } })],
  ])('%s', (_label, input) => {
    const result = validateDefinition(input);
    expect(result.valid).toBe(false);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.every((d) => d.code !== 'INTERNAL_ERROR')).toBe(true);
  });

  it('survives a cyclic object', () => {
    const parameters: Record<string, unknown> = {};
    parameters.self = parameters;
    const result = validateDefinition(machine({ A: { Type: 'Pass', Parameters: parameters, End: true } }));
    expect(result.diagnostics.every((d) => d.code !== 'INTERNAL_ERROR')).toBe(true);
    expect(result.valid).toBe(false);
  });

  it('refuses an object definition holding what JSON text cannot (a cycle, a Date, NaN, a BigInt), pointing at it', () => {
    const parameters: Record<string, unknown> = { keep: 1 };
    parameters.self = parameters;
    const cases: Array<[unknown, string, RegExp]> = [
      [parameters, '/States/A/Parameters/self', /a cycle/],
      [{ 'at~/x': new Date(0) }, '/States/A/Parameters/at~0~1x', /a Date is not a plain JSON object/],
      [{ list: [1, NaN] }, '/States/A/Parameters/list/1', /NaN is not a JSON number/],
      [{ n: 10n }, '/States/A/Parameters/n', /a BigInt is not JSON/],
    ];
    for (const [value, location, message] of cases) {
      const errors = errorsOf(machine({ A: { Type: 'Pass', Parameters: value, End: true } }));
      expect(errors).toEqual([expect.objectContaining({ code: 'INVALID_JSON_DESCRIPTION', location, message: expect.stringMatching(message) })]);
    }
  });

  it('points at the state that is not an object', () => {
    expect(errorsOf({ StartAt: 'w', States: { w: 1 } })).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'SCHEMA_VALIDATION_FAILED', location: '/States/w' })]),
    );
  });
});

describe('validateDefinition: structure (schema)', () => {
  it('reports a missing States at the root, as AWS does', () => {
    expect(errorsOf({ StartAt: 'A' })).toEqual([expect.objectContaining({ code: 'SCHEMA_VALIDATION_FAILED', location: '', message: expect.stringContaining("'States'") })]);
  });

  it('points at an unsupported field itself, naming it', () => {
    const diagnostics = errorsOf(machine({ A: { Type: 'Pass', End: true, Colour: 'red' } }));
    expect(diagnostics).toEqual([expect.objectContaining({ location: '/States/A/Colour', message: expect.stringContaining("'Colour'") })]);
  });

  it('rejects JSONPath fields in a JSONata state and says why', () => {
    const diagnostics = errorsOf(machine({ A: { Type: 'Pass', QueryLanguage: 'JSONata', Parameters: {}, End: true } }));
    expect(diagnostics).toEqual([expect.objectContaining({ location: '/States/A/Parameters', message: expect.stringContaining('JSONPath') })]);
  });

  it('gives nested states the machine\'s query language, not their Parallel state\'s (as AWS does)', () => {
    const definition = machine({
      P: { Type: 'Parallel', QueryLanguage: 'JSONata', End: true, Branches: [{ StartAt: 'In', States: { In: { Type: 'Pass', Output: 1, End: true } } }] },
    });
    expect(locations(definition)).toEqual(['/States/P/Branches/0/States/In/Output']);
  });

  it('rejects a JSONPath state in a JSONata machine, and resolves unknown QueryLanguage values to JSONata', () => {
    expect(locations(machine({ A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } }, { QueryLanguage: 'JSONata' }))).toEqual(['/States/A']);
    expect(locations(machine({ A: { Type: 'Pass', QueryLanguage: 'jsonata', Output: 1, End: true } }))).toEqual(['/States/A/QueryLanguage']);
  });

  it('rejects Arguments in a JSONPath state', () => {
    expect(locations(machine({ A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: {}, End: true } }))).toEqual(['/States/A/Arguments']);
  });

  it.each([
    ['TimeoutSeconds', { TimeoutSeconds: 0 }],
    ['HeartbeatSeconds', { HeartbeatSeconds: 1.5 }],
  ])('bounds %s to positive integers', (field, fields) => {
    expect(locations(machine({ A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ...fields } }))).toEqual([`/States/A/${field}`]);
  });

  it('checks retrier bounds field by field', () => {
    const retry = [{ ErrorEquals: ['A'], MaxAttempts: -1, BackoffRate: 0.5, MaxDelaySeconds: 31622401, JitterStrategy: 'SOME' }];
    expect(locations(machine({ A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, Retry: retry } })).sort()).toEqual(
      ['/States/A/Retry/0/BackoffRate', '/States/A/Retry/0/JitterStrategy', '/States/A/Retry/0/MaxAttempts', '/States/A/Retry/0/MaxDelaySeconds'],
    );
  });

  it('reports $schema, which editors may use but AWS refuses', () => {
    expect(locations({ $schema: 'https://stepwise.dev/schemas/asl.schema.json', ...machine({ A: { Type: 'Succeed' } }) })).toEqual(['/$schema']);
  });

  it('rejects an unknown Type at the Type field', () => {
    expect(locations(machine({ A: { Type: 'Sleep', End: true } }))).toEqual(['/States/A/Type']);
  });

  it('limits state names to 80 characters', () => {
    const name = 'n'.repeat(81);
    expect(errorsOf({ StartAt: name, States: { [name]: { Type: 'Succeed' } } })).toEqual([
      expect.objectContaining({ code: 'INVALID_STATE_NAME', location: `/States/${name}` }),
    ]);
  });

  it('checks Wait timestamps as RFC 3339 with a time zone', () => {
    expect(locations(machine({ A: { Type: 'Wait', Timestamp: '2016-03-14T01:59:00', End: true } }))).toEqual(['/States/A/Timestamp']);
    expect(locations(machine({ A: { Type: 'Wait', Timestamp: '2016-03-14T01:59:00Z', End: true } }))).toEqual([]);
  });

  it('refuses timestamps naming a day that does not exist (RFC 3339: the day must exist in its month)', () => {
    expect(locations(machine({ A: { Type: 'Wait', Timestamp: '2023-02-29T00:00:00Z', End: true } }))).toEqual(['/States/A/Timestamp']);
    expect(locations(machine({ A: { Type: 'Wait', Timestamp: '2024-02-29T00:00:00Z', End: true } }))).toEqual([]);
    const choices = [{ Not: { Variable: '$.t', TimestampEquals: '2024-04-31T00:00:00Z' }, Next: 'B' }];
    expect(locations(machine({ A: { Type: 'Choice', Choices: choices }, B: { Type: 'Succeed' } }))).toEqual(['/States/A/Choices/0/Not/TimestampEquals']);
  });

  it('checks the Distributed Map fields', () => {
    const map = {
      Type: 'Map',
      End: true,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { Bucket: 'b', Key: 'k' } },
      ItemBatcher: { MaxItemsPerBatch: 10 },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } },
      Label: 'my-label',
      ToleratedFailurePercentage: 5,
    };
    expect(errorsOf(machine({ M: map }))).toEqual([]);
    expect(locations(machine({ M: { ...map, Label: 'bad label', ToleratedFailurePercentage: 101 } })).sort()).toEqual(['/States/M/Label', '/States/M/ToleratedFailurePercentage']);
  });
});

describe('validateDefinition: transitions and scopes', () => {
  it('reports a missing Next target at the Next field', () => {
    expect(errorsOf(machine({ A: { Type: 'Pass', Next: 'B' }, C: { Type: 'Succeed' } }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'MISSING_TRANSITION_TARGET', location: '/States/A/Next' })]),
    );
  });

  it('reports a StartAt that names no state', () => {
    expect(errorsOf({ StartAt: 'Nope', States: { A: { Type: 'Succeed' } } })).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'MISSING_TRANSITION_TARGET', location: '/StartAt' })]),
    );
  });

  it('checks Default and Catch targets', () => {
    const definition = machine({
      A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Gone' }], Next: 'B' },
      B: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'C' }], Default: 'Missing' },
      C: { Type: 'Succeed' },
    });
    expect(locations(definition).sort()).toEqual(['/States/A/Catch/0/Next', '/States/B/Default']);
  });

  it('does not let a transition leave a Parallel branch', () => {
    const definition = machine({
      P: { Type: 'Parallel', Branches: [{ StartAt: 'In', States: { In: { Type: 'Pass', Next: 'Out' } } }], Next: 'Out' },
      Out: { Type: 'Succeed' },
    });
    const diagnostics = errorsOf(definition);
    expect(diagnostics).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'MISSING_TRANSITION_TARGET', location: '/States/P/Branches/0/States/In/Next', message: expect.stringContaining('cannot cross') })]),
    );
  });

  it('reports unreachable states, orphan cycles included (AWS: MISSING_TRANSITION_TARGET at the state)', () => {
    const definition = machine({ A: { Type: 'Succeed' }, X: { Type: 'Pass', Next: 'Y' }, Y: { Type: 'Pass', Next: 'X' } });
    expect(errorsOf(definition).map((d) => [d.code, d.location])).toEqual([
      ['MISSING_TRANSITION_TARGET', '/States/X'],
      ['MISSING_TRANSITION_TARGET', '/States/Y'],
    ]);
  });

  it('reports a loop without a terminal state as MISSING_END_STATE only', () => {
    expect(errorsOf(machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } })).map((d) => d.code)).toEqual(['MISSING_END_STATE']);
  });

  it('requires a terminal state in every scope', () => {
    const definition = machine({
      M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, Next: 'W' } } } },
    });
    expect(errorsOf(definition)).toEqual([expect.objectContaining({ code: 'MISSING_END_STATE', location: '/States/M/ItemProcessor/States' })]);
  });

  it('requires Next or End, not both', () => {
    expect(locations(machine({ A: { Type: 'Pass' }, B: { Type: 'Succeed' } }))).toContain('/States/A');
    expect(locations(machine({ A: { Type: 'Pass', Next: 'B', End: true }, B: { Type: 'Succeed' } }))).toEqual(['/States/A/End']);
  });

  it('rejects state names used twice anywhere in the machine', () => {
    const definition = machine({
      P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'P', States: { P: { Type: 'Succeed' } } }] },
    });
    expect(errorsOf(definition)).toEqual([expect.objectContaining({ code: 'DUPLICATE_STATE_NAME', location: '/States/P/Branches/0/States/P' })]);
  });
});

describe('validateDefinition: in-state rules', () => {
  it.each([
    ['Task', { Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 5, TimeoutSecondsPath: '$.t', End: true }, '/States/S/TimeoutSecondsPath'],
    ['Fail', { Error: 'E', ErrorPath: '$.e' }, '/States/S/ErrorPath'],
    ['Fail', { Cause: 'C', CausePath: '$.c' }, '/States/S/CausePath'],
    ['Wait', { Seconds: 1, SecondsPath: '$.s', End: true }, '/States/S/SecondsPath'],
  ])('reports mutually exclusive fields of a %s state at the second one', (type, fields, location) => {
    expect(locations(machine({ S: { Type: type, ...fields } }))).toEqual([location]);
  });

  it('requires States.ALL alone and last', () => {
    const catchers = [
      { ErrorEquals: ['States.ALL', 'X'], Next: 'B' },
      { ErrorEquals: ['Y'], Next: 'B' },
    ];
    expect(locations(machine({ A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: catchers, End: true }, B: { Type: 'Succeed' } })).sort()).toEqual([
      '/States/A/Catch/0/ErrorEquals',
      '/States/A/Catch/0/ErrorEquals/0',
    ]);
  });

  it('requires exactly one comparison in a Choice rule', () => {
    const choices = [{ Variable: '$.a', StringEquals: 'x', NumericEquals: 1, Next: 'B' }];
    expect(locations(machine({ A: { Type: 'Choice', Choices: choices }, B: { Type: 'Succeed' } })).sort()).toEqual([
      '/States/A/Choices/0/NumericEquals',
      '/States/A/Choices/0/StringEquals',
    ]);
  });

  it('requires timestamps in Timestamp comparisons', () => {
    const choices = [{ Variable: '$.t', TimestampLessThan: 'yesterday', Next: 'B' }];
    expect(locations(machine({ A: { Type: 'Choice', Choices: choices }, B: { Type: 'Succeed' } }))).toEqual(['/States/A/Choices/0/TimestampLessThan']);
  });

  it('warns (Stepwise only) about ItemReader, ItemBatcher or ResultWriter on a Map that runs Inline', () => {
    const processor = (mode?: string) => ({ ...(mode && { ProcessorConfig: { Mode: mode } }), StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const fields = { ItemBatcher: { MaxItemsPerBatch: 2 }, ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b' } } };
    const inline = validateDefinition(machine({ M: { Type: 'Map', ItemProcessor: processor(), ...fields, End: true } }));
    expect(inline.valid).toBe(true);
    expect(inline.diagnostics.map((d) => [d.severity, d.code, d.location])).toEqual([
      ['WARNING', 'DISTRIBUTED_ONLY_FIELD', '/States/M/ItemBatcher'],
      ['WARNING', 'DISTRIBUTED_ONLY_FIELD', '/States/M/ResultWriter'],
    ]);
    const distributed = validateDefinition(machine({ M: { Type: 'Map', ItemProcessor: processor('DISTRIBUTED'), ...fields, End: true } }));
    expect(distributed.diagnostics).toEqual([]);
  });

  it('requires a Map processor', () => {
    expect(errorsOf(machine({ M: { Type: 'Map', End: true } }))).toEqual([expect.objectContaining({ location: '/States/M', message: expect.stringContaining('ItemProcessor') })]);
  });
});

describe('validateDefinition: paths, templates and expressions', () => {
  it('checks JSONPath syntax of path fields', () => {
    expect(locations(machine({ A: { Type: 'Pass', InputPath: 'bug$.x', End: true } }))).toEqual(['/States/A/InputPath']);
    expect(locations(machine({ A: { Type: 'Pass', InputPath: "$.store.book[?(@.price < 10)]['title']", End: true } }))).toEqual([]);
  });

  it('allows only reference paths in ResultPath (no variables, no wildcards)', () => {
    expect(locations(machine({ A: { Type: 'Pass', ResultPath: '$foo', End: true } }))).toEqual(['/States/A/ResultPath']);
    expect(locations(machine({ A: { Type: 'Pass', ResultPath: '$.a[*]', End: true } }))).toEqual(['/States/A/ResultPath']);
    expect(locations(machine({ A: { Type: 'Pass', ResultPath: "$.a['b'][0].c", End: true } }))).toEqual([]);
  });

  it('checks .$ template values and the duplicate fields they create', () => {
    const parameters = { 'a.$': 'ipsum', b: 'x', 'b.$': '$.b', 'c.$': 'States.Format($.t, $$.Execution.Id)' };
    expect(locations(machine({ A: { Type: 'Pass', Parameters: parameters, End: true } })).sort()).toEqual(['/States/A/Parameters/a.$', '/States/A/Parameters/b.$']);
  });

  it('applies AWS escape rules inside intrinsic strings', () => {
    const ok = { 'a.$': "States.Format('it\\'s \\{literal\\} {}', $.x)" };
    const bad = { 'a.$': "States.StringToJson('{\"t\":\"\\\"q\\\"\"}')" };
    expect(locations(machine({ A: { Type: 'Pass', Parameters: ok, End: true } }))).toEqual([]);
    expect(locations(machine({ A: { Type: 'Pass', Parameters: bad, End: true } }))).toEqual(['/States/A/Parameters/a.$']);
  });

  it('checks intrinsic function names, arity and numeric arguments', () => {
    for (const expression of ['States.Nope($.a)', 'States.UUID(1)', "States.MathAdd(1, '2')", ' States.Array(1)', 'States.Array(1']) {
      expect(locations(machine({ A: { Type: 'Pass', Parameters: { 'a.$': expression }, End: true } })), expression).toEqual(['/States/A/Parameters/a.$']);
    }
  });

  it('checks JSONata syntax inside {% %} and half-written delimiters', () => {
    const ql = { QueryLanguage: 'JSONata' };
    expect(locations(machine({ A: { Type: 'Pass', Output: '{% $sum($states.input %}', End: true } }, ql))).toEqual(['/States/A/Output']);
    expect(locations(machine({ A: { Type: 'Pass', Output: { deep: ['{% 1 + %}'] }, End: true } }, ql))).toEqual(['/States/A/Output/deep/0']);
    expect(locations(machine({ A: { Type: 'Pass', Output: '10 %}', End: true } }, ql))).toEqual(['/States/A/Output']);
  });

  it('uses AWS codes for JSONata: syntax errors and top-level references', () => {
    const ql = { QueryLanguage: 'JSONata' };
    expect(errorsOf(machine({ A: { Type: 'Pass', Output: '{% 1 + %}', End: true } }, ql))).toEqual([
      expect.objectContaining({ code: 'INVALID_JSONATA_EXPRESSION', location: '/States/A/Output' }),
    ]);
    expect(errorsOf(machine({ A: { Type: 'Pass', Output: { v: '{% phone %}' }, End: true } }, ql))).toEqual([
      expect.objectContaining({ code: 'UNSUPPORTED_JSONATA_EXPRESSION', location: '/States/A/Output/v', message: expect.stringContaining("'phone'") }),
    ]);
    expect(errorsOf(machine({ A: { Type: 'Pass', Output: '{% $states.input.items[price > 1].(price * qty) %}', End: true } }, ql))).toEqual([]);
  });

  it('allows $states.errorOutput only in a catcher', () => {
    const ql = { QueryLanguage: 'JSONata' };
    const task = (extra: Record<string, unknown>) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ...extra });
    const catchers = [{ ErrorEquals: ['States.ALL'], Next: 'F', Output: '{% $states.errorOutput %}', Assign: { e: '{% $states.errorOutput.Error %}' } }];
    expect(errorsOf(machine({ T: task({ Catch: catchers }), F: { Type: 'Fail' } }, ql))).toEqual([]);
    expect(locations(machine({ T: task({ Output: '{% $states.errorOutput %}' }) }, ql))).toEqual(['/States/T/Output']);
  });

  it('checks variable names in Assign', () => {
    expect(locations(machine({ A: { Type: 'Pass', Assign: { '1st': 1, ok_name: 2 }, End: true } }))).toEqual(['/States/A/Assign/1st']);
  });

  it('rejects reading a variable assigned only inside another branch', () => {
    const definition = machine({
      P: {
        Type: 'Parallel',
        Next: 'After',
        Branches: [{ StartAt: 'Set', States: { Set: { Type: 'Pass', Assign: { inner: 1 }, End: true } } }],
      },
      After: { Type: 'Pass', InputPath: '$inner', End: true },
    });
    expect(locations(definition)).toEqual(['/States/After/InputPath']);
  });

  it('lets nested states read variables of enclosing scopes', () => {
    const definition = machine({
      Set: { Type: 'Pass', Assign: { outer: 1 }, Next: 'M' },
      M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'Use', States: { Use: { Type: 'Pass', InputPath: '$outer', End: true } } } },
    });
    expect(errorsOf(definition)).toEqual([]);
  });

  it('gives AWS warnings NO_DOLLAR, NO_PATH and PASS_RESULT_IS_STATIC', () => {
    const definition = machine({
      A: { Type: 'Pass', Parameters: { a: '$.x' }, Result: { 'b.$': '$.y' }, Next: 'B' },
      B: { Type: 'Choice', Choices: [{ Variable: '$.v', StringEquals: '$.other', Next: 'C' }] },
      C: { Type: 'Succeed' },
    });
    expect(warningsOf(definition).map((d) => [d.code, d.location])).toEqual([
      ['NO_DOLLAR', '/States/A/Parameters/a'],
      ['PASS_RESULT_IS_STATIC', '/States/A/Result/b.$'],
      ['NO_PATH', '/States/B/Choices/0/StringEquals'],
    ]);
    expect(validateDefinition(definition).valid).toBe(true);
  });
});

describe('validateDefinition: resources', () => {
  it('accepts definition substitution placeholders', () => {
    expect(errorsOf(machine({ A: { Type: 'Task', Resource: '${FunctionArn}', End: true } }), { checkArns: true })).toEqual([]);
    expect(errorsOf(machine({ A: { Type: 'Task', Resource: 'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:f', End: true } }), { checkArns: true })).toEqual([]);
  });

  it('rejects an unterminated placeholder', () => {
    expect(errorsOf(machine({ A: { Type: 'Task', Resource: '${lambdaArn', End: true } }))).toEqual([expect.objectContaining({ code: 'INVALID_RESOURCE', location: '/States/A/Resource' })]);
  });

  it('checks ARNs only when asked', () => {
    const definition = machine({ A: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f:', End: true } });
    expect(errorsOf(definition)).toEqual([]);
    expect(errorsOf(definition, { checkArns: true })).toEqual([expect.objectContaining({ code: 'INVALID_RESOURCE', location: '/States/A/Resource' })]);
    const good = machine({ A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', End: true } });
    expect(errorsOf(good, { checkArns: true })).toEqual([]);
  });
});

describe('validateDefinition: text input', () => {
  it('gives every diagnostic the line and column of its field', () => {
    const text = ['{', '  "StartAt": "A",', '  "States": {', '    "A": {', '      "Type": "Pass",', '      "Next": "Nowhere",', '      "Colour": 1', '    }', '  }', '}'].join('\n');
    const diagnostics = errorsOf(text);
    expect(diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ location: '/States/A/Colour', line: 7, column: 7 }),
        expect.objectContaining({ location: '/States/A/Next', line: 6, column: 7 }),
      ]),
    );
  });

  it('validates YAML text with positions', () => {
    const yaml = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: yes please\n';
    expect(errorsOf(yaml)).toEqual(expect.arrayContaining([expect.objectContaining({ location: '/States/A/End', line: 5, column: 5 })]));
  });
});
