/** Short human labels for Choice rules, shown on the graph's edges. */
import { isObject, type JsonObject } from './asl';

const MAX_LENGTH = 42;

const OPERATORS: Record<string, string> = {
  StringEquals: '==', NumericEquals: '==', BooleanEquals: '==', TimestampEquals: '==',
  StringLessThan: '<', NumericLessThan: '<', TimestampLessThan: '<',
  StringGreaterThan: '>', NumericGreaterThan: '>', TimestampGreaterThan: '>',
  StringLessThanEquals: '<=', NumericLessThanEquals: '<=', TimestampLessThanEquals: '<=',
  StringGreaterThanEquals: '>=', NumericGreaterThanEquals: '>=', TimestampGreaterThanEquals: '>=',
  StringMatches: 'matches',
};

function shorten(text: string): string {
  return text.length > MAX_LENGTH ? text.slice(0, MAX_LENGTH - 1) + '…' : text;
}

function describe(rule: JsonObject): string {
  if (typeof rule.Condition === 'string') {
    return rule.Condition.replace(/^\{%\s*/, '').replace(/\s*%\}$/, '');
  }
  for (const combinator of ['And', 'Or'] as const) {
    const parts = rule[combinator];
    if (Array.isArray(parts)) {
      return parts.filter(isObject).map(describe).join(combinator === 'And' ? ' && ' : ' || ');
    }
  }
  if (isObject(rule.Not)) return `!(${describe(rule.Not)})`;
  const variable = typeof rule.Variable === 'string' ? rule.Variable : '?';
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'Variable' || key === 'Next' || key === 'Comment' || key === 'Assign' || key === 'Output') continue;
    const base = key.replace(/Path$/, '');
    if (OPERATORS[base]) return `${variable} ${OPERATORS[base]} ${JSON.stringify(value)}`;
    if (key.startsWith('Is')) return `${variable} ${key}${value === false ? ' = false' : ''}`;
  }
  return variable;
}

export function ruleLabel(rule: JsonObject): string {
  return shorten(describe(rule));
}
