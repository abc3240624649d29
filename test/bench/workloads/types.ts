/** What a benchmark workload is: one definition, one input, its handlers, and its baseline. */
import type { Json, StateMachineDefinition } from '@stepwise/engine';

/**
 * A task's behaviour in the one shape both engines accept: Stepwise calls it with
 * `(input, context)`, aws-local-stepfunctions with `(input)`. Throw an Error whose `name` is
 * the ASL error name to fail the task.
 */
export type WorkloadHandler = (input: Json) => Json | Promise<Json>;

export interface Workload {
  /** Short id used on the command line and in the table. */
  id: string;
  /** What the workload does, for the printout. */
  title: string;
  /** The JSONPath workload this one rewrites in JSONata, if it is a twin. */
  twinOf?: string;
  queryLanguage: 'JSONPath' | 'JSONata';
  definition: StateMachineDefinition;
  /** A fresh input for one execution (built outside the timed region). */
  input(): Json;
  /** Fresh handlers for one execution, keyed by Task state name (per-execution state such as attempt counters lives in the closure). */
  tasks?(): Record<string, WorkloadHandler>;
  /** Plain JavaScript doing the same data work as the machine: the floor any engine is measured against. */
  baseline(input: Json, tasks: Record<string, WorkloadHandler>): Json | Promise<Json>;
  /** State transitions (states entered) per execution, as AWS would count them; the Stepwise run checks it. */
  transitions: number;
  /** Whether the execution records more than AWS's 25,000 history events, so the limit must be off. */
  largeHistory: boolean;
  /** Whether a state's input or output exceeds AWS's 256 KiB payload quota, so that limit must be off too. */
  largePayload?: boolean;
  /**
   * Whether each run starts from a garbage-collected heap (for every engine alike), so the peak
   * memory is one run's: for the workloads with a memory target. Not for the others: a forced
   * full collection before each run makes some runs several times slower (measured: a JSONata
   * Choice loop 40 → 140 ms), which would measure the collection's aftermath, not the run.
   */
  collectBetweenRuns?: boolean;
  /** The same workload at a smaller size, for estimating an engine too slow to run this one within the time cap. */
  scaleOf?: { id: string; factor: number };
  /** Retry intervals for aws-local-stepfunctions (ms per state) so its back-off does not sleep for real. */
  retryOverrides?: Record<string, number>;
}
