/** Succeed: ends its scope successfully, with its input through InputPath/OutputPath (or Output). */
import type { SucceedState } from '../definition/asl.ts';
import type { Json } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import { DataFlowStateNode, type StateNode } from './base.ts';
import { IO_SHAPES } from './io.ts';
import type { StateOutcome } from './types.ts';
import { andThen, type MaybePromise } from '../maybe-async.ts';

class SucceedNode extends DataFlowStateNode<SucceedState> {
  override readonly next = undefined;

  constructor(name: string, definition: SucceedState, queryLanguage: 'JSONPath' | 'JSONata') {
    super(name, definition, queryLanguage, IO_SHAPES.passThrough);
  }

  execute(input: Json, visit: Visit): MaybePromise<StateOutcome> {
    return andThen(this.io.prepare(input, visit), (effective) => this.io.complete(input, effective, visit));
  }
}

export function compileSucceed(name: string, definition: SucceedState, queryLanguage: 'JSONPath' | 'JSONata'): StateNode {
  return new SucceedNode(name, definition, queryLanguage);
}
