/**
 * The page the browser test loads: runs one machine with '@stepwise/engine' in the browser —
 * Pass with intrinsics, a one-hour Wait on the virtual clock, Parallel with an inline Map whose
 * items go to a Task handled in the page, and a Choice — then writes the result, the history's
 * event types and the Wait's virtual duration into the DOM for the test to read.
 */
import { Engine, type HistoryEvent, type Json, type StateMachineDefinition } from '@stepwise/engine';

// The root tsconfig has no DOM library (everything else in test/ runs on Node): just what this page touches.
declare const document: {
  getElementById(id: string): { textContent: string | null; dataset: Record<string, string | undefined> } | null;
};

const DEFINITION: StateMachineDefinition = {
  Comment: 'Browser smoke test: every common state type, an intrinsic, a virtual-clock Wait',
  StartAt: 'Prepare',
  States: {
    Prepare: {
      Type: 'Pass',
      Parameters: { 'greeting.$': "States.Format('Hello, {}!', $.name)", 'items.$': '$.items' },
      Next: 'Nap',
    },
    Nap: { Type: 'Wait', Seconds: 3600, Next: 'Fan' },
    Fan: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Squares',
          States: {
            Squares: {
              Type: 'Map',
              ItemsPath: '$.items',
              ItemProcessor: {
                ProcessorConfig: { Mode: 'INLINE' },
                StartAt: 'Square',
                States: { Square: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:square', End: true } },
              },
              End: true,
            },
          },
        },
        { StartAt: 'Count', States: { Count: { Type: 'Pass', Parameters: { 'count.$': 'States.ArrayLength($.items)' }, End: true } } },
      ],
      ResultSelector: { 'squares.$': '$[0]', 'count.$': '$[1].count' },
      ResultPath: '$.fan',
      Next: 'Enough?',
    },
    'Enough?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.fan.count', NumericGreaterThanEquals: 3, Next: 'Done' }],
      Default: 'TooFew',
    },
    Done: { Type: 'Succeed', OutputPath: '$' },
    TooFew: { Type: 'Fail', Error: 'TooFew', Cause: 'fewer than 3 items' },
  },
};

const INPUT: Json = { name: 'browser', items: [1, 2, 3, 4] };

export interface PageReport {
  status: string;
  output?: Json;
  error?: string;
  cause?: string;
  eventTypes: string[];
  /** Virtual seconds between WaitStateEntered and WaitStateExited. */
  waitSeconds: number;
  /** Real milliseconds the whole run took in the page. */
  wallMs: number;
}

async function run(): Promise<PageReport> {
  const started = performance.now();
  const engine = new Engine({ clock: 'virtual', seed: 7, tasks: { Square: (value) => (value as number) * (value as number) } });
  const execution = engine.createMachine(DEFINITION, { name: 'BrowserSmoke' }).start({ input: INPUT });
  const result = await execution.done;
  const events: HistoryEvent[] = execution.history();
  const time = (type: string) => Date.parse(events.find((e) => e.type === type)?.timestamp ?? '');
  return {
    ...result,
    eventTypes: events.map((e) => e.type),
    waitSeconds: (time('WaitStateExited') - time('WaitStateEntered')) / 1000,
    wallMs: performance.now() - started,
  };
}

const target = document.getElementById('result');
run().then(
  (report) => {
    if (!target) return;
    target.textContent = JSON.stringify(report, null, 2);
    target.dataset.status = report.status;
  },
  (error: unknown) => {
    if (!target) return;
    target.textContent = String(error instanceof Error ? (error.stack ?? error.message) : error);
    target.dataset.status = 'PAGE_ERROR';
  },
);
