/** Choice: picks the first rule that matches (or Default), with optional per-rule Output/Assign. */
import type { ChoiceRule, ChoiceState } from '../definition/asl.ts';
import { compileJsonataField } from '../dataflow/jsonata.ts';
import { StatesError, StatesErrors } from '../errors.ts';
import type { Json } from '../json.ts';
import type { Visit } from '../interpreter.ts';
import { stateHeader } from './base.ts';
import { compileChoiceRule, type ChoicePredicate } from './choice-rules.ts';
import { jsonataBindings, compileStateIO, type StateIO } from './io.ts';
import type { CompiledState, StateOutcome } from './types.ts';

interface CompiledRule {
  next: string;
  /** The rule's own Output/Assign, applied as the state's when the rule matches. */
  io: StateIO;
  matches(effective: Json, visit: Visit): boolean | Promise<boolean>;
}

export function compileChoice(name: string, definition: ChoiceState, queryLanguage: 'JSONPath' | 'JSONata'): CompiledState {
  const shape = { parameters: false, producesResult: false, resultPath: false };
  const stateIO = compileStateIO(definition, name, queryLanguage, shape);
  const rules: CompiledRule[] = definition.Choices.map((rule) => compileRule(rule, definition, name, queryLanguage, stateIO));
  return {
    ...stateHeader(name, definition, queryLanguage),
    next: undefined,
    async execute(input: Json, visit: Visit): Promise<StateOutcome> {
      const effective = await stateIO.prepare(input, visit);
      for (const rule of rules) {
        if (await rule.matches(effective, visit)) {
          const outcome = await rule.io.complete(input, effective, visit);
          return { ...outcome, next: rule.next };
        }
      }
      if (definition.Default === undefined) {
        // The corpus records no AWS cause text for this error; ours names the state.
        throw new StatesError(StatesErrors.NoChoiceMatched, `No choice rule in state '${name}' matched its input, and the state has no Default.`);
      }
      const outcome = await stateIO.complete(input, effective, visit);
      return { ...outcome, next: definition.Default };
    },
  };
}

function compileRule(rule: ChoiceRule, state: ChoiceState, stateName: string, queryLanguage: 'JSONPath' | 'JSONata', stateIO: StateIO): CompiledRule {
  // A rule with its own Output or Assign replaces the state's for that branch.
  const io = rule.Output !== undefined || rule.Assign !== undefined
    ? compileStateIO({ ...state, Output: rule.Output ?? state.Output, Assign: rule.Assign ?? state.Assign }, stateName, queryLanguage, { parameters: false, producesResult: false, resultPath: false })
    : stateIO;
  const next = rule.Next ?? '';
  if (queryLanguage === 'JSONata') {
    return { next, io, matches: compileCondition(rule) };
  }
  const predicate: ChoicePredicate = compileChoiceRule(rule);
  return { next, io, matches: (effective, visit) => predicate(effective, visit.scope()) };
}

function compileCondition(rule: ChoiceRule): CompiledRule['matches'] {
  const condition = rule.Condition;
  if (typeof condition === 'boolean') return () => condition;
  const expression = compileJsonataField(condition ?? false, 'Condition', 'boolean');
  return (effective, visit) => expression.evaluate(jsonataBindings(visit, { input: effective }));
}
