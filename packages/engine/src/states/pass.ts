/** Pass: hands its input (or its Result) on, through the data flow. */
import type { PassState } from '../definition/asl.ts';
import type { Json } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import { DataFlowStateNode, type StateNode } from './base.ts';
import { IO_SHAPES } from './io.ts';
import type { StateOutcome } from './types.ts';
import { isPromise, type MaybePromise } from '../maybe-async.ts';

class PassNode extends DataFlowStateNode<PassState> {
  /** Result, when present (JSONPath only), replaces the effective input as the state's result. */
  private readonly hasResult: boolean;

  constructor(name: string, definition: PassState, queryLanguage: 'JSONPath' | 'JSONata') {
    super(name, definition, queryLanguage, IO_SHAPES.pass);
    this.hasResult = definition.Result !== undefined && queryLanguage === 'JSONPath';
  }

  execute(input: Json, visit: Visit): MaybePromise<StateOutcome> {
    const { io } = this;
    const effective = io.prepare(input, visit);
    // JSONPath prepares synchronously: no closure per visit then.
    if (!isPromise(effective)) return io.complete(input, this.hasResult ? this.definition.Result! : effective, visit);
    return effective.then((ready) => io.complete(input, this.hasResult ? this.definition.Result! : ready, visit));
  }
}

export function compilePass(name: string, definition: PassState, queryLanguage: 'JSONPath' | 'JSONata'): StateNode {
  return new PassNode(name, definition, queryLanguage);
}
