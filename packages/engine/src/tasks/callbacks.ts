/**
 * Task tokens for the callback pattern (`.waitForTaskToken`): a task waits until someone
 * calls sendTaskSuccess / sendTaskFailure with its token; sendTaskHeartbeat keeps it alive.
 */
import { StatesError } from '../errors.ts';
import type { Json } from '../json.ts';

interface PendingCallback {
  succeed(output: Json): void;
  fail(error: StatesError): void;
  heartbeat(): void;
}

export class TaskTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskTokenError';
  }
}

export class CallbackRegistry {
  private readonly pending = new Map<string, PendingCallback>();

  register(token: string, callback: PendingCallback): () => void {
    this.pending.set(token, callback);
    return () => this.pending.delete(token);
  }

  sendTaskSuccess(token: string, output: Json): void {
    const callback = this.take(token);
    callback.succeed(output);
  }

  sendTaskFailure(token: string, error?: string, cause?: string): void {
    const callback = this.take(token);
    callback.fail(new StatesError(error ?? 'States.TaskFailed', cause));
  }

  sendTaskHeartbeat(token: string): void {
    const callback = this.pending.get(token);
    if (!callback) throw new TaskTokenError(`Task token not found or no longer waiting: ${token}`);
    callback.heartbeat();
  }

  /** Tokens of the tasks now waiting for a callback. */
  waitingTokens(): string[] {
    return [...this.pending.keys()];
  }

  private take(token: string): PendingCallback {
    const callback = this.pending.get(token);
    if (!callback) throw new TaskTokenError(`Task token not found or no longer waiting: ${token}`);
    this.pending.delete(token);
    return callback;
  }
}
