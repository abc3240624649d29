/**
 * Designer or debugger, by the URL hash: `#debug` shows the debugger on the same machine. The
 * designer's store stays alive underneath, so switching back loses nothing.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { StudioStore } from '../model/store';
import { DebuggerMode } from './DebuggerMode';

export const DEBUG_HASH = '#debug';

export function ModeSwitch({ store, designer }: { store: StudioStore; designer: ReactNode }) {
  const [debug, setDebug] = useState(() => location.hash === DEBUG_HASH);
  useEffect(() => {
    const onHash = () => setDebug(location.hash === DEBUG_HASH);
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return debug ? <DebuggerMode designer={store} /> : <>{designer}</>;
}
