/**
 * Syntax of the JSONPath strings Step Functions accepts in JSONPath states:
 * - a Path: `$`, `$$` (context object) or `$name` (variable), then JSONPath segments;
 * - a Reference Path (ResultPath and the like): only `.name`, `['name']` and `[index]` segments,
 *   addressing one node, never the context object or a variable.
 * These checks reject what cannot be a path; evaluating paths is the dataflow module's job.
 */

export interface PathRules {
  /** Allow `$$` (the context object). */
  context: boolean;
  /** Allow `$name` (workflow variables). */
  variables: boolean;
  /** Allow only segments that address a single node. */
  referenceOnly: boolean;
}

export const anyPath: PathRules = { context: true, variables: true, referenceOnly: false };
export const resultPathRules: PathRules = { context: false, variables: false, referenceOnly: true };

const variableName = /^[\p{ID_Start}_][\p{ID_Continue}]*/u;

/** Returns why `text` is not a path under `rules`, or undefined when it is one. */
export function pathSyntaxProblem(text: string, rules: PathRules): string | undefined {
  if (text.length === 0) return 'a path cannot be empty';
  if (text[0] !== '$') return 'a path must start with $';
  let index = 1;
  if (text[1] === '$') {
    if (!rules.context) return 'the context object ($$) cannot be used here';
    index = 2;
  } else if (text.length > 1 && text[1] !== '.' && text[1] !== '[') {
    const match = variableName.exec(text.slice(1));
    if (!match) return `'${text.slice(0, 2)}' starts neither a path ($.) nor a variable name ($name)`;
    if (!rules.variables) return 'a variable cannot be used here';
    index = 1 + match[0].length;
  }
  return segmentsProblem(text, index, rules.referenceOnly);
}

function segmentsProblem(text: string, start: number, referenceOnly: boolean): string | undefined {
  let i = start;
  while (i < text.length) {
    const char = text[i];
    if (char === '.') {
      if (text[i + 1] === '.') {
        if (referenceOnly) return 'deep scan (..) is not allowed in a reference path';
        i += 1;
      }
      i += 1;
      if (text[i] === '*') {
        if (referenceOnly) return 'wildcards are not allowed in a reference path';
        i += 1;
        continue;
      }
      const nameStart = i;
      while (i < text.length && !/[.[\]\s]/.test(text[i])) i++;
      if (i === nameStart) return `expected a field name after '.' at position ${nameStart + 1}`;
      const name = text.slice(nameStart, i);
      if (/[()]/.test(name) && !/^[A-Za-z_][A-Za-z0-9_]*\(\)$/.test(name)) return `'${name}' is not a field name`;
      continue;
    }
    if (char === '[') {
      const end = bracketEnd(text, i);
      if (end < 0) return `unclosed '[' at position ${i + 1}`;
      const inside = text.slice(i + 1, end).trim();
      const problem = bracketProblem(inside, referenceOnly);
      if (problem) return problem;
      i = end + 1;
      continue;
    }
    if (/\s/.test(char)) return `unexpected whitespace at position ${i + 1}`;
    return `unexpected '${char}' at position ${i + 1}: expected '.' or '['`;
  }
  return undefined;
}

/**
 * Walk `text` from `start`, skipping quoted strings (with their backslash escapes), and return
 * the index of the first character `stop` accepts; -1 when none does, -2 when the text ends
 * inside a quote.
 */
export function findUnquoted(text: string, start: number, stop: (char: string) => boolean): number {
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (stop(char)) return i;
  }
  return quote === undefined ? -1 : -2;
}

/** Index of the `]` closing the bracket opened at `open`, skipping quoted names and filter parentheses; -1 if none. */
function bracketEnd(text: string, open: number): number {
  let depth = 0;
  const end = findUnquoted(text, open + 1, (char) => {
    if (char === '(') depth++;
    else if (char === ')') depth--;
    return char === ']' && depth <= 0;
  });
  return end < 0 ? -1 : end;
}

function bracketProblem(inside: string, referenceOnly: boolean): string | undefined {
  if (inside.length === 0) return 'empty brackets []';
  if (/^(0|[1-9][0-9]*)$/.test(inside)) return undefined;
  if (/^'([^'\\]|\\.)*'$/.test(inside) || /^"([^"\\]|\\.)*"$/.test(inside)) return undefined;
  if (referenceOnly) return `'[${inside}]' selects more than one node; a reference path allows only [index] and ['name']`;
  if (inside === '*') return undefined;
  if (/^-?[0-9]+$/.test(inside)) return undefined;
  if (/^(-?[0-9]+)?\s*:\s*(-?[0-9]+)?(\s*:\s*(-?[0-9]+)?)?$/.test(inside)) return undefined;
  if (/^(-?[0-9]+|'([^'\\]|\\.)*'|"([^"\\]|\\.)*")(\s*,\s*(-?[0-9]+|'([^'\\]|\\.)*'|"([^"\\]|\\.)*"))+$/.test(inside)) return undefined;
  if (/^\?\s*\(.*\)$/s.test(inside) || /^\(.*\)$/s.test(inside)) return balanced(inside) ? undefined : `unbalanced parentheses in '[${inside}]'`;
  return `'[${inside}]' is not a JSONPath selector`;
}

function balanced(text: string): boolean {
  let depth = 0;
  const unbalanced = findUnquoted(text, 0, (char) => {
    if (char === '(') depth++;
    else if (char === ')') depth--;
    return depth < 0;
  });
  return unbalanced === -1 && depth === 0;
}

/** The variable a path reads, if it starts with `$name`. */
export function variableOfPath(text: string): string | undefined {
  if (text.length < 2 || text[0] !== '$' || text[1] === '$' || text[1] === '.' || text[1] === '[') return undefined;
  return variableName.exec(text.slice(1))?.[0];
}
