/**
 * The execution-history debugger's model (plain TypeScript, no React): import a history, replay
 * it position by position, and derive the views beside the graph.
 */
export { importHistory, tryImportHistory, HistoryImportError, parseTime, type DebugEvent, type ImportedHistory, type ImportResult } from './history-import';
export {
  ReplayModel, ReplayCursor, createReplay, parseMaybe, STATE_STATUSES,
  type StateStatus, type Visit, type Attempt, type ReplayThread, type Transition, type TransitionKind, type ExecutionAt, type ExecutionStatus, type StatusChange,
} from './replay';
export { indexDefinition, type DefinitionIndex, type StateInfo } from './definition-index';
export { dataFlowOf, type DataFlowStep, type DataFlowView, type DataFlowField } from './dataflow-view';
export { buildEventsTable, describeEvent, type EventRow, type EventsTable, type RowKind } from './events-table';
export { buildGantt, type GanttBar, type GanttChart, type GanttSegment } from './gantt';
export { compareRuns, pathOf, type RunComparison, type PathStep, type Divergence, type DivergenceReason } from './compare';
export { computeCoverage, type Coverage, type CoverageEntry } from './coverage';
export { exportHistoryDocument, exportHistoryJson, exportFileName, type HistoryDocument, type ExportOptions, type AwsHistoryEvent } from './export';
export {
  openRunsStore, summarizeHistory, MemoryRunsStore, LocalStorageRunsStore, IndexedDbRunsStore, RunsStoreError,
  type RunsStore, type RunRecord, type RunSummary, type RunStatus, type KeyValueStorage,
} from './runs-store';
