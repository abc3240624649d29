/**
 * Is a value from outside the engine JSON the engine can carry? Inside an execution every value
 * is JSON and shared as is, so what comes in at the edges is checked once: the execution input
 * and what task code returns. A value that is not JSON (a Date, a Map, NaN, a BigInt, a
 * function), a cycle, or nesting so deep that walking it would exhaust the call stack is named
 * with its place, instead of failing later as a stack overflow or a history that cannot be read.
 * Members whose value is undefined are allowed: JSON.stringify leaves them out, and so does the
 * engine.
 */

/**
 * Deepest nesting accepted. AWS documents none; 1,000 is the default maximum nesting depth of
 * Jackson (since 2.15), the most used JSON library in Java services, far past any real payload
 * and well within what a JavaScript call stack can walk. Our choice, named in the tests.
 */
export const MAX_JSON_DEPTH = 1000;

/** What is wrong with a value, and where: the keys and indexes from the top, outermost first. */
export interface JsonProblem {
  path: Array<string | number>;
  message: string;
}

/** The first thing that makes a value not JSON the engine can take, or undefined. */
export function findJsonProblem(value: unknown): JsonProblem | undefined {
  const problem = check(value, 0, []);
  return problem && { path: problem.where.reverse().slice(0, problem.depth), message: problem.what };
}

/** The same, said as text: where (a JSONPath from `$`, elided past a few levels) and what. */
export function jsonProblem(value: unknown): string | undefined {
  const problem = findJsonProblem(value);
  if (!problem) return undefined;
  const segments = problem.path.map((key) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`));
  const path = segments.length <= SHOWN_SEGMENTS ? segments.join('') : `${segments.slice(0, SHOWN_SEGMENTS).join('')}… (${segments.length} levels down)`;
  return `${segments.length === 0 ? 'the value itself' : `$${path}`}: ${problem.message}`;
}

/** Path segments shown before the rest is elided: a path a thousand levels deep says nothing more. */
const SHOWN_SEGMENTS = 8;

interface Problem {
  /** Keys and indexes, innermost first (added as the walk unwinds). */
  where: Array<string | number>;
  /** How many of the outermost segments name the place (a cycle is named where it first closes). */
  depth?: number;
  what: string;
}

function check(value: unknown, depth: number, ancestors: unknown[]): Problem | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : { where: [], what: `${value} is not a JSON number` };
    case 'undefined':
      return depth === 0 ? { where: [], what: 'undefined is not JSON' } : undefined;
    case 'bigint':
      return { where: [], what: 'a BigInt is not JSON (give it as a number or a string)' };
    case 'function':
    case 'symbol':
      return { where: [], what: `a ${typeof value} is not JSON` };
  }
  if (value === null) return undefined;
  if (depth >= MAX_JSON_DEPTH) {
    const closes = firstRepeat(ancestors, depth);
    return closes === undefined
      ? { where: [], what: `nested deeper than ${MAX_JSON_DEPTH} levels` }
      : { where: [], depth: closes, what: 'the value contains itself (a cycle), which JSON cannot hold' };
  }
  ancestors[depth] = value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = check(value[i], depth + 1, ancestors);
      if (problem) return within(problem, i);
    }
    return undefined;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  // A plain object, of this realm or another (a worker's, an iframe's): its prototype's prototype is null.
  if (prototype !== Object.prototype && prototype !== null && Object.getPrototypeOf(prototype) !== null) {
    const kind = (prototype.constructor as { name?: string } | undefined)?.name;
    const hint = value instanceof Date ? ' (give its ISO text: date.toISOString())' : '';
    return { where: [], what: `${kind ? `a ${kind}` : 'an object with a prototype'} is not a plain JSON object${hint}` };
  }
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const problem = check(object[key], depth + 1, ancestors);
    if (problem) return within(problem, key);
  }
  return undefined;
}

function within(problem: Problem, segment: string | number): Problem {
  problem.where.push(segment);
  return problem;
}

/** The depth at which a container first reappears among its own ancestors, if one does. */
function firstRepeat(ancestors: unknown[], depth: number): number | undefined {
  const seen = new Set<unknown>();
  for (let level = 0; level < depth; level++) {
    if (seen.has(ancestors[level])) return level;
    seen.add(ancestors[level]);
  }
  return undefined;
}
