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
    const evaluators = items.map(toEvaluator);
    return {
      constant: false,
      evaluate: (input, scope) => {
        const out: Json[] = new Array(evaluators.length);
        for (let i = 0; i < evaluators.length; i++) out[i] = evaluators[i](input, scope);
        return out;
      },
    };
  }
  if (template === null || typeof template !== 'object') return { constant: true, value: template };

  const keys: string[] = [];
  const evaluators: PayloadEvaluator[] = [];
  let dynamic = false;
  for (const key of Object.keys(template)) {
    const value = template[key];
    if (key.endsWith('.$')) {
      if (typeof value !== 'string') {
        throw new PayloadTemplateError(where, `the value of '${key}' must be a string holding a path or an intrinsic function`);
      }
      keys.push(key.slice(0, -2));
      evaluators.push(compileValueExpression(value, key));
      dynamic = true;
    } else {
      const child = compileNode(value, `${where}.${key}`);
      if (!child.constant) dynamic = true;
      keys.push(key);
      evaluators.push(toEvaluator(child));
    }
  }
  if (!dynamic) return { constant: true, value: template };
  const n = keys.length;
  return {
    constant: false,
    evaluate: (input, scope) => {
      const out: JsonObject = {};
      for (let i = 0; i < n; i++) {
        const key = keys[i];
        const value = evaluators[i](input, scope);
        if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        else out[key] = value;
      }
      return out;
    },
  };
}

function toEvaluator(c: Compiled): PayloadEvaluator {
  if (c.constant) {
    const value = c.value;
    return () => value;
  }
  return c.evaluate;
}
