/** Choice: picks the first rule that matches (or Default), with optional per-rule Output/Assign. */
import type { ChoiceRule, ChoiceState } from '../definition/asl.ts';
import { compileJsonataField, type CompiledJsonataField } from '../dataflow/jsonata.ts';
import { StatesError, StatesErrors } from '../errors.ts';
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import { DataFlowStateNode, type StateNode } from './base.ts';
import { compileChoiceRule, type ChoiceCondition } from './choice-rules.ts';
import { jsonataBindings, compileStateIO, IO_SHAPES, type StateIO } from './io.ts';
import type { StateOutcome } from './types.ts';
import { isPromise, type MaybePromise } from '../maybe-async.ts';

interface CompiledRule {
  next: string;
  /** The rule's own Output/Assign, applied as the state's when the rule matches. */
  io: StateIO;
  matches(effective: Json, visit: Visit): boolean | Promise<boolean>;
}

class ChoiceNode extends DataFlowStateNode<ChoiceState> {
  override readonly next = undefined;
  private readonly rules: readonly CompiledRule[];

  constructor(name: string, definition: ChoiceState, queryLanguage: 'JSONPath' | 'JSONata') {
    super(name, definition, queryLanguage, IO_SHAPES.passThrough);
    this.rules = definition.Choices.map((rule, index) => compileRule(rule, index, definition, name, queryLanguage, this.io));
  }

  execute(input: Json, visit: Visit): MaybePromise<StateOutcome> {
    const effective = this.io.prepare(input, visit);
    // JSONPath prepares synchronously: no closure per visit then.
    return isPromise(effective) ? effective.then((ready) => this.choose(input, ready, visit, 0)) : this.choose(input, effective, visit, 0);
  }

  /** Try the rules from `index` on: synchronously while they answer synchronously (JSONPath). */
  private choose(input: Json, effective: Json, visit: Visit, index: number): MaybePromise<StateOutcome> {
    const { rules } = this;
    for (let i = index; i < rules.length; i++) {
      const rule = rules[i];
      const matched = rule.matches(effective, visit);
      if (isPromise(matched)) {
        return matched.then((yes) => (yes ? take(rule.io, rule.next, input, effective, visit) : this.choose(input, effective, visit, i + 1)));
      }
      if (matched) return take(rule.io, rule.next, input, effective, visit);
    }
    const fallback = this.definition.Default;
    if (fallback === undefined) {
      // The corpus records no AWS cause text for this error; ours names the state.
      throw new StatesError(StatesErrors.NoChoiceMatched, `No choice rule in state '${this.name}' matched its input, and the state has no Default.`);
    }
    return take(this.io, fallback, input, effective, visit);
  }
}

export function compileChoice(name: string, definition: ChoiceState, queryLanguage: 'JSONPath' | 'JSONata'): StateNode {
  return new ChoiceNode(name, definition, queryLanguage);
}

function take(io: StateIO, next: string, input: Json, effective: Json, visit: Visit): MaybePromise<StateOutcome> {
  const outcome = io.complete(input, effective, visit);
  if (!isPromise(outcome)) {
    outcome.next = next;
    return outcome;
  }
  return outcome.then((settled) => {
    settled.next = next;
    return settled;
  });
}

function compileRule(rule: ChoiceRule, index: number, state: ChoiceState, stateName: string, queryLanguage: 'JSONPath' | 'JSONata', stateIO: StateIO): CompiledRule {
  // A rule with its own Output replaces the state's for that branch. Its Assign adds to the
  // state's, which AWS applies whichever rule matches (Choice state page);
  // on a name both assign, the rule's value is the one kept. JSONata failures name a rule's own
  // fields under its index (`Choices[1]/Output/v`, as measured on AWS by floci-io/floci); a
  // merged Assign keeps the state's name.
  const rulePrefix = `Choices[${index}]`;
  const fields = {
    output: rule.Output !== undefined ? `${rulePrefix}/Output` : undefined,
    assign: rule.Assign !== undefined && state.Assign === undefined ? `${rulePrefix}/Assign` : undefined,
  };
  const io = rule.Output !== undefined || rule.Assign !== undefined
    ? compileStateIO({ ...state, Output: rule.Output ?? state.Output, Assign: mergeAssign(state.Assign, rule.Assign) }, stateName, queryLanguage, IO_SHAPES.passThrough, fields)
    : stateIO;
  const next = rule.Next ?? '';
  return queryLanguage === 'JSONata' ? new JsonataRule(next, io, rule.Condition, `${rulePrefix}/Condition`) : new JsonPathRule(next, io, compileChoiceRule(rule));
}

/** The state's Assign with the rule's added, a rule's `x` or `x.$` replacing the state's `x` and `x.$`. */
function mergeAssign(stateAssign: ChoiceState['Assign'], ruleAssign: ChoiceRule['Assign']): ChoiceState['Assign'] {
  if (!isJsonObject(stateAssign) || !isJsonObject(ruleAssign)) return ruleAssign ?? stateAssign;
  const variable = (key: string) => (key.endsWith('.$') ? key.slice(0, -2) : key);
  const ruleNames = new Set(Object.keys(ruleAssign).map(variable));
  const merged: JsonObject = {};
  for (const [key, value] of Object.entries(stateAssign)) if (!ruleNames.has(variable(key))) merged[key] = value;
  return Object.assign(merged, ruleAssign);
}

class JsonPathRule implements CompiledRule {
  constructor(
    readonly next: string,
    readonly io: StateIO,
    private readonly condition: ChoiceCondition,
  ) {}

  matches(effective: Json, visit: Visit): boolean {
    return this.condition.test(effective, visit);
  }
}

class JsonataRule implements CompiledRule {
  private readonly expression: CompiledJsonataField<boolean> | undefined;
  private readonly constant: boolean;

  constructor(
    readonly next: string,
    readonly io: StateIO,
    condition: ChoiceRule['Condition'],
    field: string,
  ) {
    this.constant = typeof condition === 'boolean' ? condition : false;
    this.expression = typeof condition === 'boolean' ? undefined : compileJsonataField(condition ?? false, field, 'boolean');
  }

  matches(effective: Json, visit: Visit): MaybePromise<boolean> {
    if (!this.expression) return this.constant;
    return this.expression.evaluateNow(jsonataBindings(visit, { input: effective }));
  }
}
