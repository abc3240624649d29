/**
 * Map: runs its item processor once per item, at most MaxConcurrency at a time, and returns
 * the outputs in item order. Inline mode records each iteration's events in the execution's
 * history; Distributed mode records a map run, as AWS does, and the iterations' own events
 * stay out of the parent history.
 */
import type { MapState } from '../definition/asl.ts';
import { compileItemSelector, compileItemsPath } from '../dataflow/pipeline.ts';
import { compileJsonataField, compileJsonataTemplate, jsonataExpressionText } from '../dataflow/jsonata.ts';
import { JsonataCauses, JsonataEvaluationError } from '../dataflow/jsonata-errors.ts';
import { jsonTypeName } from '../dataflow/jsonata-values.ts';
import type { EvaluationScope } from '../dataflow/types.ts';
import { StatesError, StatesErrors, stateFailure } from '../errors.ts';
import { DISCARDED_EVENTS } from '../history.ts';
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import { markReported, nestedFrame, runScope, StopSignal, type Frame, type Visit } from '../interpreter.ts';
import { Cancellation, type CancelSignal } from '../cancellation.ts';
import { uuidFrom } from '../random.ts';
import { VariableStore } from '../variables.ts';
import { andThen, isPromise, type MaybePromise } from '../maybe-async.ts';
import { RecoverableStateNode, type StateNode } from './base.ts';
import { jsonataBindings, IO_SHAPES } from './io.ts';
import { batchItems, compileItemBatcher, type BatchPlan } from './map-batcher.ts';
import { compileItemReader } from './map-reader.ts';
import { compileResultWriter, type ChildRecord, type CompiledResultWriter } from './map-writer.ts';
import { compileMapRunConfig, type MapRunConfig } from './map-config.ts';
import type { CompiledScope, ScopeCompiler, StateOutcome } from './types.ts';

/** AWS runs at most 40 inline iterations at once, whatever MaxConcurrency says. */
const INLINE_CONCURRENCY_CEILING = 40;
/** A Distributed Map runs up to 10,000 child executions in parallel (AWS's Distributed Map page). */
const DISTRIBUTED_CONCURRENCY_CEILING = 10_000;

interface MapItem {
  Index: number;
  Value: Json;
  Key?: string;
}

type ItemsReader = (effective: Json, visit: Visit) => Json | Promise<Json>;
type ItemInput = (effective: Json, item: MapItem, visit: Visit) => Json | Promise<Json>;

class MapNode extends RecoverableStateNode<MapState> {
  private readonly processor: CompiledScope;
  private readonly distributed: boolean;
  private readonly readItems: ItemsReader;
  private readonly itemInput: ItemInput;
  private readonly runConfig: ReturnType<typeof compileMapRunConfig>;
  private readonly batcher: ReturnType<typeof compileItemBatcher> | undefined;
  private readonly inlineOnlyMisuse: string | undefined;
  private readonly writer: CompiledResultWriter | undefined;

  constructor(name: string, definition: MapState, queryLanguage: 'JSONPath' | 'JSONata', compiler: ScopeCompiler) {
    super(name, definition, queryLanguage, IO_SHAPES.map);
    const processorDefinition = definition.ItemProcessor ?? definition.Iterator!;
    this.processor = compiler.compileScope(processorDefinition, queryLanguage);
    const distributed = (this.distributed = processorDefinition.ProcessorConfig?.Mode === 'DISTRIBUTED');
    this.readItems = compileItemsReader(definition, queryLanguage, distributed);
    this.itemInput = compileItemInput(definition, queryLanguage);
    this.runConfig = compileMapRunConfig(definition, queryLanguage);
    // ItemBatcher is a Distributed Map field (AWS refuses it on an Inline Map).
    this.batcher = distributed ? compileItemBatcher(definition, queryLanguage) : undefined;
    this.inlineOnlyMisuse = distributed ? undefined : distributedOnlyFields(definition);
    this.writer = distributed ? compileResultWriter(definition, queryLanguage) : undefined;
  }

  async execute(input: Json, visit: Visit): Promise<StateOutcome> {
    const { io, runConfig, distributed } = this;
    if (this.inlineOnlyMisuse) throw stateFailure(StatesErrors.Runtime, this.inlineOnlyMisuse);
    const effective = await io.prepare(input, visit);
    const maxConcurrency = await runConfig.maxConcurrency(effective, visit);
    const items = mapItems(await this.readItems(effective, visit), this.queryLanguage, distributed);
    visit.record('MapStateStarted', { length: items.values.length });
    const config: MapRunConfig = { maxConcurrency, ...(await runConfig.tolerance(effective, visit)) };
    const plan = this.batcher ? await this.batcher(effective, visit) : undefined;
    const results = distributed
      ? await runDistributed(this.name, this.definition, this.processor, effective, items, config, this.itemInput, visit, plan, this.writer)
      : await runInline(this.processor, effective, items, config, this.itemInput, visit);
    return io.complete(input, results, visit);
  }

  recordFailure(visit: Visit): void {
    visit.record('MapStateFailed');
  }
}

export function compileMap(name: string, definition: MapState, queryLanguage: 'JSONPath' | 'JSONata', compiler: ScopeCompiler): StateNode {
  return new MapNode(name, definition, queryLanguage, compiler);
}

async function runInline(
  processor: ReturnType<ScopeCompiler['compileScope']>,
  effective: Json,
  items: MapItems,
  config: MapRunConfig,
  itemInput: ItemInput,
  visit: Visit,
): Promise<Json[]> {
  const mapThread = visit.frame.thread;
  /** The id of the latest MapIterationSucceeded event (AWS links MapStateSucceeded to it). */
  let lastSucceeded = 0;
  /** Record an iteration's success; the map's own events continue from the iteration's last one. */
  const succeeded = (item: MapItem, frame: Frame, output: Json): Json => {
    lastSucceeded = visit.recordIteration('MapIterationSucceeded', item.Index, frame.thread.last, false);
    mapThread.last = frame.thread.last;
    return output;
  };
  const outcome = await runIterations(items, config, INLINE_CONCURRENCY_CEILING, visit, (item, signal) => {
    const startedId = visit.recordIteration('MapIterationStarted', item.Index, undefined, false);
    const frame = nestedFrame(visit, { thread: { last: startedId }, signal, mapItem: item });
    // An iteration whose states need no waiting completes synchronously: no promise, and no
    // closure, per item.
    try {
      const input = itemInput(effective, item, visit);
      const output = isPromise(input) ? input.then((ready) => runScope(processor, ready, frame)) : runScope(processor, input, frame);
      if (!isPromise(output)) return succeeded(item, frame, output);
      return output.then(
        (settled) => succeeded(item, frame, settled),
        (error) => iterationFailed(visit, item, frame, error),
      );
    } catch (error) {
      return iterationFailed(visit, item, frame, error);
    }
  });
  if (outcome.failure) {
    if (visit.signal.aborted) throw visit.signal.reason;
    mapThread.last = outcome.failure.lastEventId;
    throw markReported(outcome.failure.error);
  }
  if (lastSucceeded) mapThread.last = lastSucceeded;
  visit.record('MapStateSucceeded', undefined, undefined, false);
  return outcome.results;
}

function iterationFailed(visit: Visit, item: MapItem, frame: Frame, error: unknown): never {
  if (!frame.signal.aborted) visit.recordIteration('MapIterationFailed', item.Index, frame.thread.last, false);
  throw Object.assign(asIterationFailure(error), { lastEventId: frame.thread.last });
}

async function runDistributed(
  mapName: string,
  definition: MapState,
  processor: ReturnType<ScopeCompiler['compileScope']>,
  effective: Json,
  items: MapItems,
  config: MapRunConfig,
  itemInput: ItemInput,
  visit: Visit,
  plan: BatchPlan | undefined,
  writer: CompiledResultWriter | undefined,
): Promise<Json> {
  const { identity, services } = visit.runtime;
  const label = definition.Label ?? mapName;
  const runId = uuidFrom(services.random);
  const mapRunArn = `${identity.stateMachineArn.replace(':stateMachine:', ':mapRun:')}/${label}:${runId}`;
  // With an ItemBatcher, each item goes through ItemSelector first, then the selected items are
  // grouped: one child execution per batch, its input `{ BatchInput?, Items }`.
  const units = plan ? await batchedUnits(items, plan, effective, itemInput, visit) : items;
  // The ResultWriter's Parameters are evaluated, and its handler found, before any child runs.
  const prepared = writer ? await writer.prepare(effective, visit) : undefined;
  const records: ChildRecord[] = prepared ? new Array(units.values.length) : [];
  visit.record('MapRunStarted', { mapRunArn });
  const outcome = await runIterations(units, config, DISTRIBUTED_CONCURRENCY_CEILING, visit, async (item, signal) => {
    // A Distributed Map's iterations are child executions: their events are not in this
    // history, and they see none of the parent's variables.
    const frame = nestedFrame(visit, { thread: { last: 0 }, signal, mapItem: item, events: DISCARDED_EVENTS, variables: new VariableStore() });
    if (!prepared) {
      if (plan) return runScope(processor, item.Value, frame);
      return andThen(itemInput(effective, item, visit), (input) => runScope(processor, input, frame));
    }
    // With a ResultWriter, what each child did is kept for its records.
    const record: ChildRecord = { name: uuidFrom(services.random), input: null, startDate: visit.runtime.clock.now(), stopDate: 0, status: 'SUCCEEDED' };
    records[item.Index] = record;
    try {
      record.input = plan ? item.Value : await itemInput(effective, item, visit);
      record.output = await runScope(processor, record.input, frame);
      return record.output;
    } catch (thrown) {
      const failure = asIterationFailure(thrown);
      Object.assign(record, { status: 'FAILED', error: failure.error, cause: failure.cause });
      throw thrown;
    } finally {
      record.stopDate = visit.runtime.clock.now();
    }
  });
  if (outcome.failure) {
    if (visit.signal.aborted) throw visit.signal.reason;
    visit.record('MapRunFailed', { error: outcome.failure.error.error, cause: outcome.failure.error.cause });
    throw markReported(outcome.failure.error);
  }
  let result: Json = outcome.results;
  if (prepared) {
    try {
      result = await prepared.finish(outcome.results, records, { mapRunArn, runId, label }, visit);
    } catch (thrown) {
      if (visit.signal.aborted) throw thrown;
      const error = thrown instanceof StatesError ? thrown : new StatesError(StatesErrors.ResultWriterFailed, String(thrown));
      visit.record('MapRunFailed', { error: error.error, cause: error.cause });
      throw markReported(error);
    }
  }
  visit.record('MapRunSucceeded');
  visit.record('MapStateSucceeded', undefined, undefined, false);
  return result;
}

/** The batches as iteration units: each one's input is its Value, and it weighs as many items as it carries. */
async function batchedUnits(items: MapItems, plan: BatchPlan, effective: Json, itemInput: ItemInput, visit: Visit): Promise<MapItems> {
  const selected: Json[] = new Array(items.values.length);
  for (let index = 0; index < items.values.length; index++) {
    const item: MapItem = items.keys ? { Index: index, Key: items.keys[index], Value: items.values[index] } : { Index: index, Value: items.values[index] };
    const input = itemInput(effective, item, visit);
    selected[index] = isPromise(input) ? await input : input;
  }
  const batches = batchItems(selected, plan);
  return { values: batches.map((batch) => batch.input), weights: batches.map((batch) => batch.itemCount) };
}

/**
 * ItemBatcher, ItemReader and ResultWriter belong to Distributed Maps; AWS refuses them on an
 * Inline Map. Stepwise's validator lets them through, so an Inline Map that has one fails at run
 * time with this cause instead of ignoring the field.
 */
function distributedOnlyFields(definition: MapState): string | undefined {
  const fields = (['ItemBatcher', 'ItemReader', 'ResultWriter'] as const).filter((field) => definition[field] !== undefined);
  if (fields.length === 0) return undefined;
  return `${fields.join(', ')} ${fields.length === 1 ? 'works' : 'work'} only in a Distributed Map (ItemProcessor.ProcessorConfig.Mode "DISTRIBUTED"); this Map runs inline.`;
}

interface IterationFailure {
  error: StatesError;
  lastEventId: number;
}

/**
 * Run `iterate` over the items with at most `maxConcurrency` (and never more than `ceiling`)
 * at once, results in item order.
 * Failures are counted against the tolerated thresholds; past them, the rest are stopped.
 */
async function runIterations(
  { values: items, keys, weights }: MapItems,
  config: MapRunConfig,
  ceiling: number,
  visit: Visit,
  iterate: (item: MapItem, signal: CancelSignal) => MaybePromise<Json>,
): Promise<{ results: Json[]; failure?: IterationFailure }> {
  const results: Json[] = new Array(items.length);
  const controller = Cancellation.childOf(visit.signal);
  const limit = config.maxConcurrency > 0 ? Math.min(config.maxConcurrency, ceiling) : ceiling;
  // A failed batch counts each of its items against the tolerated thresholds.
  const itemCount = weights ? weights.reduce((sum, weight) => sum + weight, 0) : items.length;
  const tolerance = toleratedFailures(config, itemCount);
  let failures = 0;
  let failure: IterationFailure | undefined;
  let next = 0;

  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      // Each item's { Index, Value } is made as its iteration starts, not all up front: made
      // late, most die young instead of being kept (and promoted) for the whole Map.
      const index = next++;
      const item: MapItem = keys ? { Index: index, Key: keys[index], Value: items[index] } : { Index: index, Value: items[index] };
      try {
        const result = iterate(item, controller.signal);
        results[item.Index] = isPromise(result) ? await result : result;
      } catch (thrown) {
        if (controller.signal.aborted) return;
        const error = thrown as StatesError & { lastEventId?: number };
        failures += weights ? weights[item.Index] : 1;
        results[item.Index] = null;
        if (failures > tolerance) {
          const exceeded = tolerance > 0 || config.toleratedFailureCount !== undefined || config.toleratedFailurePercentage !== undefined;
          failure = {
            error: exceeded
              ? new StatesError(StatesErrors.ExceedToleratedFailureThreshold, 'The specified tolerated failure threshold was exceeded')
              : error,
            lastEventId: error.lastEventId ?? visit.frame.thread.last,
          };
          controller.abort(new StopSignal('branch-cancelled'));
        }
      }
    }
  };
  const workers: Promise<void>[] = [];
  visit.runtime.nestedRuns++;
  try {
    for (let i = 0; i < Math.min(limit, items.length); i++) workers.push(worker());
    await Promise.all(workers);
  } finally {
    visit.runtime.nestedRuns--;
    controller.release();
  }
  return { results, failure };
}

function toleratedFailures(config: MapRunConfig, itemCount: number): number {
  let tolerance = 0;
  if (config.toleratedFailureCount !== undefined) tolerance = Math.max(tolerance, config.toleratedFailureCount);
  if (config.toleratedFailurePercentage !== undefined) {
    tolerance = Math.max(tolerance, Math.floor((config.toleratedFailurePercentage / 100) * itemCount));
  }
  return tolerance;
}

function asIterationFailure(error: unknown): StatesError {
  if (error instanceof StatesError) return error;
  if (error instanceof StopSignal) return new StatesError(StatesErrors.Runtime, 'The iteration was stopped.');
  return new StatesError(StatesErrors.Runtime, error instanceof Error ? error.message : String(error));
}

/** The Map state's scope with `$$.Map.Item` for one item. */
function itemScope(visit: Visit, item: MapItem): EvaluationScope {
  return new ItemScope(visit, item);
}

/**
 * Its context object is built only if read (most ItemSelectors never do). A class, not an
 * object literal with a getter: such a literal costs a fresh accessor pair per item, which
 * the young-generation collector then has to trace (it made scavenges tens of ms long).
 */
class ItemScope implements EvaluationScope {
  readonly variables: EvaluationScope['variables'];
  readonly random: EvaluationScope['random'];
  private built: JsonObject | undefined;

  constructor(
    private readonly outer: EvaluationScope,
    private readonly item: MapItem,
  ) {
    this.variables = outer.variables;
    this.random = outer.random;
  }

  get context(): JsonObject {
    const { item } = this;
    const Item: JsonObject = item.Key === undefined ? { Index: item.Index, Value: item.Value } : { Index: item.Index, Key: item.Key, Value: item.Value };
    return (this.built ??= { ...this.outer.context, Map: { Item } });
  }
}

function compileItemsReader(definition: MapState, queryLanguage: 'JSONPath' | 'JSONata', distributed: boolean): ItemsReader {
  if (definition.ItemReader && distributed) {
    const reader = compileItemReader(definition, queryLanguage);
    // The ASL spec applies ItemsPath to the ItemReader result; AWS says nothing of Items with a reader.
    if (queryLanguage === 'JSONata' && definition.Items !== undefined) {
      return () => {
        throw stateFailure(StatesErrors.Runtime, 'Stepwise does not combine Items with ItemReader: the items are the ItemReader\'s.');
      };
    }
    if (queryLanguage === 'JSONPath' && definition.ItemsPath !== undefined) {
      const select = compileItemsPath(definition);
      return (effective, visit) => reader(effective, visit).then((items) => select(items, visit));
    }
    return reader;
  }
  if (queryLanguage === 'JSONata') {
    if (definition.Items === undefined) return (effective) => effective;
    if (!distributed) {
      const array = compileJsonataField(definition.Items, 'Items', 'array');
      return (effective, visit) => array.evaluateNow(jsonataBindings(visit, { input: effective }));
    }
    // A Distributed Map also iterates over an object's members; anything else gets AWS's 'array' error.
    const items = compileJsonataTemplate(definition.Items, 'Items');
    return (effective, visit) => andThen(items.evaluateNow(jsonataBindings(visit, { input: effective })), (value) => {
      if (Array.isArray(value) || isJsonObject(value)) return value;
      throw new JsonataEvaluationError(jsonataExpressionText(definition.Items as string), 'Items', JsonataCauses.unexpectedType('array', jsonTypeName(value), JSON.stringify(value)));
    });
  }
  return compileItemsPath(definition);
}

/** The items to iterate over; `keys` is set when they are an object's members. */
interface MapItems {
  values: Json[];
  keys?: string[];
  /** How many items each value stands for (a batch's item count); 1 each when absent. */
  weights?: number[];
}

/**
 * An array's elements, or — in Distributed mode only — an object's members, one iteration per
 * key-value pair (AWS's ItemsPath and Distributed Map pages; Inline mode "accepts only a JSON
 * array", and the corpus records AWS rejecting an object there).
 */
function mapItems(items: Json, queryLanguage: 'JSONPath' | 'JSONata', distributed: boolean): MapItems {
  if (Array.isArray(items)) return { values: items };
  if (distributed && isJsonObject(items)) return { keys: Object.keys(items), values: Object.values(items) };
  const error = queryLanguage === 'JSONata' ? StatesErrors.QueryEvaluationError : StatesErrors.Runtime;
  throw stateFailure(error, `Map state input must be an array but was: ${JSON.stringify(items)}`);
}

function compileItemInput(definition: MapState, queryLanguage: 'JSONPath' | 'JSONata'): ItemInput {
  if (queryLanguage === 'JSONata') {
    if (definition.ItemSelector === undefined) return (_effective, item) => defaultItemInput(item);
    const selector = compileJsonataTemplate(definition.ItemSelector, 'ItemSelector');
    return (effective, item, visit) => selector.evaluateNow(jsonataBindings(visit, { input: effective }, itemScope(visit, item)));
  }
  // Without ItemSelector (or the older Parameters) each item is its own input: no scope to build per item.
  if (definition.ItemSelector === undefined && definition.Parameters === undefined) return (_effective, item) => defaultItemInput(item);
  const selector = compileItemSelector(definition);
  return (effective, item, visit) => selector(effective, item.Value, itemScope(visit, item));
}

/**
 * Without ItemSelector an iteration receives its item; for an object's member AWS says only that
 * "the pair" is passed, so Stepwise passes `{ Key, Value }`, named as `$$.Map.Item` names them.
 */
function defaultItemInput(item: MapItem): Json {
  return item.Key === undefined ? item.Value : { Key: item.Key, Value: item.Value };
}
