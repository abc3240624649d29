/** React access to the studio store: a context for the instance and a selector hook. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { StudioState, StudioStore } from '../model/store';

export const StoreContext = createContext<StudioStore | null>(null);

export function useStore(): StudioStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreContext is missing');
  return store;
}

/** Re-renders only when the selected slice changes (by Object.is). */
export function useStudio<T>(selector: (state: StudioState) => T): T {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
