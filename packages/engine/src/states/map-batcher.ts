/**
 * A Distributed Map's ItemBatcher: the selected items (each already through ItemSelector, as the
 * ASL spec's "Processing Items" orders it) are grouped into batches, and each batch is one child
 * execution whose input is `{ "BatchInput": …, "Items": [ … ] }` (AWS's "ItemBatcher (Map)"
 * page, https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html).
 *
 * A batch holds at most MaxItemsPerBatch items and at most MaxInputBytesPerBatch bytes; with no
 * byte limit, "as many items it can process up to 256 KiB". Where AWS is silent, Stepwise
 * chooses: the bytes measured are those of the child execution's whole input as compact JSON
 * (BatchInput included); an item that alone exceeds the byte limit travels alone in its batch;
 * a byte limit above the payload limit (256 KiB) is lowered to it; BatchInput is evaluated once
 * per Map run against the Map's effective input (JSONPath) or `$states.input` (JSONata).
 */
import type { MapState } from '../definition/asl.ts';
import { compilePath } from '../dataflow/paths.ts';
import { compilePayloadTemplate } from '../dataflow/payload.ts';
import { compileJsonataTemplate } from '../dataflow/jsonata.ts';
import { StatesErrors, stateFailure } from '../errors.ts';
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import { jsonByteSize } from '../json-size.ts';
import type { Visit } from '../interpreter.ts';
import { jsonataBindings } from './io.ts';
import { compileJsonataNumber } from './jsonata-fields.ts';

export interface BatchPlan {
  /** At most this many items per batch (Infinity: no count limit). */
  maxItems: number;
  /** At most this many bytes of child input per batch. */
  maxBytes: number;
  /** The evaluated BatchInput, when the ItemBatcher has one. */
  batchInput: Json | undefined;
}

/** One child execution of a batched Map: its input, and how many items it carries. */
export interface Batch {
  input: JsonObject;
  itemCount: number;
}

export type CompiledItemBatcher = (effective: Json, visit: Visit) => Promise<BatchPlan>;

type PositiveField = (effective: Json, visit: Visit) => number | undefined | Promise<number | undefined>;

/** Undefined when the Map has no ItemBatcher. */
export function compileItemBatcher(definition: MapState, queryLanguage: 'JSONPath' | 'JSONata'): CompiledItemBatcher | undefined {
  const batcher = definition.ItemBatcher;
  if (!isJsonObject(batcher)) return undefined;
  const maxItems = positiveField(batcher, 'MaxItemsPerBatch', queryLanguage);
  const maxBytes = positiveField(batcher, 'MaxInputBytesPerBatch', queryLanguage);
  const batchInput = compileBatchInput(batcher, queryLanguage);
  return async (effective, visit) => {
    const ceiling = visit.runtime.services.limits.maxPayloadBytes;
    const items = await maxItems(effective, visit);
    const bytes = await maxBytes(effective, visit);
    return {
      maxItems: items ?? Infinity,
      maxBytes: Math.min(bytes ?? ceiling, ceiling),
      batchInput: batchInput === undefined ? undefined : await batchInput(effective, visit),
    };
  };
}

/** Group the selected items into batches, in item order. */
export function batchItems(selected: readonly Json[], plan: BatchPlan): Batch[] {
  const batches: Batch[] = [];
  const shell: JsonObject = plan.batchInput === undefined ? { Items: [] } : { BatchInput: plan.batchInput, Items: [] };
  const shellBytes = jsonByteSize(shell);
  let items: Json[] = [];
  let bytes = shellBytes;
  const close = () => {
    batches.push({ input: plan.batchInput === undefined ? { Items: items } : { BatchInput: plan.batchInput, Items: items }, itemCount: items.length });
    items = [];
    bytes = shellBytes;
  };
  for (const item of selected) {
    const itemBytes = jsonByteSize(item);
    // A comma separates an item from the one before it.
    if (items.length > 0 && (items.length >= plan.maxItems || bytes + 1 + itemBytes > plan.maxBytes)) close();
    bytes += (items.length > 0 ? 1 : 0) + itemBytes;
    items.push(item);
  }
  if (items.length > 0) close();
  return batches;
}

function compileBatchInput(batcher: JsonObject, queryLanguage: 'JSONPath' | 'JSONata'): ((effective: Json, visit: Visit) => Json | Promise<Json>) | undefined {
  if (!('BatchInput' in batcher)) return undefined;
  const template = batcher.BatchInput as Json;
  if (queryLanguage === 'JSONata') {
    const compiled = compileJsonataTemplate(template, 'BatchInput');
    return (effective, visit) => compiled.evaluate(jsonataBindings(visit, { input: effective }));
  }
  return compilePayloadTemplate(template, 'BatchInput');
}

/**
 * MaxItemsPerBatch / MaxInputBytesPerBatch: a positive integer, given as such, through a
 * reference path (JSONPath), or as a JSONata expression. AWS words no error for a bad path value
 * that the corpus records; the cause follows AWS's for TimeoutSecondsPath ("… which is not a
 * valid positive integer: <path>").
 */
function positiveField(batcher: JsonObject, field: string, queryLanguage: 'JSONPath' | 'JSONata'): PositiveField {
  const value = batcher[field];
  const path = batcher[`${field}Path`];
  if (typeof path === 'string' && queryLanguage === 'JSONPath') {
    const read = compilePath(path);
    return (effective, visit) => {
      const found = read(effective, visit);
      if (typeof found !== 'number' || !Number.isInteger(found) || found < 1) {
        throw stateFailure(StatesErrors.Runtime, `The ${field}Path field refers to value ${JSON.stringify(found ?? null)} which is not a valid positive integer: ${path}`);
      }
      return found;
    };
  }
  if (typeof value === 'string' && queryLanguage === 'JSONata') {
    const evaluate = compileJsonataNumber(value, field, 'integer');
    return async (effective, visit) => {
      const number = await evaluate(effective, visit);
      if (number < 1) throw stateFailure(StatesErrors.Runtime, `The ${field} field must be a positive integer; it evaluated to ${number}.`);
      return number;
    };
  }
  const fixed = typeof value === 'number' ? value : undefined;
  return () => fixed;
}
