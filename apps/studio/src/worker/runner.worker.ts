/// <reference lib="webworker" />
/**
 * The engine's Web Worker: executions run here so the page never freezes, and users' task
 * handlers are compiled and run here, never in the page.
 */
import { createRunnerHost } from './runner-host';
import type { RunnerRequest } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const host = createRunnerHost((message) => self.postMessage(message));
self.addEventListener('message', (event: MessageEvent<RunnerRequest>) => host.handle(event.data));
