/**
 * State machine names: CreateStateMachine refuses (InvalidName) the names StartExecution refuses
 * for executions, and `validNameFrom` makes an accepted name from any text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMachineName, Engine, InvalidMachineNameError, validNameFrom, type StateMachineDefinition } from '../../src/index.ts';

const passThrough: StateMachineDefinition = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };

describe('createMachine and the machine name', () => {
  it('takes a name AWS accepts, into the ARN and $$.StateMachine.Name, and defaults to StateMachine', async () => {
    const engine = new Engine({ clock: 'virtual' });
    for (const name of ['Orders', 'order-42_v(2).final', 'é😀', 'x'.repeat(80)]) {
      const machine = engine.createMachine(passThrough, { name });
      expect(machine.name).toBe(name);
      expect(machine.arn).toBe(`arn:aws:states:us-east-1:123456789012:stateMachine:${name}`);
    }
    expect(engine.createMachine(passThrough).name).toBe('StateMachine');
    const reader = engine.createMachine({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'name.$': '$$.StateMachine.Name' }, End: true } } }, { name: 'Named' });
    expect(await reader.run({})).toEqual({ status: 'SUCCEEDED', output: { name: 'Named' } });
  });

  it('refuses a name AWS would refuse with InvalidMachineNameError, naming the problem, before looking at the definition', () => {
    const engine = new Engine();
    const refused: Array<[unknown, RegExp]> = [
      ['', /^The state machine name "" is not valid: it has 0 characters; a name has 1 to 80\.$/],
      ['x'.repeat(81), /has 81 characters/],
      ['my flow', /contains U\+0020/],
      ['a/b', /contains '\/'/],
      ['[v2]', /contains '\['/],
      ['tab\there', /contains U\+0009/],
      ['lone\ud83d', /contains U\+D83D/],
      [42, /it is a number, not a string/],
    ];
    for (const [name, message] of refused) {
      expect(() => engine.createMachine(passThrough, { name: name as string })).toThrow(InvalidMachineNameError);
      expect(() => engine.createMachine(passThrough, { name: name as string })).toThrow(message);
      // The name is checked first: an invalid definition does not hide it.
      expect(() => engine.createMachine({ StartAt: 'Nowhere', States: {} }, { name: name as string })).toThrow(InvalidMachineNameError);
      // The same check, without a machine (for a name taken from a form or a command line).
      expect(() => checkMachineName(name as string)).toThrow(message);
    }
    expect(() => checkMachineName('Orders')).not.toThrow();
  });
});

describe('validNameFrom', () => {
  it('replaces each character AWS refuses with _ and cuts to 80 characters', () => {
    expect(validNameFrom('my flow (v2)')).toBe('my_flow_(v2)');
    expect(validNameFrom('a:b/c{d}[e]?*#%$')).toBe('a_b_c_d__e______');
    expect(validNameFrom('OrderProcessing')).toBe('OrderProcessing');
    expect(validNameFrom('n'.repeat(100))).toBe('n'.repeat(80));
    // 79 characters and then a surrogate pair: the cut would leave half of the pair.
    expect(validNameFrom(`${'n'.repeat(79)}😀`)).toBe('n'.repeat(79));
    expect(validNameFrom('')).toBe('');
  });

  it('gives, for any non-empty text, a name createMachine takes', () => {
    const engine = new Engine();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 120 }), (text) => {
        // Unicode 'binary' strings include unpaired surrogates, control and white-space characters.
        const name = validNameFrom(text);
        expect(engine.createMachine(passThrough, { name }).name).toBe(name);
      }),
      { numRuns: 200 },
    );
  });
});
