/**
 * '@stepwise/engine' is the core with JSONata and YAML installed: both work through it, and, the
 * support being one per JavaScript realm, through '@stepwise/engine/core' too once it is loaded.
 */
import { describe, expect, it } from 'vitest';
import { createMachine, validateDefinition } from '@stepwise/engine';
import * as core from '@stepwise/engine/core';

const jsonataMachine = {
  QueryLanguage: 'JSONata',
  StartAt: 'Add',
  States: { Add: { Type: 'Pass', Output: '{% { "sum": $states.input.a + $states.input.b } %}', End: true } },
} as const;

describe('@stepwise/engine', () => {
  it('runs JSONata machines', async () => {
    expect(await createMachine(jsonataMachine).run({ a: 2, b: 3 })).toEqual({ status: 'SUCCEEDED', output: { sum: 5 } });
  });

  it('checks JSONata expressions when it validates', () => {
    const definition = { ...jsonataMachine, States: { Add: { Type: 'Pass', Output: '{% $states.input.a + %}', End: true } } };
    expect(validateDefinition(definition).diagnostics.map((d) => [d.code, d.location])).toEqual([['INVALID_JSONATA_EXPRESSION', '/States/Add/Output']]);
  });

  it('reads YAML text', async () => {
    expect(await createMachine('StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n').run({ ok: true })).toEqual({ status: 'SUCCEEDED', output: { ok: true } });
  });

  it('exports the same API as the core, and installs its support for the core as well', async () => {
    const full = await import('@stepwise/engine');
    expect(Object.keys(full).sort()).toEqual(Object.keys(core).sort());
    expect(await core.createMachine(jsonataMachine).run({ a: 1, b: 1 })).toEqual({ status: 'SUCCEEDED', output: { sum: 2 } });
  });
});
