/**
 * Retriers and catchers, as the States Language specifies them: the first retrier whose
 * ErrorEquals matches decides alone (an exhausted retrier does not hand over to the next),
 * and each retrier counts its own attempts within one visit of the state.
 */
import type { Catcher, Retrier } from './definition/asl.ts';
import { errorMatches } from './errors.ts';
import type { RandomSource } from './dataflow/types.ts';

const DEFAULT_INTERVAL_SECONDS = 1;
const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_BACKOFF_RATE = 2;

export interface RetryDecision {
  /** Index of the retrier that matched. */
  retrier: number;
  /** Delay before the next attempt, in milliseconds. */
  delayMs: number;
}

/**
 * Decide whether to retry after `error`. `attempts[i]` holds how many retries retrier i has
 * already made in this visit; it is advanced when a retry is granted.
 */
export function decideRetry(
  retriers: readonly Retrier[] | undefined,
  error: string,
  attempts: number[],
  random: RandomSource,
  heartbeat = false,
): RetryDecision | undefined {
  if (!retriers) return undefined;
  for (let i = 0; i < retriers.length; i++) {
    const retrier = retriers[i];
    if (!errorMatches(retrier.ErrorEquals, error, heartbeat)) continue;
    const made = attempts[i] ?? 0;
    if (made >= (retrier.MaxAttempts ?? DEFAULT_MAX_ATTEMPTS)) return undefined;
    attempts[i] = made + 1;
    return { retrier: i, delayMs: retryDelayMs(retrier, made, random) };
  }
  return undefined;
}

/** IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, with FULL jitter drawn from [0, delay). */
export function retryDelayMs(retrier: Retrier, attempt: number, random: RandomSource): number {
  const interval = retrier.IntervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  const rate = retrier.BackoffRate ?? DEFAULT_BACKOFF_RATE;
  let seconds = interval * Math.pow(rate, attempt);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds = random() * seconds;
  return Math.round(seconds * 1000);
}

export function findCatcher(catchers: readonly Catcher[] | undefined, error: string, heartbeat = false): Catcher | undefined {
  if (!catchers) return undefined;
  for (const catcher of catchers) if (errorMatches(catcher.ErrorEquals, error, heartbeat)) return catcher;
  return undefined;
}
