/**
 * JSONata inside Step Functions strings: a string that starts with `{%` and ends with `%}` is an
 * expression, parsed here with the jsonata library to catch syntax errors before a run. Parse
 * results are cached because the same expressions recur across validations while a user types.
 */
import jsonata from 'jsonata';

export interface JsonataProblem {
  message: string;
}

const cache = new Map<string, string | null>();
const cacheLimit = 2000;

/** Is this string meant as a JSONata expression? */
export function isJsonataExpression(text: string): boolean {
  return text.startsWith('{%') && text.endsWith('%}') && text.length >= 4;
}

/** A string that opens or closes an expression without doing both is almost certainly a typo. */
export function halfDelimitedProblem(text: string): string | undefined {
  const trimmed = text.trim();
  const opens = trimmed.startsWith('{%');
  const closes = trimmed.endsWith('%}');
  if (opens && closes && !isJsonataExpression(text)) return 'a JSONata expression must start with {% and end with %} with nothing outside them';
  if (opens && !closes) return 'the JSONata expression starts with {% but does not end with %}';
  if (!opens && closes) return 'the JSONata expression ends with %} but does not start with {%';
  return undefined;
}

/** Returns the syntax error of the expression inside `{% … %}`, or undefined when it parses. */
export function jsonataSyntaxProblem(text: string): string | undefined {
  const body = text.slice(2, -2);
  const cached = cache.get(body);
  if (cached !== undefined) return cached ?? undefined;
  let problem: string | null = null;
  if (body.trim().length === 0) {
    problem = 'the JSONata expression is empty';
  } else {
    try {
      jsonata(body);
    } catch (caught) {
      const details = caught as { message?: string; position?: number; token?: string };
      problem = `${details.message ?? String(caught)}${typeof details.position === 'number' ? ` (at character ${details.position})` : ''}`;
    }
  }
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(body, problem);
  return problem ?? undefined;
}
