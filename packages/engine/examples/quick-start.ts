import { createMachine } from '@stepwise/engine';

const machine = createMachine({
  StartAt: 'Greet',
  States: {
    Greet: {
      Type: 'Pass',
      Parameters: { 'message.$': "States.Format('Hello, {}!', $.name)" },
      End: true,
    },
  },
});

export const result = await machine.run({ name: 'Ada' });
// → { status: 'SUCCEEDED', output: { message: 'Hello, Ada!' } }
