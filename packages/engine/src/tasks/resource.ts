/**
 * What a Task's Resource names, and how AWS records calls to it: a bare Lambda function ARN
 * gives LambdaFunction… events; a service integration (`arn:aws:states:::service:action`)
 * gives Task… events with the service as resourceType; an activity gives Activity… events.
 */

export type IntegrationPattern = 'request-response' | 'sync' | 'wait-for-task-token';

export interface ResourceInfo {
  kind: 'lambda-function' | 'service' | 'activity';
  /** As AWS records it: `lambda`, `states`, `aws-sdk:dynamodb`… */
  resourceType: string;
  /** As AWS records it: `invoke`, `startExecution.sync`, or the full ARN for Lambda functions and activities. */
  resource: string;
  pattern: IntegrationPattern;
}

const LAMBDA_FUNCTION = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:/;
const ACTIVITY = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/;
const SERVICE = /^arn:[^:]+:states:::(.+)$/;

export function describeResource(arn: string): ResourceInfo {
  if (LAMBDA_FUNCTION.test(arn)) return { kind: 'lambda-function', resourceType: 'lambda', resource: arn, pattern: 'request-response' };
  if (ACTIVITY.test(arn)) return { kind: 'activity', resourceType: 'activity', resource: arn, pattern: 'request-response' };
  const service = SERVICE.exec(arn);
  if (service) {
    const path = service[1];
    const { type, action } = splitService(path);
    return {
      kind: 'service',
      resourceType: type,
      resource: action,
      pattern: action.endsWith('.waitForTaskToken') ? 'wait-for-task-token' : /\.sync(:\d+)?$/.test(action) ? 'sync' : 'request-response',
    };
  }
  // Anything else (a placeholder such as ${FunctionArn}, or a custom URI) is treated as a generic service.
  return { kind: 'service', resourceType: 'unknown', resource: arn, pattern: 'request-response' };
}

/** `aws-sdk:dynamodb:putItem` → `aws-sdk:dynamodb` + `putItem`; `states:startExecution.sync:2` → `states` + `startExecution.sync:2`. */
function splitService(path: string): { type: string; action: string } {
  if (path.startsWith('aws-sdk:')) {
    const rest = path.slice('aws-sdk:'.length);
    const colon = rest.indexOf(':');
    if (colon >= 0) return { type: `aws-sdk:${rest.slice(0, colon)}`, action: rest.slice(colon + 1) };
  }
  const colon = path.indexOf(':');
  if (colon < 0) return { type: path, action: path };
  return { type: path.slice(0, colon), action: path.slice(colon + 1) };
}
