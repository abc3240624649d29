/**
 * A large, realistic history for speed tests: the engine runs a Map whose every iteration's
 * Task fails once and succeeds on retry (10 events an iteration), so the file has AWS's linking,
 * interleaved iterations and retries — 24,996 events for 2,499 items, just under AWS's 25,000.
 */
import { Engine } from '@stepwise/engine';
import type { DebugEvent } from '../../src/debugger/history-import';

export const LARGE_DEFINITION = {
  StartAt: 'Fan out',
  States: {
    'Fan out': {
      Type: 'Map',
      MaxConcurrency: 10,
      ItemProcessor: {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work',
            Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }],
            End: true,
          },
        },
      },
      End: true,
    },
  },
};

export async function generateLargeHistory(items = 2499): Promise<{ events: unknown[]; definition: unknown }> {
  const engine = new Engine({
    clock: 'virtual',
    seed: 1,
    virtualStartTime: Date.UTC(2026, 0, 1),
    tasks: {
      Work: (input, context) => {
        if (context.retryCount === 0) throw { error: 'Flaky', cause: 'first attempt always fails' };
        return { doubled: (input as number) * 2 };
      },
    },
  });
  const machine = engine.createMachine(LARGE_DEFINITION as never);
  const execution = machine.start({ input: Array.from({ length: items }, (_, i) => i) });
  await execution.done;
  return { events: execution.history(), definition: LARGE_DEFINITION };
}

export type { DebugEvent };
