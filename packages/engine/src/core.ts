/**
 * @stepwise/engine/core — the engine without its optional parts: JSONPath machines, given as
 * objects or JSON text, run and validate exactly as with '@stepwise/engine', and a bundle of this
 * entry carries neither the jsonata nor the yaml package. A definition that uses JSONata, or text
 * in YAML, is refused with a diagnostic (JSONATA_NOT_LOADED, YAML_NOT_LOADED) that says to import
 * from '@stepwise/engine', whose entry (index.ts) installs both and re-exports this API.
 */
export { Engine, StateMachine, Execution, InvalidDefinitionError, createMachine } from './engine.ts';
export { InvalidExecutionInputError, InvalidExecutionNameError } from './start-checks.ts';
export { InvalidMachineNameError, checkMachineName } from './machine-name.ts';
export { machineNameFromFileName, validNameFrom } from './resource-names.ts';
export type { EngineOptions, MachineOptions, StartOptions, ExecutionResult, ExecutionStatus, ClockOption } from './engine.ts';
export { RealClock, VirtualClock, type Clock, type CancelSignal } from './clock.ts';
export { StatesError, StatesErrors, errorMatches, type ErrorOutput } from './errors.ts';
export type { HistoryEvent, HistoryEventType, ExecutionHistoryDocument } from './history.ts';
export { DEFAULT_LIMITS, type ExecutionLimits } from './limits.ts';
export type { Json, JsonObject } from './json.ts';
export type { TaskHandler, TaskContext, MockedResponse, TaskResponder } from './tasks/types.ts';
export { mockResponder, sequentialResponder, MockConfigError, type MockConfigFile } from './tasks/mock-config.ts';
export { TaskTokenError } from './tasks/callbacks.ts';
export type * from './definition/asl.ts';
// The validator's modules, not definition/index.ts: that barrel installs JSONata and YAML.
export type { Severity, Diagnostic } from './definition/diagnostics.ts';
export type { ValidateOptions, ValidationResult } from './definition/validate.ts';
export { validateDefinition } from './definition/validate.ts';
export { parseDefinitionText } from './definition/parse.ts';
export type { ParsedDefinitionText } from './definition/parse.ts';
export { compileJsonPathDataflow, type JsonPathDataflow } from './dataflow/pipeline.ts';
// For applications that load JSONata later (a dynamic import when the first JSONata machine is opened).
export { installJsonata, type JsonataLibrary } from './dataflow/jsonata-library.ts';
export type { EvaluationScope, VariableScope, RandomSource } from './dataflow/types.ts';
