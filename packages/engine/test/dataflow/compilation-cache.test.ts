import { describe, expect, it } from 'vitest';
import { CompilationCache, compilationCacheSizes } from '../../src/compilation-cache.ts';
import { Engine, type StateMachineDefinition } from '../../src/index.ts';

/**
 * A machine whose every compiled text is its own (suffix `n`), reaching each kind of cache:
 * paths, reference paths, payload value expressions, intrinsic calls, select and ResultPath
 * functions, JSONata expressions and the validator's JSONata analyses.
 */
function distinctMachine(n: number, statesPerKind: number): StateMachineDefinition {
  const states: Record<string, unknown> = {};
  for (let k = 0; k < statesPerKind; k++) {
    const id = `${n}_${k}`;
    states[`T${k}`] = {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f',
      InputPath: `$.in${id}`,
      Parameters: { 'a.$': `$.a${id}`, 'b.$': `States.Format('{}', $.b${id})` },
      ResultSelector: { 'c.$': `$.c${id}` },
      ResultPath: `$.r${id}`,
      OutputPath: `$.o${id}`,
      TimeoutSecondsPath: `$.t${id}`,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: `$.e${id}`, Next: `J${k}` }],
      Next: `J${k}`,
    };
    states[`J${k}`] = { Type: 'Pass', QueryLanguage: 'JSONata', Output: `{% $states.input.j${id} %}`, Next: k + 1 < statesPerKind ? `T${k + 1}` : 'Done' };
  }
  states.Done = { Type: 'Succeed' };
  return { StartAt: 'T0', States: states } as unknown as StateMachineDefinition;
}

describe('compilation caches', () => {
  it('forget their oldest entry once full, and keep the rest', () => {
    const cache = new CompilationCache<number>('test', 3);
    for (const [key, value] of [['a', 1], ['b', 2], ['c', 3]] as const) cache.set(key, value);
    cache.set('b', 20); // a key already held replaces its value and evicts nothing
    expect(cache.size).toBe(3);
    cache.set('d', 4);
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    expect([cache.get('b'), cache.get('c'), cache.get('d')]).toEqual([20, 3, 4]);
  });

  it('do not grow past their capacity however many distinct machines are compiled', () => {
    const engine = new Engine();
    const capacity = Math.max(...compilationCacheSizes().map((c) => c.capacity));
    const statesPerKind = 5;
    // Every cache gets at least `statesPerKind` new texts per machine: together, more than it holds.
    const machines = Math.ceil((capacity * 1.25) / statesPerKind);
    for (let n = 0; n < machines; n++) engine.createMachine(distinctMachine(n, statesPerKind));

    const caches = compilationCacheSizes();
    expect(caches.map((c) => c.name).sort()).toEqual([
      'InputPath/OutputPath/ItemsPath selectors',
      'JSONata analyses',
      'JSONata expressions',
      'ResultPath writers',
      'intrinsic calls',
      'paths',
      'payload value expressions',
      'reference paths',
    ]);
    // Each was filled (so the machines did reach it) and none holds more than its capacity.
    for (const cache of caches) expect(cache, cache.name).toEqual({ name: cache.name, size: cache.capacity, capacity: cache.capacity });
  }, 60_000);

  it('are shared between machines: compiling the same definition again adds nothing', () => {
    const engine = new Engine();
    const definition = distinctMachine(999_999, 2);
    engine.createMachine(definition);
    const before = compilationCacheSizes();
    engine.createMachine(definition);
    expect(compilationCacheSizes()).toEqual(before);
  });
});
