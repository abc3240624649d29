/**
 * @stepwise/engine — an Amazon States Language interpreter that behaves as AWS Step Functions
 * does, for Node and the browser.
 */
export { Engine, StateMachine, Execution, InvalidDefinitionError, createMachine } from './engine.ts';
export type { EngineOptions, MachineOptions, StartOptions, ExecutionResult, ExecutionStatus, ClockOption } from './engine.ts';
export { RealClock, VirtualClock, type Clock } from './clock.ts';
export { StatesError, StatesErrors, errorMatches, type ErrorOutput } from './errors.ts';
export type { HistoryEvent, HistoryEventType, ExecutionHistoryDocument } from './history.ts';
export { DEFAULT_LIMITS, type ExecutionLimits } from './limits.ts';
export type { Json, JsonObject } from './json.ts';
export type { TaskHandler, TaskContext, MockedResponse, TaskResponder } from './tasks/types.ts';
export { mockResponder, sequentialResponder, MockConfigError, type MockConfigFile } from './tasks/mock-config.ts';
export { TaskTokenError } from './tasks/callbacks.ts';
export type * from './definition/asl.ts';
export * from './definition/index.ts';
export { compileJsonPathDataflow, type JsonPathDataflow } from './dataflow/pipeline.ts';
export type { EvaluationScope, VariableScope, RandomSource } from './dataflow/types.ts';
