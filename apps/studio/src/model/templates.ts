/**
 * The palette: flow states and common Task integrations, each producing a ready-to-run state for
 * either query language. Templates end (End: true); connecting them replaces End with Next.
 */
import type { JsonObject, QueryLanguage } from './asl';

export interface Template {
  id: string;
  group: 'Flow' | 'Task';
  label: string;
  type: string;
  description: string;
  /** A base for the new state's name. */
  name: string;
  build(language: QueryLanguage): JsonObject;
}

const task = (id: string, label: string, name: string, resource: string, description: string, args: JsonObject, jsonPathArgs: JsonObject): Template => ({
  id, group: 'Task', label, type: 'Task', name, description,
  build: (language): JsonObject => language === 'JSONata'
    ? { Type: 'Task', Resource: resource, Arguments: args, End: true }
    : { Type: 'Task', Resource: resource, Parameters: jsonPathArgs, End: true },
});

export const TEMPLATES: Template[] = [
  { id: 'pass', group: 'Flow', label: 'Pass', type: 'Pass', name: 'Pass', description: 'Passes input to output, optionally reshaped.', build: () => ({ Type: 'Pass', End: true }) },
  {
    id: 'choice', group: 'Flow', label: 'Choice', type: 'Choice', name: 'Choice', description: 'Branches on rules.',
    // Rules need a target, so a new Choice starts empty: drawing edges from it adds rules.
    build: () => ({ Type: 'Choice', Choices: [] }),
  },
  {
    id: 'wait', group: 'Flow', label: 'Wait', type: 'Wait', name: 'Wait', description: 'Waits a time or until a timestamp.',
    build: () => ({ Type: 'Wait', Seconds: 5, End: true }),
  },
  {
    id: 'parallel', group: 'Flow', label: 'Parallel', type: 'Parallel', name: 'Parallel', description: 'Runs branches at the same time.',
    build: () => ({
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Branch A', States: { 'Branch A': { Type: 'Pass', End: true } } },
        { StartAt: 'Branch B', States: { 'Branch B': { Type: 'Pass', End: true } } },
      ],
      End: true,
    }),
  },
  {
    id: 'map', group: 'Flow', label: 'Map', type: 'Map', name: 'Map', description: 'Runs a sub-workflow for each item.',
    build: (language) => ({
      Type: 'Map',
      ...(language === 'JSONata' ? { Items: '{% $states.input.items %}' } : { ItemsPath: '$.items' }),
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Process item',
        States: { 'Process item': { Type: 'Pass', End: true } },
      },
      End: true,
    }),
  },
  { id: 'succeed', group: 'Flow', label: 'Succeed', type: 'Succeed', name: 'Success', description: 'Ends the scope successfully.', build: () => ({ Type: 'Succeed' }) },
  {
    id: 'fail', group: 'Flow', label: 'Fail', type: 'Fail', name: 'Fail', description: 'Ends the execution with an error.',
    build: () => ({ Type: 'Fail', Error: 'Failed', Cause: 'Something went wrong' }),
  },
  task('lambda', 'Lambda: Invoke', 'Invoke function', 'arn:aws:states:::lambda:invoke', 'Calls an AWS Lambda function.',
    { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:my-function', Payload: '{% $states.input %}' },
    { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:my-function', 'Payload.$': '$' }),
  task('dynamodb-get', 'DynamoDB: GetItem', 'Get item', 'arn:aws:states:::dynamodb:getItem', 'Reads one item from a table.',
    { TableName: 'MyTable', Key: { id: { S: '{% $states.input.id %}' } } },
    { TableName: 'MyTable', Key: { id: { 'S.$': '$.id' } } }),
  task('dynamodb-put', 'DynamoDB: PutItem', 'Put item', 'arn:aws:states:::dynamodb:putItem', 'Writes one item to a table.',
    { TableName: 'MyTable', Item: { id: { S: '{% $states.input.id %}' } } },
    { TableName: 'MyTable', Item: { id: { 'S.$': '$.id' } } }),
  task('sns', 'SNS: Publish', 'Publish message', 'arn:aws:states:::sns:publish', 'Publishes to a topic.',
    { TopicArn: 'arn:aws:sns:us-east-1:123456789012:my-topic', Message: '{% $states.input %}' },
    { TopicArn: 'arn:aws:sns:us-east-1:123456789012:my-topic', 'Message.$': '$' }),
  task('sqs', 'SQS: SendMessage', 'Send message', 'arn:aws:states:::sqs:sendMessage', 'Sends a message to a queue.',
    { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/my-queue', MessageBody: '{% $states.input %}' },
    { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/my-queue', 'MessageBody.$': '$' }),
  task('eventbridge', 'EventBridge: PutEvents', 'Put events', 'arn:aws:states:::events:putEvents', 'Sends events to a bus.',
    { Entries: [{ Source: 'my.app', DetailType: 'Event', Detail: '{% $states.input %}' }] },
    { Entries: [{ Source: 'my.app', DetailType: 'Event', 'Detail.$': '$' }] }),
  task('sfn', 'Step Functions: StartExecution', 'Start execution', 'arn:aws:states:::states:startExecution.sync:2', 'Runs another state machine and waits.',
    { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:child', Input: '{% $states.input %}' },
    { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:child', 'Input.$': '$' }),
  task('http', 'HTTP: Invoke', 'Call API', 'arn:aws:states:::http:invoke', 'Calls an HTTPS API.',
    { ApiEndpoint: 'https://api.example.com/orders', Method: 'GET', Authentication: { ConnectionArn: 'arn:aws:events:us-east-1:123456789012:connection/api/1' } },
    { ApiEndpoint: 'https://api.example.com/orders', Method: 'GET', Authentication: { ConnectionArn: 'arn:aws:events:us-east-1:123456789012:connection/api/1' } }),
  task('activity', 'Activity', 'Activity', 'arn:aws:states:us-east-1:123456789012:activity:my-activity', 'Waits for a worker to do the work.', {}, {}),
];

export function searchTemplates(query: string): Template[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return TEMPLATES;
  return TEMPLATES.filter((t) => {
    const haystack = `${t.label} ${t.type} ${t.description} ${t.group}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

export function templateById(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
