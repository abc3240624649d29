/** One debugger session per page: it keeps runs going while the user is back in the designer. */
import { openRunsStore } from '../debugger/runs-store';
import { RunnerClient } from '../worker/runner-client';
import { DebugSession } from './session';

let session: DebugSession | undefined;
let client: RunnerClient | undefined;

export function getSession(): DebugSession {
  if (!session) {
    session = new DebugSession(openRunsStore(), () => (client ??= new RunnerClient()));
    void session.refresh();
  }
  return session;
}
