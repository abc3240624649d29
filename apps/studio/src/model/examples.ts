/** The gallery: small but realistic machines that show what the studio (and ASL) can do. */
import type { JsonObject } from './asl';

export interface Example {
  id: string;
  title: string;
  description: string;
  definition: JsonObject;
}

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

const orderProcessing: JsonObject = {
  Comment: 'Validates an order, charges the customer and ships it, with retries and a refund path.',
  StartAt: 'Validate order',
  States: {
    'Validate order': {
      Type: 'Task',
      Resource: LAMBDA,
      Parameters: { FunctionName: fn('validate-order'), 'Payload.$': '$' },
      ResultSelector: { 'order.$': '$.Payload' },
      ResultPath: '$.validation',
      Retry: [{ ErrorEquals: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Order rejected' }],
      Next: 'Is in stock?',
    },
    'Is in stock?': {
      Type: 'Choice',
      Choices: [
        { Variable: '$.validation.order.inStock', BooleanEquals: true, Next: 'Charge payment' },
        { Variable: '$.validation.order.backorderDays', NumericLessThanEquals: 7, Next: 'Wait for stock' },
      ],
      Default: 'Order rejected',
    },
    'Wait for stock': { Type: 'Wait', SecondsPath: '$.validation.order.restockSeconds', Next: 'Charge payment' },
    'Charge payment': {
      Type: 'Task',
      Resource: LAMBDA,
      Parameters: { FunctionName: fn('charge-payment'), 'Payload.$': '$' },
      ResultPath: '$.payment',
      TimeoutSeconds: 30,
      Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 5, MaxAttempts: 2, BackoffRate: 1.5 }],
      Catch: [{ ErrorEquals: ['PaymentDeclined'], ResultPath: '$.error', Next: 'Notify payment failed' }],
      Next: 'Ship order',
    },
    'Ship order': {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/shipments', 'MessageBody.$': '$.validation.order' },
      ResultPath: null,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Refund payment' }],
      Next: 'Order complete',
    },
    'Refund payment': {
      Type: 'Task',
      Resource: LAMBDA,
      Parameters: { FunctionName: fn('refund-payment'), 'Payload.$': '$' },
      Next: 'Order rejected',
    },
    'Notify payment failed': {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:payments', 'Message.$': '$.error.Cause' },
      Next: 'Order rejected',
    },
    'Order rejected': { Type: 'Fail', Error: 'OrderRejected', Cause: 'The order could not be completed.' },
    'Order complete': { Type: 'Succeed' },
  },
};

const parallelFanOut: JsonObject = {
  Comment: 'Enriches a customer profile from three sources at once, then merges the results.',
  StartAt: 'Enrich profile',
  States: {
    'Enrich profile': {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Fetch orders',
          States: {
            'Fetch orders': {
              Type: 'Task', Resource: 'arn:aws:states:::dynamodb:query',
              Parameters: { TableName: 'Orders', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { 'S.$': '$.customerId' } } },
              End: true,
            },
          },
        },
        {
          StartAt: 'Fetch credit score',
          States: {
            'Fetch credit score': {
              Type: 'Task', Resource: 'arn:aws:states:::http:invoke',
              Parameters: { ApiEndpoint: 'https://credit.example.com/score', Method: 'GET', Authentication: { ConnectionArn: 'arn:aws:events:us-east-1:123456789012:connection/credit/1' } },
              Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
              Next: 'Normalise score',
            },
            'Normalise score': { Type: 'Pass', Parameters: { 'score.$': '$.ResponseBody.score' }, End: true },
          },
        },
        {
          StartAt: 'Fetch preferences',
          States: {
            'Fetch preferences': {
              Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem',
              Parameters: { TableName: 'Preferences', Key: { customerId: { 'S.$': '$.customerId' } } },
              End: true,
            },
          },
        },
      ],
      ResultSelector: { 'orders.$': '$[0].Items', 'credit.$': '$[1].score', 'preferences.$': '$[2].Item' },
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Enrichment failed' }],
      Next: 'Save profile',
    },
    'Save profile': {
      Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { TableName: 'Profiles', Item: { profile: { 'S.$': 'States.JsonToString($)' } } },
      End: true,
    },
    'Enrichment failed': { Type: 'Fail', Error: 'EnrichmentFailed' },
  },
};

const mapOverItems: JsonObject = {
  Comment: 'Resizes every image of an upload batch, five at a time, tolerating a few failures.',
  StartAt: 'List images',
  States: {
    'List images': {
      Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:listObjectsV2',
      Parameters: { Bucket: 'uploads', 'Prefix.$': '$.batchId' },
      ResultSelector: { 'images.$': '$.Contents' },
      Next: 'Resize each image',
    },
    'Resize each image': {
      Type: 'Map',
      ItemsPath: '$.images',
      MaxConcurrency: 5,
      ToleratedFailurePercentage: 10,
      ItemSelector: { 'key.$': '$$.Map.Item.Value.Key', bucket: 'uploads' },
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Is it an image?',
        States: {
          'Is it an image?': {
            Type: 'Choice',
            Choices: [{ Variable: '$.key', StringMatches: '*.jpg', Next: 'Resize' }],
            Default: 'Skip',
          },
          Resize: {
            Type: 'Task', Resource: LAMBDA,
            Parameters: { FunctionName: fn('resize-image'), 'Payload.$': '$' },
            Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' }],
            End: true,
          },
          Skip: { Type: 'Pass', Result: { skipped: true }, End: true },
        },
      },
      ResultPath: '$.resized',
      Next: 'Summarise',
    },
    Summarise: { Type: 'Pass', Parameters: { 'count.$': 'States.ArrayLength($.resized)' }, End: true },
  },
};

const jsonataVariables: JsonObject = {
  Comment: 'Scores a loan application with JSONata expressions and variables.',
  QueryLanguage: 'JSONata',
  StartAt: 'Read application',
  States: {
    'Read application': {
      Type: 'Pass',
      Assign: {
        applicant: '{% $states.input.applicant %}',
        amount: '{% $states.input.amount %}',
        threshold: 50000,
      },
      Next: 'Fetch credit report',
    },
    'Fetch credit report': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: fn('credit-report'), Payload: { ssn: '{% $applicant.ssn %}' } },
      Assign: { score: '{% $states.result.Payload.score %}' },
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 3 }],
      Next: 'Decide',
    },
    Decide: {
      Type: 'Choice',
      Choices: [
        { Condition: '{% $score >= 700 and $amount <= $threshold %}', Next: 'Approve' },
        { Condition: '{% $score >= 600 %}', Next: 'Manual review' },
      ],
      Default: 'Decline',
    },
    'Manual review': {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Arguments: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/reviews', MessageBody: { token: '{% $states.context.Task.Token %}', applicant: '{% $applicant %}' } },
      TimeoutSeconds: 86400,
      Next: 'Approve',
    },
    Approve: { Type: 'Succeed', Output: { decision: 'approved', amount: '{% $amount %}' } },
    Decline: { Type: 'Fail', Error: 'Declined', Cause: '{% "Score " & $string($score) & " is too low" %}' },
  },
};

export const EXAMPLES: Example[] = [
  { id: 'order-processing', title: 'Order processing', description: 'Choice, Retry and Catch with a refund path.', definition: orderProcessing },
  { id: 'parallel-fan-out', title: 'Parallel fan-out', description: 'Three lookups at once, merged with ResultSelector.', definition: parallelFanOut },
  { id: 'map-over-items', title: 'Map over items', description: 'A Map with a Choice inside, concurrency and tolerated failures.', definition: mapOverItems },
  { id: 'jsonata-variables', title: 'JSONata with variables', description: 'Assign, Arguments, Conditions and Output in JSONata.', definition: jsonataVariables },
];

export const BLANK_DEFINITION: JsonObject = {
  Comment: 'A new state machine',
  StartAt: 'Start here',
  States: { 'Start here': { Type: 'Pass', End: true } },
};
