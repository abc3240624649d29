/**
 * JSONata inside Step Functions strings: a string that starts with `{%` and ends with `%}` is an
 * expression. It is parsed here with the jsonata library, and its syntax tree is checked for what
 * AWS refuses when a definition is created (measured with ValidateStateMachineDefinition):
 * - a name read at the top level (`phone`, `{"a": name}`): Step Functions evaluates expressions
 *   with no context item, so data must come from `$states` or a variable
 *   (UNSUPPORTED_JSONATA_EXPRESSION "Reference to 'phone' at the top level is not supported");
 * - `$$` (the root context, which does not exist) and `$states.errorOutput` outside a catcher.
 * Results are cached: the same expressions recur across validations while a user types.
 * The parser is the installed jsonata library (dataflow/jsonata-library.ts); without it (the core
 * entry alone) there is no analysis, and the validator reports the missing support instead.
 */
import { jsonataLibrary } from '../dataflow/jsonata-library.ts';
import { compilationCache } from '../compilation-cache.ts';

export interface JsonataAnalysis {
  /** The parser's message when the expression does not parse. */
  syntaxError?: string;
  /** Names read at the top level, in order of appearance. */
  topLevelNames: string[];
  readsRootContext: boolean;
  readsErrorOutput: boolean;
}

const cache = compilationCache<JsonataAnalysis>('JSONata analyses');
const maxAstDepth = 200;

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

/** Parses and inspects the expression inside `{% … %}`; undefined when JSONata support is not loaded. */
export function analyzeJsonata(text: string): JsonataAnalysis | undefined {
  const jsonata = jsonataLibrary();
  if (jsonata === undefined) return undefined;
  const body = text.slice(2, -2);
  const cached = cache.get(body);
  if (cached) return cached;
  const analysis: JsonataAnalysis = { topLevelNames: [], readsRootContext: false, readsErrorOutput: false };
  if (body.trim().length === 0) {
    analysis.syntaxError = 'the expression is empty';
  } else {
    try {
      inspect(jsonata(body).ast() as AstNode, false, analysis, 0);
    } catch (caught) {
      const details = caught as { message?: string; position?: number };
      analysis.syntaxError = `${details.message ?? String(caught)}${typeof details.position === 'number' ? ` (at character ${details.position})` : ''}`;
    }
  }
  cache.set(body, analysis);
  return analysis;
}

interface AstNode {
  type?: string;
  value?: unknown;
  steps?: AstNode[];
  [key: string]: unknown;
}

/** Children evaluated against the items of the path step they belong to, not the top level. */
const relativeChildren = new Set(['stages', 'predicate', 'group', 'terms', 'focus']);
const ignoredKeys = new Set(['value', 'position', 'type', 'keepArray', 'consarray', 'tuple', 'index', 'ancestor', 'slot', 'nextFunction']);

function inspect(node: unknown, inContext: boolean, analysis: JsonataAnalysis, depth: number): void {
  if (depth > maxAstDepth || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) inspect(item, inContext, analysis, depth + 1);
    return;
  }
  const ast = node as AstNode;
  if (ast.type === 'name' && !inContext) {
    const name = String(ast.value);
    if (!analysis.topLevelNames.includes(name)) analysis.topLevelNames.push(name);
  }
  if (ast.type === 'variable' && ast.value === '$') analysis.readsRootContext = true;
  if (ast.type === 'path' && Array.isArray(ast.steps)) {
    const [first, second] = ast.steps;
    if (first?.type === 'variable' && first.value === 'states' && second?.type === 'name' && second.value === 'errorOutput') analysis.readsErrorOutput = true;
    ast.steps.forEach((step, index) => inspect(step, index === 0 ? inContext : true, analysis, depth + 1));
    for (const [key, child] of Object.entries(ast)) {
      if (key !== 'steps' && !ignoredKeys.has(key)) inspect(child, true, analysis, depth + 1);
    }
    return;
  }
  // A transform (| pattern | update |) works on the object it is applied to.
  const childrenInContext = ast.type === 'transform' ? true : inContext;
  for (const [key, child] of Object.entries(ast)) {
    if (ignoredKeys.has(key)) continue;
    inspect(child, relativeChildren.has(key) ? true : childrenInContext, analysis, depth + 1);
  }
}
