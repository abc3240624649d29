/**
 * Workflow variables. The execution has one scope; each Parallel branch and Map iteration gets
 * a child that reads its parent but writes only to itself, as AWS scopes them.
 */
import type { VariableScope } from './dataflow/types.ts';
import type { Json } from './json.ts';

export class VariableStore implements VariableScope {
  /** Made on the first assignment: most Map iterations never assign, and there may be 100,000 of them. */
  private values: Map<string, Json> | undefined;

  constructor(private readonly parent?: VariableStore) {}

  get(name: string): Json | undefined {
    const values = this.values;
    if (values !== undefined) {
      const own = values.get(name);
      if (own !== undefined || values.has(name)) return own;
    }
    return this.parent?.get(name);
  }

  *names(): Iterable<string> {
    const seen = new Set<string>();
    for (let scope: VariableStore | undefined = this; scope; scope = scope.parent) {
      if (!scope.values) continue;
      for (const name of scope.values.keys()) {
        if (!seen.has(name)) {
          seen.add(name);
          yield name;
        }
      }
    }
  }

  /** Set all of a state's assignments at once (they were all computed from the values before). */
  assign(values: Iterable<[string, Json]>): void {
    const own = (this.values ??= new Map());
    for (const [name, value] of values) own.set(name, value);
  }

  child(): VariableStore {
    return new VariableStore(this);
  }
}
