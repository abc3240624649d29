/** The JSONPath Choice rule operators, and what kind of operand each takes. */
import type { JsonObject } from './asl';

const COMPARISONS = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
const FAMILIES = ['String', 'Numeric', 'Timestamp'];

export const CHOICE_OPERATORS: string[] = [
  ...FAMILIES.flatMap((family) => COMPARISONS.flatMap((c) => [`${family}${c}`, `${family}${c}Path`])),
  'StringMatches',
  'BooleanEquals', 'BooleanEqualsPath',
  'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp',
];

export type OperandKind = 'string' | 'number' | 'boolean' | 'path';

export function ruleValueKind(operator: string): OperandKind {
  if (operator.endsWith('Path')) return 'path';
  if (operator.startsWith('Numeric')) return 'number';
  if (operator.startsWith('Boolean') || operator.startsWith('Is')) return 'boolean';
  return 'string';
}

/** The comparison operator a simple rule uses, or undefined for compound (And/Or/Not) or JSONata rules. */
export function operatorOf(rule: JsonObject): string | undefined {
  return Object.keys(rule).find((key) => CHOICE_OPERATORS.includes(key));
}
