/**
 * The history event types AWS Step Functions documents for GetExecutionHistory, grouped by what
 * the debugger does with them. Kept as data (not the engine's type union) because imported
 * files come from AWS, whose list grows; an unknown type is reported, not rejected.
 */

export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set([
  'ExecutionStarted', 'ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut', 'ExecutionRedriven',
  'PassStateEntered', 'PassStateExited',
  'TaskStateEntered', 'TaskStateExited', 'TaskStateAborted',
  'ChoiceStateEntered', 'ChoiceStateExited',
  'WaitStateEntered', 'WaitStateExited', 'WaitStateAborted',
  'SucceedStateEntered', 'SucceedStateExited',
  'FailStateEntered',
  'ParallelStateEntered', 'ParallelStateExited', 'ParallelStateStarted', 'ParallelStateSucceeded', 'ParallelStateFailed', 'ParallelStateAborted',
  'MapStateEntered', 'MapStateExited', 'MapStateStarted', 'MapStateSucceeded', 'MapStateFailed', 'MapStateAborted',
  'MapIterationStarted', 'MapIterationSucceeded', 'MapIterationFailed', 'MapIterationAborted',
  'MapRunStarted', 'MapRunSucceeded', 'MapRunFailed', 'MapRunAborted', 'MapRunRedriven',
  'TaskScheduled', 'TaskStarted', 'TaskStartFailed', 'TaskSubmitted', 'TaskSubmitFailed', 'TaskSucceeded', 'TaskFailed', 'TaskTimedOut',
  'LambdaFunctionScheduled', 'LambdaFunctionScheduleFailed', 'LambdaFunctionStarted', 'LambdaFunctionStartFailed',
  'LambdaFunctionSucceeded', 'LambdaFunctionFailed', 'LambdaFunctionTimedOut',
  'ActivityScheduled', 'ActivityScheduleFailed', 'ActivityStarted', 'ActivitySucceeded', 'ActivityFailed', 'ActivityTimedOut',
  'EvaluationFailed',
]);

const ENTERED = /^(Pass|Task|Choice|Wait|Succeed|Fail|Parallel|Map)StateEntered$/;
const EXITED = /^(Pass|Task|Choice|Wait|Succeed|Fail|Parallel|Map)StateExited$/;

/** `TaskStateEntered` → `Task`; undefined for other events. */
export function enteredStateType(type: string): string | undefined {
  return ENTERED.exec(type)?.[1];
}

export function isExited(type: string): boolean {
  return EXITED.test(type);
}

/** Events that start one attempt of a Task's work (a retry schedules again). */
export function isAttemptStart(type: string): boolean {
  return type === 'TaskScheduled' || type === 'LambdaFunctionScheduled' || type === 'ActivityScheduled';
}

/** Events that end a Task attempt or a Map/Parallel run in failure (retriable, catchable). */
export function isStateFailure(type: string): boolean {
  switch (type) {
    case 'TaskFailed': case 'TaskTimedOut': case 'TaskStartFailed': case 'TaskSubmitFailed':
    case 'LambdaFunctionFailed': case 'LambdaFunctionTimedOut': case 'LambdaFunctionStartFailed': case 'LambdaFunctionScheduleFailed':
    case 'ActivityFailed': case 'ActivityTimedOut': case 'ActivityScheduleFailed':
    case 'EvaluationFailed': case 'MapStateFailed': case 'ParallelStateFailed':
      return true;
    default:
      return false;
  }
}

/** The work events of a Task state (AWS's compact view folds them into the state's row). */
export function isTaskWork(type: string): boolean {
  return /^(Task(Scheduled|Started|StartFailed|Submitted|SubmitFailed|Succeeded|Failed|TimedOut)|LambdaFunction\w+|Activity\w+)$/.test(type);
}

export function isExecutionEnd(type: string): boolean {
  return type === 'ExecutionSucceeded' || type === 'ExecutionFailed' || type === 'ExecutionAborted' || type === 'ExecutionTimedOut';
}
