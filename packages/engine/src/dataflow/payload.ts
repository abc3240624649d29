/**
 * Payload templates (Parameters, ResultSelector, ItemSelector, Credentials, …): JSON whose
 * keys ending in `.$` take their value from a path (`$…`, `$$…`, `$var…`) or an intrinsic
 * call. A template is compiled once per state into a tree of closures; parts without any
 * `.$` key are constants, shared (never copied) between evaluations.
 */
import type { Json, JsonObject } from '../json.ts';
import type { EvaluationScope } from './types.ts';
import { compilePath } from './paths.ts';
import { evaluateIntrinsic, looksLikeIntrinsic, parseIntrinsic } from './intrinsics.ts';
import { fieldNotFoundError } from './messages.ts';

export type PayloadEvaluator = (input: Json, scope: EvaluationScope) => Json;

/** A template that is not a valid payload template (a definition error, not a runtime one). */
export class PayloadTemplateError extends Error {
  readonly field: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'PayloadTemplateError';
    this.field = field;
  }
}

/**
 * Compile a payload template. `field` names it in errors (e.g. 'Parameters').
 * Throws PathSyntaxError / IntrinsicSyntaxError / PayloadTemplateError on bad definitions.
 */
export function compilePayloadTemplate(template: Json, field: string): PayloadEvaluator {
  const node = compileNode(template, field);
  return node.constant ? () => node.value : node.evaluate;
}

/**
 * A single `.$`-style expression — a path or an intrinsic call — that must produce a value.
 * Used for payload fields and for Fail's ErrorPath/CausePath; `field` is what the cause
 * names when the path matches nothing (AWS: 'value.$', 'ErrorPath', 'CausePath').
 */
export function compileValueExpression(expression: string, field: string): PayloadEvaluator {
  // States of one machine repeat the same `key.$: path` pairs; each pair compiles to one shared
  // function, so a long machine's templates stay small.
  const cacheKey = `${field}\u0000${expression}`;
  let evaluator = valueExpressions.get(cacheKey);
  if (evaluator === undefined) {
    evaluator = buildValueExpression(expression, field);
    valueExpressions.set(cacheKey, evaluator);
  }
  return evaluator;
}

const valueExpressions = new Map<string, PayloadEvaluator>();

function buildValueExpression(expression: string, field: string): PayloadEvaluator {
  if (looksLikeIntrinsic(expression)) {
    const call = parseIntrinsic(expression.trim());
    const ctx = { field };
    return (input, scope) => evaluateIntrinsic(call, input, scope, ctx);
  }
  const path = compilePath(expression);
  return (input, scope) => {
    const value = path(input, scope);
    if (value === undefined) throw fieldNotFoundError(expression, field, input);
    return value;
  };
}

type Compiled = { constant: true; value: Json } | { constant: false; evaluate: PayloadEvaluator };

function compileNode(template: Json, where: string): Compiled {
  if (Array.isArray(template)) {
    const items = template.map((item, i) => compileNode(item, `${where}[${i}]`));
    if (items.every((c) => c.constant)) return { constant: true, value: template };
    const parts = items.map((c) => (c.constant ? c.value : c.evaluate));
    return {
      constant: false,
      evaluate: (input, scope) => {
        const out: Json[] = new Array(parts.length);
        for (let i = 0; i < parts.length; i++) {
          const part = parts[i];
          out[i] = typeof part === 'function' ? part(input, scope) : part;
        }
        return out;
      },
    };
  }
  if (template === null || typeof template !== 'object') return { constant: true, value: template };

  const keys: string[] = [];
  // Each member is a constant (any JSON value) or an evaluator (a function, which no JSON value
  // is): constants need no function of their own.
  const parts: Array<PayloadEvaluator | Json> = [];
  let dynamic = false;
  for (const key of Object.keys(template)) {
    const value = template[key];
    if (key.endsWith('.$')) {
      if (typeof value !== 'string') {
        throw new PayloadTemplateError(where, `the value of '${key}' must be a string holding a path or an intrinsic function`);
      }
      keys.push(key.slice(0, -2));
      parts.push(compileValueExpression(value, key));
      dynamic = true;
    } else {
      const child = compileNode(value, `${where}.${key}`);
      keys.push(key);
      if (child.constant) parts.push(child.value);
      else {
        parts.push(child.evaluate);
        dynamic = true;
      }
    }
  }
  if (!dynamic) return { constant: true, value: template };
  if (keys.includes('__proto__')) return { constant: false, evaluate: (input, scope) => buildWithProtoKey(keys, parts, input, scope) };
  const n = keys.length;
  return {
    constant: false,
    evaluate: (input, scope) => {
      const out: JsonObject = {};
      for (let i = 0; i < n; i++) {
        const part = parts[i];
        out[keys[i]] = typeof part === 'function' ? part(input, scope) : part;
      }
      return out;
    },
  };
}

/** A member named `__proto__` must become an own member, not the object's prototype. */
function buildWithProtoKey(keys: readonly string[], parts: ReadonlyArray<PayloadEvaluator | Json>, input: Json, scope: EvaluationScope): JsonObject {
  const out: JsonObject = {};
  for (let i = 0; i < keys.length; i++) {
    const part = parts[i];
    const value = typeof part === 'function' ? part(input, scope) : part;
    Object.defineProperty(out, keys[i], { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
