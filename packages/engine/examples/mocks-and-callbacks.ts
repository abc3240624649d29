import { Engine, type MockConfigFile } from '@stepwise/engine';

// The AWS Step Functions Local mock configuration format, unchanged.
const mockConfig: MockConfigFile = {
  StateMachines: {
    Approval: { TestCases: { DeclinedOnce: { Check: 'CheckDeclinesThenPasses' } } },
  },
  MockedResponses: {
    CheckDeclinesThenPasses: {
      '0': { Throw: { Error: 'Check.Declined', Cause: 'first look' } },
      '1': { Return: { score: 0.93 } },
    },
  },
};

const engine = new Engine({ clock: 'virtual', mockConfig });
const machine = engine.createMachine(
  {
    StartAt: 'Check',
    States: {
      Check: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['Check.Declined'] }], ResultPath: '$.check', Next: 'Ask a human' },
      'Ask a human': {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { QueueUrl: 'https://sqs.example/approvals', MessageBody: { 'token.$': '$$.Task.Token' } },
        ResultPath: '$.decision',
        End: true,
      },
    },
  },
  { name: 'Approval' },
);

const execution = machine.start({
  testCase: 'DeclinedOnce',
  tasks: {
    // The callback pattern: the task waits until someone sends its token back.
    'Ask a human': (input) => {
      const token = (input as { MessageBody: { token: string } }).MessageBody.token;
      queueMicrotask(() => engine.sendTaskSuccess(token, { approved: true }));
      return { MessageId: 'm-1' };
    },
  },
});

export const result = await execution.done;
// → { status: 'SUCCEEDED', output: { check: { score: 0.93 }, decision: { approved: true } } }
