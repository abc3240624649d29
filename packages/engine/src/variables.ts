/**
 * Workflow variables. The execution has one scope; each Parallel branch and Map iteration gets
 * a child that reads its parent but writes only to itself, as AWS scopes them.
 */
import type { VariableScope } from './dataflow/types.ts';
import type { Json, JsonObject } from './json.ts';
import { jsonByteSize } from './json-size.ts';

export class VariableStore implements VariableScope {
  /** Made on the first assignment: most Map iterations never assign, and there may be 100,000 of them. */
  private values: Map<string, Json> | undefined;
  /** Byte sizes of the values, measured when first needed (for AWS's 10 MiB total) and kept until reassigned. */
  private sizes: Map<string, number> | undefined;

  constructor(private readonly parent?: VariableStore) {}

  get(name: string): Json | undefined {
    const values = this.values;
    if (values !== undefined) {
      const own = values.get(name);
      if (own !== undefined || values.has(name)) return own;
    }
    return this.parent?.get(name);
  }

  /** Set all of a state's assignments at once (they were all computed from the values before). */
  assign(values: JsonObject): void {
    const own = (this.values ??= new Map());
    for (const name in values) {
      own.set(name, values[name]);
      this.sizes?.delete(name);
    }
  }

  /**
   * JSON bytes of every variable this scope sees, leaving out the names `reassigned` is about to
   * assign (a state assigns a handful). Each value is measured once, not at every assignment of
   * every state.
   */
  byteTotal(reassigned: JsonObject): number {
    let total = 0;
    const shadowed = this.parent ? new Set<string>() : undefined;
    for (let scope: VariableStore | undefined = this; scope; scope = scope.parent) {
      const values = scope.values;
      if (!values) continue;
      for (const [name, value] of values) {
        if (hasOwn(reassigned, name) || shadowed?.has(name)) continue;
        shadowed?.add(name);
        total += scope.sizeOf(name, value);
      }
    }
    return total;
  }

  private sizeOf(name: string, value: Json): number {
    const sizes = (this.sizes ??= new Map());
    let size = sizes.get(name);
    if (size === undefined) sizes.set(name, (size = jsonByteSize(value)));
    return size;
  }

  child(): VariableStore {
    return new VariableStore(this);
  }
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
