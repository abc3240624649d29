/**
 * '@stepwise/engine/core' on its own, as a JSONPath-only application loads it: nothing in this
 * file's module graph installs JSONata or YAML (the default entry does, and is tested apart in
 * default-entry.test.ts, since the installed support is shared by the whole JavaScript realm).
 */
import { describe, expect, it } from 'vitest';
import { createMachine, InvalidDefinitionError, validateDefinition, type Diagnostic, type StateMachineDefinition } from '@stepwise/engine/core';

const jsonPathMachine: StateMachineDefinition = {
  StartAt: 'Greet',
  States: {
    Greet: { Type: 'Pass', Parameters: { 'message.$': "States.Format('Hello, {}!', $.name)", 'n.$': '$.n' }, Next: 'Big?' },
    'Big?': { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' }], Default: 'Small' },
    Big: { Type: 'Pass', Result: 'big', ResultPath: '$.size', End: true },
    Small: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultSelector: { 'size.$': '$.Payload' }, OutputPath: '$.size', End: true },
  },
};

function errorsOf(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'ERROR');
}

function thrownBy(run: () => unknown): InvalidDefinitionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDefinitionError);
    return error as InvalidDefinitionError;
  }
  throw new Error('expected an InvalidDefinitionError');
}

describe('@stepwise/engine/core', () => {
  it('runs JSONPath machines: paths, intrinsics, Choice and tasks', async () => {
    const machine = createMachine(jsonPathMachine);
    expect(await machine.run({ name: 'Ada', n: 12 })).toEqual({ status: 'SUCCEEDED', output: { message: 'Hello, Ada!', n: 12, size: 'big' } });
    expect(await machine.run({ name: 'Bo', n: 1 }, { tasks: { Small: () => ({ Payload: 'small' }) } })).toEqual({ status: 'SUCCEEDED', output: 'small' });
  });

  it('validates JSON text as the default entry does, with line and column', () => {
    const { valid, diagnostics } = validateDefinition('{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "B" }\n  }\n}');
    expect(valid).toBe(false);
    expect(diagnostics[0]).toMatchObject({ code: 'MISSING_TRANSITION_TARGET', location: '/States/A/Next', line: 4 });
  });

  it('refuses a JSONata machine at its QueryLanguage field, saying what to import', () => {
    const definition: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Output: '{% $states.input.x + 1 %}', Next: 'B' },
        B: { Type: 'Parallel', Branches: [{ StartAt: 'C', States: { C: { Type: 'Succeed' } } }], End: true },
      },
    };
    const { valid, diagnostics } = validateDefinition(definition);
    expect(valid).toBe(false);
    // One diagnostic for the one field every state inherits JSONata from, states in branches included.
    expect(errorsOf(diagnostics)).toEqual([
      { severity: 'ERROR', code: 'JSONATA_NOT_LOADED', location: '/QueryLanguage', message: expect.stringContaining("Import from '@stepwise/engine'") },
    ]);
    const error = thrownBy(() => createMachine(definition));
    expect(error.diagnostics.map((d) => [d.code, d.location])).toEqual([['JSONATA_NOT_LOADED', '/QueryLanguage']]);
    expect(error.message).toContain('JSONata support is not loaded');
  });

  it('refuses a JSONata state in a JSONPath machine at that state’s QueryLanguage, with line and column for text', () => {
    const text = JSON.stringify(
      {
        StartAt: 'Plain',
        States: {
          Plain: { Type: 'Pass', Next: 'Map' },
          Map: {
            Type: 'Map',
            ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input %}', End: true } } },
            End: true,
          },
        },
      },
      null,
      2,
    );
    const line = text.split('\n').findIndex((l) => l.includes('"QueryLanguage"')) + 1;
    const errors = errorsOf(validateDefinition(text).diagnostics);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'JSONATA_NOT_LOADED', location: '/States/Map/ItemProcessor/States/Inner/QueryLanguage', line });
  });

  it('refuses JSONata even when the engine is told not to validate, instead of running it half', () => {
    const definition = { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Output: '{% 1 + 1 %}', End: true } } } as StateMachineDefinition;
    const error = thrownBy(() => createMachine(definition, { validate: false }));
    expect(error.diagnostics).toEqual([expect.objectContaining({ severity: 'ERROR', location: '/States/A', message: expect.stringContaining('JSONata support is not loaded') })]);
  });

  it('refuses YAML text at its first character, saying what to import', () => {
    const yaml = '\n# an order machine\nStartAt: A\nStates:\n  A:\n    Type: Succeed\n';
    const { valid, diagnostics } = validateDefinition(yaml);
    expect(valid).toBe(false);
    expect(diagnostics).toEqual([
      { severity: 'ERROR', code: 'YAML_NOT_LOADED', location: '', line: 2, column: 1, message: expect.stringContaining("Import from '@stepwise/engine'") },
    ]);
    expect(thrownBy(() => createMachine(yaml)).diagnostics.map((d) => d.code)).toEqual(['YAML_NOT_LOADED']);
  });

  it('leaves JSONata-looking strings of a JSONPath machine as the literals they are there', async () => {
    const definition: StateMachineDefinition = { StartAt: 'A', States: { A: { Type: 'Pass', Result: { text: '{% not evaluated %}' }, End: true } } };
    expect(await createMachine(definition).run({})).toEqual({ status: 'SUCCEEDED', output: { text: '{% not evaluated %}' } });
  });
});
