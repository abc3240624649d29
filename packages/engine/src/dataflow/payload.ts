/**
 * Payload templates (Parameters, ResultSelector, ItemSelector, Credentials, …): JSON whose
 * keys ending in `.$` take their value from a path (`$…`, `$$…`, `$var…`) or an intrinsic
 * call. A template is compiled once per state into a tree of template nodes; parts without
 * any `.$` key are constants, shared (never copied) between evaluations.
 */
import type { Json, JsonObject } from '../json.ts';
import { jsonByteSize, rememberBuiltSize, sizeWithoutWalk, stringSize } from '../json-size.ts';
import type { EvaluationScope } from './types.ts';
import { compilePath, type PathEvaluator } from './paths.ts';
import { evaluateIntrinsic, looksLikeIntrinsic, parseIntrinsic, type IntrinsicCall, type IntrinsicContext } from './intrinsics.ts';
import { fieldNotFoundError } from './messages.ts';
import { compilationCache } from '../compilation-cache.ts';

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
 * A compiled template, or one `.$` expression of it. Each kind is a class with one `evaluate`
 * on its prototype: as closures made per state, a machine of a thousand states had a thousand
 * functions behind each call site of the data flow, which V8 could neither inline nor predict.
 */
export abstract class PayloadTemplate {
  abstract evaluate(input: Json, scope: EvaluationScope): Json;
}

/**
 * Compile a payload template. `field` names it in errors (e.g. 'Parameters').
 * Throws PathSyntaxError / IntrinsicSyntaxError / PayloadTemplateError on bad definitions.
 */
export function compileTemplate(template: Json, field: string): PayloadTemplate {
  return compileNode(template, field);
}

/** The same, as a function (for the fields evaluated once per state visit at most). */
export function compilePayloadTemplate(template: Json, field: string): PayloadEvaluator {
  const node = compileNode(template, field);
  return (input, scope) => node.evaluate(input, scope);
}

/**
 * A single `.$`-style expression — a path or an intrinsic call — that must produce a value.
 * Used for payload fields and for Fail's ErrorPath/CausePath; `field` is what the cause
 * names when the path matches nothing (AWS: 'value.$', 'ErrorPath', 'CausePath').
 */
export function compileValueExpression(expression: string, field: string): PayloadEvaluator {
  const node = valueExpression(expression, field);
  return (input, scope) => node.evaluate(input, scope);
}

// States of one machine repeat the same `key.$: path` pairs: each pair compiles once, shared.
const valueExpressions = compilationCache<PayloadTemplate>('payload value expressions');

function valueExpression(expression: string, field: string): PayloadTemplate {
  const cacheKey = `${field}\u0000${expression}`;
  let node = valueExpressions.get(cacheKey);
  if (node === undefined) {
    node = looksLikeIntrinsic(expression) ? new IntrinsicValue(parseIntrinsic(expression.trim()), { field }) : new PathValue(compilePath(expression), expression, field);
    valueExpressions.set(cacheKey, node);
  }
  return node;
}

class PathValue extends PayloadTemplate {
  constructor(
    private readonly path: PathEvaluator,
    private readonly expression: string,
    private readonly field: string,
  ) {
    super();
  }

  evaluate(input: Json, scope: EvaluationScope): Json {
    const value = this.path(input, scope);
    if (value === undefined) throw fieldNotFoundError(this.expression, this.field, input);
    return value;
  }
}

class IntrinsicValue extends PayloadTemplate {
  constructor(
    private readonly call: IntrinsicCall,
    private readonly context: IntrinsicContext,
  ) {
    super();
  }

  evaluate(input: Json, scope: EvaluationScope): Json {
    return evaluateIntrinsic(this.call, input, scope, this.context);
  }
}

/** A part without any `.$` key: shared, never copied, between evaluations. */
class ConstantTemplate extends PayloadTemplate {
  constructor(readonly value: Json) {
    super();
  }

  evaluate(): Json {
    return this.value;
  }
}

/**
 * An object with at least one dynamic member. Each member is a constant (any JSON value) or a
 * template node: constants need no node of their own.
 */
class ObjectTemplate extends PayloadTemplate {
  /** The JSON bytes of everything but the dynamic members' values: braces, commas, names, constants. */
  private readonly fixedBytes: number;

  constructor(
    protected readonly keys: readonly string[],
    protected readonly parts: ReadonlyArray<PayloadTemplate | Json>,
  ) {
    super();
    let fixed = 2 + Math.max(0, keys.length - 1);
    for (let i = 0; i < keys.length; i++) {
      const part = parts[i];
      fixed += stringSize(keys[i]) + 1 + (part instanceof PayloadTemplate ? 0 : jsonByteSize(part));
    }
    this.fixedBytes = fixed;
  }

  evaluate(input: Json, scope: EvaluationScope): Json {
    const { keys, parts } = this;
    const out: JsonObject = {};
    // Sized as it is built while its dynamic values are scalars (or objects built just before):
    // the payload-limit check of the state's output then finds the size instead of measuring.
    let bytes = this.fixedBytes;
    for (let i = 0; i < keys.length; i++) {
      const part = parts[i];
      if (part instanceof PayloadTemplate) {
        const value = part.evaluate(input, scope);
        out[keys[i]] = value;
        if (bytes >= 0) {
          const size = sizeWithoutWalk(value);
          bytes = size < 0 ? -1 : bytes + size;
        }
      } else {
        out[keys[i]] = part;
      }
    }
    if (bytes >= 0) rememberBuiltSize(out, bytes);
    return out;
  }
}

/** The same with a member named `__proto__`, which must become an own member, not the object's prototype. */
class ObjectWithProtoKeyTemplate extends ObjectTemplate {
  override evaluate(input: Json, scope: EvaluationScope): Json {
    const { keys, parts } = this;
    const out: JsonObject = {};
    for (let i = 0; i < keys.length; i++) {
      const part = parts[i];
      const value = part instanceof PayloadTemplate ? part.evaluate(input, scope) : part;
      Object.defineProperty(out, keys[i], { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}

class ArrayTemplate extends PayloadTemplate {
  constructor(private readonly parts: ReadonlyArray<PayloadTemplate | Json>) {
    super();
  }

  evaluate(input: Json, scope: EvaluationScope): Json {
    const { parts } = this;
    const out: Json[] = new Array(parts.length);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      out[i] = part instanceof PayloadTemplate ? part.evaluate(input, scope) : part;
    }
    return out;
  }
}

function compileNode(template: Json, where: string): PayloadTemplate {
  if (Array.isArray(template)) {
    const items = template.map((item, i) => compileNode(item, `${where}[${i}]`));
    if (items.every((c) => c instanceof ConstantTemplate)) return new ConstantTemplate(template);
    return new ArrayTemplate(items.map(partOf));
  }
  if (template === null || typeof template !== 'object') return new ConstantTemplate(template);

  const keys: string[] = [];
  const parts: Array<PayloadTemplate | Json> = [];
  let dynamic = false;
  for (const key of Object.keys(template)) {
    const value = template[key];
    if (key.endsWith('.$')) {
      if (typeof value !== 'string') {
        throw new PayloadTemplateError(where, `the value of '${key}' must be a string holding a path or an intrinsic function`);
      }
      keys.push(key.slice(0, -2));
      parts.push(valueExpression(value, key));
      dynamic = true;
    } else {
      const child = compileNode(value, `${where}.${key}`);
      keys.push(key);
      parts.push(partOf(child));
      if (!(child instanceof ConstantTemplate)) dynamic = true;
    }
  }
  if (!dynamic) return new ConstantTemplate(template);
  return keys.includes('__proto__') ? new ObjectWithProtoKeyTemplate(keys, parts) : new ObjectTemplate(keys, parts);
}

/** A member or item as the containing template keeps it: a constant as its value. */
function partOf(node: PayloadTemplate): PayloadTemplate | Json {
  return node instanceof ConstantTemplate ? node.value : node;
}
