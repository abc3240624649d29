/**
 * Task (and ItemReader/ResultWriter) Resource values. By default only the shape is checked: a URI
 * such as an ARN, where definition substitution placeholders like `${FunctionArn}` stand for any
 * text, so templates validate before substitution. With `checkArns`, ARNs are checked for their
 * partition/service/region/account layout, Lambda function names and aliases, and the optimized
 * service integrations of `arn:aws:states:::service:action`.
 */
import { Codes, childPointer, error, isObject, type Diagnostic } from '../diagnostics.ts';
import type { MachineModel } from '../model.ts';

const placeholder = /\$\{[^}]*\}/g;

/** Optimized integrations (`arn:<partition>:states:::<service>:<action>`); AWS SDK integrations are `aws-sdk:<service>:<action>`. */
const optimizedIntegrations: Record<string, string[]> = {
  lambda: ['invoke'],
  sns: ['publish'],
  sqs: ['sendMessage'],
  dynamodb: ['getItem', 'putItem', 'updateItem', 'deleteItem'],
  ecs: ['runTask'],
  batch: ['submitJob'],
  glue: ['startJobRun'],
  athena: ['startQueryExecution', 'stopQueryExecution', 'getQueryExecution', 'getQueryResults'],
  states: ['startExecution'],
  events: ['putEvents'],
  apigateway: ['invoke'],
  http: ['invoke'],
  codebuild: ['startBuild', 'stopBuild', 'batchDeleteBuilds', 'batchGetReports', 'startBuildBatch', 'retryBuildBatch', 'retryBuild', 'stopBuildBatch', 'deleteBuildBatch', 'batchGetBuildBatches'],
  eks: ['runJob', 'call', 'createCluster', 'deleteCluster', 'createFargateProfile', 'deleteFargateProfile', 'createNodegroup', 'deleteNodegroup'],
  elasticmapreduce: [
    'createCluster', 'terminateCluster', 'addStep', 'cancelStep', 'setClusterTerminationProtection', 'modifyInstanceFleetByName',
    'modifyInstanceGroupByName', 'startNotebookExecution', 'stopNotebookExecution',
  ],
  'emr-containers': ['startJobRun', 'createVirtualCluster', 'deleteVirtualCluster'],
  'emr-serverless': ['createApplication', 'startApplication', 'stopApplication', 'deleteApplication', 'startJobRun', 'cancelJobRun'],
  sagemaker: [
    'createTrainingJob', 'createTransformJob', 'createModel', 'createEndpointConfig', 'createEndpoint', 'updateEndpoint',
    'createHyperParameterTuningJob', 'createLabelingJob', 'createProcessingJob', 'startPipelineExecution',
  ],
  bedrock: ['invokeModel', 'createModelCustomizationJob'],
  s3: ['getObject', 'listObjectsV2', 'putObject'],
  glue_databrew: ['startJobRun'],
  databrew: ['startJobRun'],
  mediaconvert: ['createJob'],
  'aws-sdk': [],
  activity: [],
};

export function checkResources(model: MachineModel, checkArns: boolean, diagnostics: Diagnostic[]): void {
  for (const state of model.states) {
    const value = state.value;
    if (!isObject(value)) continue;
    if (value.Type === 'Task' && typeof value.Resource === 'string') checkResource(value.Resource, childPointer(state.pointer, 'Resource'), checkArns, diagnostics);
    if (value.Type === 'Map') {
      for (const field of ['ItemReader', 'ResultWriter']) {
        const holder = value[field];
        if (isObject(holder) && typeof holder.Resource === 'string') {
          checkResource(holder.Resource, childPointer(childPointer(state.pointer, field), 'Resource'), checkArns, diagnostics);
        }
      }
    }
  }
}

function checkResource(resource: string, pointer: string, checkArns: boolean, diagnostics: Diagnostic[]): void {
  const hasPlaceholder = resource.includes('${');
  const substituted = resource.replace(placeholder, 'x');
  if (substituted.includes('${')) {
    diagnostics.push(error(Codes.invalidResource, `'Resource' has an unterminated definition substitution placeholder: ${JSON.stringify(resource)} (expected \${Name}).`, pointer));
    return;
  }
  if (hasPlaceholder && /^x$/.test(substituted)) return;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S/.test(substituted)) {
    diagnostics.push(error(Codes.invalidResource, `'Resource' must be a URI such as an ARN ("arn:aws:states:::lambda:invoke"); got ${JSON.stringify(resource)}.`, pointer));
    return;
  }
  if (!checkArns || hasPlaceholder) return;
  const problem = arnProblem(resource);
  if (problem) diagnostics.push(error(Codes.invalidResource, `'Resource' ${JSON.stringify(resource)} is not a valid resource ARN: ${problem}.`, pointer));
}

export function arnProblem(arn: string): string | undefined {
  const parts = arn.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return 'expected arn:partition:service:region:account:resource';
  const [, partition, service, region, account] = parts;
  if (!/^aws(-[a-z]+)*$/.test(partition)) return `'${partition}' is not an AWS partition`;
  if (service === 'states' && region === '' && account === '') {
    const integration = parts[5];
    const action = parts.slice(6).join(':');
    const actions = optimizedIntegrations[integration];
    if (!actions) return `'${integration}' is not a Step Functions service integration`;
    if (integration === 'aws-sdk') {
      return /^[a-z0-9-]+:[a-zA-Z0-9]+(\.(waitForTaskToken))?$/.test(action) ? undefined : 'AWS SDK integrations are written arn:aws:states:::aws-sdk:service:action';
    }
    const base = action.replace(/\.(sync(:2)?|waitForTaskToken)$/, '');
    return actions.includes(base) ? undefined : `'${integration}:${base}' is not an optimized integration of ${integration} (known actions: ${actions.join(', ')})`;
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) return `'${region}' is not a region`;
  if (!/^\d{12}$/.test(account)) return `'${account}' is not a 12-digit account id`;
  if (service === 'lambda') {
    if (parts[5] !== 'function' || parts.length < 7 || parts.length > 8) return 'a Lambda ARN ends with function:name or function:name:alias';
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(parts[6])) return `'${parts[6]}' is not a Lambda function name`;
    if (parts.length === 8 && !/^(\$LATEST|[0-9]+|[A-Za-z0-9_-]{1,128})$/.test(parts[7])) return `'${parts[7]}' is not a Lambda version or alias`;
    return undefined;
  }
  if (service === 'states') {
    if (parts[5] !== 'activity' && parts[5] !== 'stateMachine') return 'a Step Functions ARN names an activity or state machine';
    return /^[A-Za-z0-9_.-]{1,80}$/.test(parts[6] ?? '') ? undefined : `'${parts[6] ?? ''}' is not an activity or state machine name`;
  }
  return undefined;
}
