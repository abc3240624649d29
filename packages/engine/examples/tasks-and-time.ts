import { Engine } from '@stepwise/engine';

// Virtual time: the one-day Wait and the Retry back-off finish at once, while the history's
// timestamps advance as if the time had passed. A seed makes jitter and UUIDs repeatable.
const engine = new Engine({ clock: 'virtual', seed: 42 });

const machine = engine.createMachine(
  {
    StartAt: 'Charge',
    States: {
      Charge: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'charge', 'Payload.$': '$' },
        ResultSelector: { 'receipt.$': '$.Payload' },
        ResultPath: '$.charge',
        Retry: [{ ErrorEquals: ['Payment.Unavailable'], IntervalSeconds: 5, BackoffRate: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Refused' }],
        Next: 'Ship tomorrow',
      },
      'Ship tomorrow': { Type: 'Wait', Seconds: 86_400, End: true },
      Refused: { Type: 'Fail', Error: 'OrderRefused' },
    },
  },
  { name: 'Orders' },
);

let calls = 0;
const execution = machine.start({
  input: { orderId: 'o-17', amount: 42 },
  tasks: {
    // Keyed by state name (or by Resource ARN). Throw { error, cause } to fail the task.
    Charge: (input) => {
      if (++calls === 1) throw { error: 'Payment.Unavailable', cause: 'try again' };
      return { Payload: { paid: (input as { Payload: { amount: number } }).Payload.amount } };
    },
  },
});

execution.subscribe((event) => {
  if (event.type.endsWith('StateEntered')) console.log(event.timestamp, event.type);
});

export const result = await execution.done;
// → { status: 'SUCCEEDED', output: { orderId: 'o-17', amount: 42, charge: { receipt: { paid: 42 } } } }
export const history = execution.historyDocument(); // { events: [...] }, as `aws stepfunctions get-execution-history` prints
