/**
 * Autosave: the current text (and draft) in localStorage, written shortly after each change so a
 * reload finds the work where it was. localStorage is synchronous and small machines fit easily;
 * a failed write (quota) is reported, not thrown.
 */
export interface SavedWork {
  text: string;
  draft?: string;
  fileName: string;
  savedAt: string;
}

export const AUTOSAVE_KEY = 'stepwise.studio.autosave.v1';

export function saveWork(storage: Pick<Storage, 'setItem'>, work: SavedWork): boolean {
  try {
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(work));
    return true;
  } catch {
    return false;
  }
}

export function loadWork(storage: Pick<Storage, 'getItem'>): SavedWork | undefined {
  try {
    const raw = storage.getItem(AUTOSAVE_KEY);
    if (!raw) return undefined;
    const work = JSON.parse(raw) as SavedWork;
    return typeof work.text === 'string' && typeof work.fileName === 'string' ? work : undefined;
  } catch {
    return undefined;
  }
}
