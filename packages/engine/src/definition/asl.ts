/**
 * TypeScript types of Amazon States Language definitions, both query languages.
 * They describe a definition that passed validation; the validator is what makes that so.
 */
import type { Json, JsonObject } from '../json.ts';

export type QueryLanguage = 'JSONPath' | 'JSONata';

export interface StateMachineDefinition {
  Comment?: string;
  StartAt: string;
  States: Record<string, StateDefinition>;
  TimeoutSeconds?: number;
  Version?: string;
  QueryLanguage?: QueryLanguage;
}

export type StateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

export interface CommonFields {
  Type: StateType;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  Next?: string;
  End?: boolean;
  InputPath?: string | null;
  OutputPath?: string | null;
  /** JSONata: the state's output expression or template. */
  Output?: Json;
  /** Variables to set (both query languages). */
  Assign?: JsonObject;
}

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
  Comment?: string;
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: Json;
  Assign?: JsonObject;
  Comment?: string;
}

export interface PassState extends CommonFields {
  Type: 'Pass';
  Result?: Json;
  ResultPath?: string | null;
  Parameters?: Json;
}

export interface TaskState extends CommonFields {
  Type: 'Task';
  Resource: string;
  Parameters?: Json;
  Arguments?: Json;
  ResultSelector?: Json;
  ResultPath?: string | null;
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number | string;
  HeartbeatSecondsPath?: string;
  Credentials?: Json;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface ChoiceRule {
  Variable?: string;
  Condition?: string | boolean;
  Next?: string;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Output?: Json;
  Assign?: JsonObject;
  Comment?: string;
  [operator: string]: unknown;
}

export interface ChoiceState extends CommonFields {
  Type: 'Choice';
  Choices: ChoiceRule[];
  Default?: string;
}

export interface WaitState extends CommonFields {
  Type: 'Wait';
  Seconds?: number | string;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
}

export interface SucceedState extends CommonFields {
  Type: 'Succeed';
}

export interface FailState extends CommonFields {
  Type: 'Fail';
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
}

export interface Branch {
  StartAt: string;
  States: Record<string, StateDefinition>;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
}

export interface ParallelState extends CommonFields {
  Type: 'Parallel';
  Branches: Branch[];
  Parameters?: Json;
  Arguments?: Json;
  ResultSelector?: Json;
  ResultPath?: string | null;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface ItemProcessor extends Branch {
  ProcessorConfig?: { Mode?: 'INLINE' | 'DISTRIBUTED'; ExecutionType?: 'STANDARD' | 'EXPRESS' };
}

export interface MapState extends CommonFields {
  Type: 'Map';
  ItemProcessor?: ItemProcessor;
  /** Legacy name of ItemProcessor. */
  Iterator?: ItemProcessor;
  ItemsPath?: string;
  Items?: Json;
  ItemSelector?: Json;
  /** Legacy name of ItemSelector. */
  Parameters?: Json;
  ItemReader?: JsonObject;
  ItemBatcher?: JsonObject;
  ResultWriter?: JsonObject;
  Label?: string;
  MaxConcurrency?: number | string;
  MaxConcurrencyPath?: string;
  ToleratedFailureCount?: number | string;
  ToleratedFailureCountPath?: string;
  ToleratedFailurePercentage?: number | string;
  ToleratedFailurePercentagePath?: string;
  ResultSelector?: Json;
  ResultPath?: string | null;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export type StateDefinition =
  | PassState
  | TaskState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | ParallelState
  | MapState;
