/**
 * What a parsed JSONata expression reads, found once at compile time by walking its syntax tree:
 *
 * - the `$name` variables it mentions, so that only those workflow variables are looked up and
 *   bound at evaluation (a VariableScope cannot be enumerated, and most states use few);
 * - the references AWS refuses. The States Language says an expression MUST NOT reference `$` or
 *   unqualified field names at the top level (nested inside a path step, predicate or sort they
 *   are fine) and MUST NOT reference `$$`. AWS enforces this at CreateStateMachine with
 *   `UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported.`
 *   (measured by floci-io/floci #2670/#2699, which also found that a lambda body keeps the
 *   top-level context: `function($x){ b }` names `b` at the top level);
 * - which `$states.<field>` it reads, for the validator's placement rules
 *   (`$states.result` only in Output/Assign of Task/Map/Parallel, `$states.errorOutput` only in a
 *   Catch);
 * - operators JSONata added after 2.0.6, the version AWS implements ("Step Functions implements
 *   JSONata based on the 2.0.6 specification", Transforming data with JSONata in Step Functions):
 *   `?:` and `??` arrived in 2.1.0 and AWS does not accept them.
 */

/** The parts of the jsonata parse tree this walk reads (the package's own ExprNode type is loose). */
interface Node {
  type?: string;
  value?: unknown;
  position?: number;
  [key: string]: unknown;
}

export interface JsonataAnalysis {
  /** Every `$name` mentioned (not `$`, `$$` nor `$states`); includes function names like `sum`. */
  readonly variables: readonly string[];
  /** Names read against the (absent) top-level context, `$` included, in source order. */
  readonly topLevelReferences: readonly string[];
  /** True when `$$` appears anywhere. */
  readonly referencesRoot: boolean;
  /** `input`, `result`, `errorOutput`, `context`, or anything else read as `$states.<field>`. */
  readonly statesFields: readonly string[];
  /**
   * Whether the expression may read `$states.context`: it names it, or uses `$states` other than
   * as `$states.<field>` (`$keys($states)`, `$states ~> …`). Otherwise the context object, the
   * costliest part of `$states` to build, is left out of the binding.
   */
  readonly readsContext: boolean;
  /** Whether `$states` appears at all (a call of `$eval` may still read it: see jsonata.ts). */
  readonly readsStates: boolean;
  /** `?:` or `??` when the expression uses an operator AWS's JSONata 2.0.6 does not have. */
  readonly unsupportedOperator: '?:' | '??' | undefined;
  /**
   * The expression uses the `[]` keep-array suffix. On such a path the jsonata engine marks the
   * array it returns with a `keepSingleton` property, and when that array comes straight from a
   * bound value it is the caller's own array: bound values must then be copies.
   */
  readonly mutatesBoundArrays: boolean;
}

export function analyzeJsonataAst(ast: unknown): JsonataAnalysis {
  const variables = new Set<string>();
  const statesFields = new Set<string>();
  const topLevel = new Set<string>();
  let referencesRoot = false;
  let unsupportedOperator: '?:' | '??' | undefined;
  let mutatesBoundArrays = false;
  let statesVariables = 0;
  let statesFieldPaths = 0;

  // Pass 1: every node, for variables, $$, $states fields and post-2.0.6 operators.
  const seen = new Set<unknown>();
  const visitAll = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visitAll(item);
      return;
    }
    const node = value as Node;
    if (node.type === 'variable' && typeof node.value === 'string') {
      if (node.value === '$') referencesRoot = true;
      else if (node.value === 'states') statesVariables++;
      else if (node.value !== '') variables.add(node.value);
    }
    if (node.type === 'path' && Array.isArray(node.steps)) {
      const [first, second] = node.steps as Node[];
      if (first?.type === 'variable' && first.value === 'states' && second?.type === 'name' && typeof second.value === 'string') {
        statesFields.add(second.value);
        statesFieldPaths++;
      }
    }
    if (node.type === 'condition' && unsupportedOperator === undefined) unsupportedOperator = newerConditionOperator(node);
    if (node.keepSingletonArray === true) mutatesBoundArrays = true;
    for (const key of Object.keys(node)) visitAll(node[key]);
  };
  visitAll(ast);

  // Pass 2: only the positions evaluated against the top-level context.
  const visitTop = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visitTop(item);
      return;
    }
    const node = value as Node;
    switch (node.type) {
      case 'path':
        // Only the first step reads the context; later steps, predicates and sort terms read the
        // value the step before produced.
        if (Array.isArray(node.steps)) visitTop(node.steps[0]);
        break;
      case 'name':
        if (typeof node.value === 'string') topLevel.add(node.value);
        break;
      case 'variable':
        if (node.value === '') topLevel.add('$');
        break;
      case 'binary':
      case 'apply':
        visitTop(node.lhs);
        visitTop(node.rhs);
        break;
      case 'function':
      case 'partial':
        visitTop(node.procedure);
        visitTop(node.arguments);
        break;
      case 'lambda':
        visitTop(node.body);
        break;
      case 'condition':
        visitTop(node.condition);
        visitTop(node.then);
        visitTop(node.else);
        break;
      case 'block':
        visitTop(node.expressions);
        break;
      case 'bind':
        visitTop(node.rhs);
        break;
      case 'unary':
        if (node.value === '[') visitTop(node.expressions);
        else if (node.value === '{') visitTop(node.lhs); // key/value pairs: both read the context
        else visitTop(node.expression);
        break;
      default:
        // literals, regexes, wildcards, descendants, transforms, parents: nothing read here.
        break;
    }
  };
  visitTop(ast);

  return {
    variables: [...variables],
    topLevelReferences: [...topLevel],
    referencesRoot,
    statesFields: [...statesFields],
    readsContext: statesFields.has('context') || statesVariables > statesFieldPaths,
    readsStates: statesVariables > 0,
    unsupportedOperator,
    mutatesBoundArrays,
  };
}

/**
 * The 2.1+ parser expands `a ?: b` into a condition whose test is a deep copy of its `then`
 * branch, and `a ?? b` into one whose test calls `$exists` through a synthetic node with no
 * source position. A hand-written ternary never has either shape.
 */
function newerConditionOperator(node: Node): '?:' | '??' | undefined {
  const test = node.condition as Node | undefined;
  if (!test || typeof test !== 'object') return undefined;
  const procedure = test.procedure as Node | undefined;
  if (test.type === 'function' && procedure?.type === 'variable' && procedure.value === 'exists' && procedure.position === undefined) {
    return '??';
  }
  try {
    if (node.then !== undefined && JSON.stringify(test) === JSON.stringify(node.then)) return '?:';
  } catch {
    // A tree JSON cannot write (it never happens with jsonata 2.x) is not the `?:` expansion.
  }
  return undefined;
}
