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
import { parseTimestamp } from '../timestamps.ts';

/**
 * A compiled rule. Each kind is a class with one `test` on its prototype: closures made per
 * rule would put as many functions behind one call site as the machine has rules.
 */
export abstract class ChoiceCondition {
  abstract test(input: Json, scope: EvaluationScope): boolean;
}

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

export function compileChoiceRule(rule: ChoiceRule): ChoiceCondition {
  if (rule.And) return new AllOf(rule.And.map(compileChoiceRule));
  if (rule.Or) return new AnyOf(rule.Or.map(compileChoiceRule));
  if (rule.Not) return new NoneOf(compileChoiceRule(rule.Not));
  const variablePath = rule.Variable ?? '$';
  const variable = compilePath(variablePath);
  for (const operator of Object.keys(rule)) {
    const typeTest = TYPE_TESTS[operator];
    if (typeTest) return new TypeTest(variable, typeTest, rule[operator] === true);
    if (operator === 'StringMatches') return new StringMatch(variable, variablePath, compileStringMatches(String(rule[operator])));
    const comparison = COMPARISONS[operator.endsWith('Path') ? operator.slice(0, -4) : operator];
    if (!comparison) continue;
    if (operator.endsWith('Path')) {
      const otherPath = String(rule[operator]);
      return new PathComparison(variable, variablePath, comparison, compilePath(otherPath), otherPath);
    }
    return new LiteralComparison(variable, variablePath, comparison, rule[operator] as Json);
  }
  // The validator rejects rules without an operator; a rule that tests nothing never matches.
  return NEVER;
}

class AllOf extends ChoiceCondition {
  constructor(private readonly all: readonly ChoiceCondition[]) {
    super();
  }
  test(input: Json, scope: EvaluationScope): boolean {
    return this.all.every((condition) => condition.test(input, scope));
  }
}

class AnyOf extends ChoiceCondition {
  constructor(private readonly any: readonly ChoiceCondition[]) {
    super();
  }
  test(input: Json, scope: EvaluationScope): boolean {
    return this.any.some((condition) => condition.test(input, scope));
  }
}

class NoneOf extends ChoiceCondition {
  constructor(private readonly inner: ChoiceCondition) {
    super();
  }
  test(input: Json, scope: EvaluationScope): boolean {
    return !this.inner.test(input, scope);
  }
}

/** IsNull, IsPresent, IsNumeric…: the only tests that accept a path matching nothing. */
class TypeTest extends ChoiceCondition {
  constructor(
    private readonly variable: PathEvaluator,
    private readonly typeTest: (value: Json | undefined) => boolean,
    private readonly wanted: boolean,
  ) {
    super();
  }
  test(input: Json, scope: EvaluationScope): boolean {
    return this.typeTest(this.variable(input, scope)) === this.wanted;
  }
}

/** The rules that read their Variable, which must match something. */
abstract class VariableTest extends ChoiceCondition {
  constructor(
    private readonly variable: PathEvaluator,
    private readonly variablePath: string,
  ) {
    super();
  }
  protected read(input: Json, scope: EvaluationScope): Json {
    const value = this.variable(input, scope);
    if (value === undefined) throw invalidPath(this.variablePath);
    return value;
  }
}

class StringMatch extends VariableTest {
  constructor(variable: PathEvaluator, variablePath: string, private readonly pattern: RegExp) {
    super(variable, variablePath);
  }
  test(input: Json, scope: EvaluationScope): boolean {
    const value = this.read(input, scope);
    return typeof value === 'string' && this.pattern.test(value);
  }
}

class LiteralComparison extends VariableTest {
  constructor(
    variable: PathEvaluator,
    variablePath: string,
    private readonly comparison: Comparison,
    private readonly expected: Json,
  ) {
    super(variable, variablePath);
  }
  test(input: Json, scope: EvaluationScope): boolean {
    return this.comparison(this.read(input, scope), this.expected);
  }
}

class PathComparison extends VariableTest {
  constructor(
    variable: PathEvaluator,
    variablePath: string,
    private readonly comparison: Comparison,
    private readonly other: PathEvaluator,
    private readonly otherPath: string,
  ) {
    super(variable, variablePath);
  }
  test(input: Json, scope: EvaluationScope): boolean {
    const expected = this.other(input, scope);
    if (expected === undefined) throw invalidPath(this.otherPath);
    return this.comparison(this.read(input, scope), expected);
  }
}

class NeverMatches extends ChoiceCondition {
  test(): boolean {
    return false;
  }
}
const NEVER = new NeverMatches();

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
