/**
 * JSONPath-mode Choice rules: the comparison operators, their `…Path` forms, the type tests
 * and And/Or/Not, compiled once into predicates. As the States Language specifies, a
 * comparison between values of different types is simply false.
 */
import type { ChoiceRule } from '../definition/asl.ts';
import { compilePath, type PathEvaluator } from '../dataflow/paths.ts';
import type { EvaluationScope } from '../dataflow/types.ts';
import { StatesErrors, stateFailure } from '../errors.ts';
import type { Json } from '../json.ts';
import { parseTimestamp } from './wait.ts';

export type ChoicePredicate = (input: Json, scope: EvaluationScope) => boolean;

type Comparison = (actual: Json, expected: Json) => boolean;

const isString = (v: Json): v is string => typeof v === 'string';
const isNumber = (v: Json): v is number => typeof v === 'number';

function stringCompare(test: (a: string, b: string) => boolean): Comparison {
  return (a, b) => isString(a) && isString(b) && test(a, b);
}
function numericCompare(test: (a: number, b: number) => boolean): Comparison {
  return (a, b) => isNumber(a) && isNumber(b) && test(a, b);
}
function timestampCompare(test: (a: number, b: number) => boolean): Comparison {
  return (a, b) => {
    if (!isString(a) || !isString(b)) return false;
    const ta = parseTimestamp(a);
    const tb = parseTimestamp(b);
    return ta !== undefined && tb !== undefined && test(ta, tb);
  };
}

const COMPARISONS: Record<string, Comparison> = {
  StringEquals: stringCompare((a, b) => a === b),
  StringLessThan: stringCompare((a, b) => a < b),
  StringGreaterThan: stringCompare((a, b) => a > b),
  StringLessThanEquals: stringCompare((a, b) => a <= b),
  StringGreaterThanEquals: stringCompare((a, b) => a >= b),
  NumericEquals: numericCompare((a, b) => a === b),
  NumericLessThan: numericCompare((a, b) => a < b),
  NumericGreaterThan: numericCompare((a, b) => a > b),
  NumericLessThanEquals: numericCompare((a, b) => a <= b),
  NumericGreaterThanEquals: numericCompare((a, b) => a >= b),
  BooleanEquals: (a, b) => typeof a === 'boolean' && typeof b === 'boolean' && a === b,
  TimestampEquals: timestampCompare((a, b) => a === b),
  TimestampLessThan: timestampCompare((a, b) => a < b),
  TimestampGreaterThan: timestampCompare((a, b) => a > b),
  TimestampLessThanEquals: timestampCompare((a, b) => a <= b),
  TimestampGreaterThanEquals: timestampCompare((a, b) => a >= b),
};

const TYPE_TESTS: Record<string, (value: Json | undefined) => boolean> = {
  IsNull: (v) => v === null,
  IsPresent: (v) => v !== undefined,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => typeof v === 'string' && parseTimestamp(v) !== undefined,
};

export function compileChoiceRule(rule: ChoiceRule): ChoicePredicate {
  if (rule.And) {
    const all = rule.And.map(compileChoiceRule);
    return (input, scope) => all.every((p) => p(input, scope));
  }
  if (rule.Or) {
    const any = rule.Or.map(compileChoiceRule);
    return (input, scope) => any.some((p) => p(input, scope));
  }
  if (rule.Not) {
    const inner = compileChoiceRule(rule.Not);
    return (input, scope) => !inner(input, scope);
  }
  const variablePath = rule.Variable ?? '$';
  const variable = compilePath(variablePath);
  for (const operator of Object.keys(rule)) {
    const typeTest = TYPE_TESTS[operator];
    if (typeTest) {
      const wanted = rule[operator] === true;
      return (input, scope) => typeTest(variable(input, scope)) === wanted;
    }
    if (operator === 'StringMatches') {
      const pattern = compileStringMatches(String(rule[operator]));
      return (input, scope) => {
        const value = read(variable, variablePath, input, scope);
        return typeof value === 'string' && pattern.test(value);
      };
    }
    const comparison = COMPARISONS[operator.endsWith('Path') ? operator.slice(0, -4) : operator];
    if (!comparison) continue;
    if (operator.endsWith('Path')) {
      const otherPath = String(rule[operator]);
      const other = compilePath(otherPath);
      return (input, scope) => {
        const expected = other(input, scope);
        if (expected === undefined) throw invalidPath(otherPath);
        return comparison(read(variable, variablePath, input, scope), expected);
      };
    }
    const expected = rule[operator] as Json;
    return (input, scope) => comparison(read(variable, variablePath, input, scope), expected);
  }
  // The validator rejects rules without an operator; a rule that tests nothing never matches.
  return () => false;
}

function read(variable: PathEvaluator, path: string, input: Json, scope: EvaluationScope): Json {
  const value = variable(input, scope);
  if (value === undefined) throw invalidPath(path);
  return value;
}

function invalidPath(path: string) {
  return stateFailure(StatesErrors.Runtime, `Invalid path '${path}': The choice state's condition path references an invalid value.`);
}

/**
 * StringMatches patterns: `*` matches any run of characters; `\*` is a literal star and
 * `\\` a literal backslash (written `\\*` and `\\\\` inside JSON strings).
 */
export function compileStringMatches(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      source += escapeRegExp(pattern[++i]);
    } else if (c === '*') {
      source += '[\\s\\S]*';
    } else {
      source += escapeRegExp(c);
    }
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}
