/**
 * '@stepwise/engine/core' with JSONata loaded later, as an application that imports the library
 * only when a JSONata machine shows up: refused before installJsonata, run after. A file of its
 * own, since the installed library is shared by the whole JavaScript realm (Vitest gives each
 * test file its own).
 */
import { describe, expect, it } from 'vitest';
import { createMachine, installJsonata, InvalidDefinitionError, type StateMachineDefinition } from '@stepwise/engine/core';

const jsonataMachine: StateMachineDefinition = {
  QueryLanguage: 'JSONata',
  StartAt: 'Sum',
  States: { Sum: { Type: 'Pass', Output: '{% $sum($states.input.values) %}', End: true } },
};

describe('@stepwise/engine/core with JSONata installed later', () => {
  it('refuses a JSONata machine until the library is installed, then runs it', async () => {
    expect(() => createMachine(jsonataMachine)).toThrow(InvalidDefinitionError);
    try {
      createMachine(jsonataMachine);
    } catch (error) {
      expect((error as InvalidDefinitionError).diagnostics.map((d) => d.code)).toContain('JSONATA_NOT_LOADED');
    }

    installJsonata((await import('jsonata')).default);

    const machine = createMachine(jsonataMachine);
    expect(await machine.run({ values: [1, 2, 3.5] })).toEqual({ status: 'SUCCEEDED', output: 6.5 });
  });
});
