import { type Dispatch, type SetStateAction, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createMemoryStore } from '../history/memoryStore';
import {
  StorageError,
  type DrawingStore,
  type NewDrawing,
  type SavedDrawing,
  type Settings,
} from '../history/types';

/** Whether drawings outlive the page: not yet known, kept, or not kept (and why). */
export type Keeping = 'opening' | 'kept' | 'unavailable' | 'full';

export interface DrawingHistory {
  /** Newest first. */
  readonly drawings: readonly SavedDrawing[];
  readonly keeping: Keeping;
  readonly settings: Settings;
  /**
   * Saves a judged drawing; resolves to it as saved (also when only this visit keeps it).
   * `whenSaved` runs before the drawing is shown, so what depends on it is ready with it.
   */
  save(drawing: NewDrawing, whenSaved?: (saved: SavedDrawing) => void): Promise<SavedDrawing>;
  relabel(id: number, label: number): void;
  remove(id: number): void;
  removeAll(): void;
  /**
   * Adds drawings read from a pen-data file (`importDrawings`, which the panel's own chunk holds:
   * the file format is no part of the first load); resolves to how many were added.
   */
  addImported(drawings: readonly NewDrawing[]): Promise<number>;
  changeSettings(change: Settings): void;
}

/** The IndexedDB store, loaded in its own chunk once the page has answered, or memory when refused. */
async function openStore(): Promise<{ store: DrawingStore; keeping: Keeping }> {
  try {
    const { openDrawingStore } = await import('../history/idbStore');
    return { store: await openDrawingStore(), keeping: 'kept' };
  } catch {
    return { store: createMemoryStore(), keeping: 'unavailable' };
  }
}

interface Loaded {
  readonly drawings: readonly SavedDrawing[];
  readonly keeping: Keeping;
  readonly settings: Settings;
}

const NOTHING_YET: Loaded = { drawings: [], keeping: 'opening', settings: {} };

/** Opens the store once `ready` (after the first model load), keeping it in `store`. */
function useOpenStore(ready: boolean, setLoaded: (loaded: Loaded) => void) {
  const store = useRef<Promise<DrawingStore> | null>(null);
  useEffect(() => {
    if (!ready || store.current !== null) return;
    const opening = openStore();
    store.current = opening.then(({ store }) => store);
    opening.then(async ({ store, keeping }) => {
      const [drawings, settings] = await Promise.all([store.list(), store.settings()]);
      setLoaded({ drawings, keeping, settings });
    });
  }, [ready, setLoaded]);
  return store;
}

/**
 * The person's judged drawings, kept in IndexedDB. When the browser refuses (private mode) or the
 * disk is full, the visit goes on in memory and `keeping` says so; nothing already kept is touched.
 */
export function useDrawingHistory(ready: boolean): DrawingHistory {
  const [loaded, setLoaded] = useState<Loaded>(NOTHING_YET);
  const store = useOpenStore(ready, setLoaded);
  const latest = useRef(loaded);
  latest.current = loaded;

  /** Runs `change` on the store; a storage failure moves the visit to memory and runs it there. */
  const run: Run = useCallback(
    async <T>(change: (s: DrawingStore) => Promise<T>) => {
      const current = await (store.current ?? Promise.reject(new Error('The history is not open yet')));
      try {
        return await change(current);
      } catch (error) {
        if (!(error instanceof StorageError)) throw error;
        const memory = createMemoryStore(latest.current.drawings);
        await memory.saveSettings(latest.current.settings);
        store.current = Promise.resolve(memory);
        setLoaded((previous) => ({ ...previous, keeping: error.problem }));
        return change(memory);
      }
    },
    [store],
  );

  return useHistoryCommands(loaded, setLoaded, run);
}

type Run = <T>(change: (s: DrawingStore) => Promise<T>) => Promise<T>;
type SetLoaded = Dispatch<SetStateAction<Loaded>>;

/** The commands over the store, each updating what is shown once the store has it. */
function useHistoryCommands(loaded: Loaded, setLoaded: SetLoaded, run: Run): DrawingHistory {
  const update = useCallback(
    (map: (drawings: readonly SavedDrawing[]) => readonly SavedDrawing[]) =>
      setLoaded((previous) => ({ ...previous, drawings: map(previous.drawings) })),
    [setLoaded],
  );
  const both = run;
  const save = useCallback(
    async (drawing: NewDrawing, whenSaved?: (saved: SavedDrawing) => void) => {
      const saved = await both((s) => s.add(drawing));
      whenSaved?.(saved);
      update((drawings) => [saved, ...drawings]);
      return saved;
    },
    [both, update],
  );
  const relabel = useCallback(
    (id: number, label: number) => {
      update((drawings) => drawings.map((d) => (d.id === id ? { ...d, label } : d)));
      void both((s) => s.relabel(id, label));
    },
    [both, update],
  );
  const remove = useCallback(
    (id: number) => {
      update((drawings) => drawings.filter((d) => d.id !== id));
      void both((s) => s.remove(id));
    },
    [both, update],
  );
  const extra = useExtraCommands(loaded, setLoaded, both, update);
  return useMemo(
    () => ({ ...loaded, save, relabel, remove, ...extra }),
    [loaded, save, relabel, remove, extra],
  );
}

function useExtraCommands(
  loaded: Loaded,
  setLoaded: SetLoaded,
  both: Run,
  update: (map: (drawings: readonly SavedDrawing[]) => readonly SavedDrawing[]) => void,
) {
  const { settings } = loaded;
  const removeAll = useCallback(() => {
    update(() => []);
    void both((s) => s.removeAll());
  }, [both, update]);
  const addImported = useCallback(
    async (added: readonly NewDrawing[]) => {
      const saved = await both((s) => s.addAll(added));
      update((previous) => [...[...saved].reverse(), ...previous]);
      return saved.length;
    },
    [both, update],
  );
  const changeSettings = useCallback(
    (change: Settings) => {
      const next = { ...settings, ...change };
      setLoaded((previous) => ({ ...previous, settings: next }));
      void both((s) => s.saveSettings(next));
    },
    [both, setLoaded, settings],
  );
  return useMemo(
    () => ({ removeAll, addImported, changeSettings }),
    [removeAll, addImported, changeSettings],
  );
}
