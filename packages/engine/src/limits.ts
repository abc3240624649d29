/** The bounds an execution runs within; AWS's service quotas by default. */
export interface ExecutionLimits {
  /** Largest state input/output, in bytes of UTF-8 JSON (AWS: 256 KiB). */
  maxPayloadBytes: number;
  /** Most history events an execution may record (AWS: 25,000). `Infinity` turns the limit off. */
  maxHistoryEvents: number;
  /**
   * Most state transitions before the execution fails with States.Runtime: a guard against
   * runaway loops in local use (AWS itself has no such cap beyond the event limit).
   */
  maxStateTransitions: number;
  /** Longest an execution may run, in seconds, whatever its TimeoutSeconds (AWS Standard: one year). */
  maxExecutionSeconds: number;
}

export const DEFAULT_LIMITS: ExecutionLimits = Object.freeze({
  maxPayloadBytes: 256 * 1024,
  maxHistoryEvents: 25_000,
  maxStateTransitions: 1_000_000,
  maxExecutionSeconds: 365 * 24 * 60 * 60,
});
