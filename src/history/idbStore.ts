/**
 * The drawings in IndexedDB, through a few promise helpers instead of a library: the page needs
 * five operations, and this module is loaded only after the first answer, so it never weighs on
 * the first load. Schema versions, each an upgrade step run in order (`UPGRADES`):
 *   1: object store `drawings`, auto-increment key `id`.
 *   2: an index on `savedAt` (newest first without sorting), and a `settings` store.
 */
import { StorageError, type DrawingStore, type NewDrawing, type SavedDrawing, type Settings } from './types';

export const DB_NAME = 'digitpad';
export const SCHEMA_VERSION = 2;
const DRAWINGS = 'drawings';
const SETTINGS = 'settings';
const SETTINGS_KEY = 'settings';

type Upgrade = (db: IDBDatabase, transaction: IDBTransaction) => void;

/** UPGRADES[v - 1] turns version v - 1 into version v. */
const UPGRADES: readonly Upgrade[] = [
  (db) => void db.createObjectStore(DRAWINGS, { keyPath: 'id', autoIncrement: true }),
  (db, transaction) => {
    transaction.objectStore(DRAWINGS).createIndex('savedAt', 'savedAt');
    db.createObjectStore(SETTINGS);
  },
];

/** A request's result as a promise; a failure keeps its DOMException as the cause. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(storageError(request.error));
  });
}

/** A transaction's end; `QuotaExceededError` (a full disk, a private window's small quota) is `full`. */
function completed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(storageError(transaction.error));
    transaction.onabort = () => reject(storageError(transaction.error));
  });
}

function storageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const cause = error as DOMException | null;
  const full = cause?.name === 'QuotaExceededError';
  const message = full ? 'the storage on this device is full' : (cause?.message ?? 'storage failed');
  return new StorageError(full ? 'full' : 'unavailable', message, { cause });
}

/** Opens (creating or upgrading) the database version `version`; tests open older versions. */
export function openDatabase(factory: IDBFactory, version = SCHEMA_VERSION): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(DB_NAME, version);
    } catch (error) {
      return reject(new StorageError('unavailable', 'this browser keeps no data here', { cause: error }));
    }
    request.onupgradeneeded = (event) => {
      for (let v = event.oldVersion; v < version; v++) UPGRADES[v](request.result, request.transaction!);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(storageError(request.error));
    request.onblocked = () => reject(new StorageError('unavailable', 'another tab holds an older version'));
  });
}

/** Runs `work` in one transaction and resolves once it is committed. */
async function inTransaction<T>(
  db: IDBDatabase,
  stores: string[],
  work: (transaction: IDBTransaction) => Promise<T>,
): Promise<T> {
  const transaction = db.transaction(stores, 'readwrite');
  const end = completed(transaction);
  end.catch(() => undefined); // awaited below; the work's own failure is the one to report
  try {
    const result = await work(transaction);
    await end;
    return result;
  } catch (error) {
    try {
      transaction.abort(); // all or nothing: undo whatever the work did before it failed
    } catch {
      // already finished or aborted
    }
    throw storageError(error);
  }
}

async function addAll(db: IDBDatabase, drawings: readonly NewDrawing[]): Promise<SavedDrawing[]> {
  return inTransaction(db, [DRAWINGS], (t) =>
    Promise.all(
      drawings.map(async (drawing) => {
        const id = await done(t.objectStore(DRAWINGS).add(drawing));
        return { ...drawing, id: id as number };
      }),
    ),
  );
}

async function relabel(db: IDBDatabase, id: number, label: number): Promise<void> {
  await inTransaction(db, [DRAWINGS], async (t) => {
    const store = t.objectStore(DRAWINGS);
    const drawing = (await done(store.get(id))) as SavedDrawing | undefined;
    if (drawing) await done(store.put({ ...drawing, label }));
  });
}

/** The store over an open database. */
function storeOver(db: IDBDatabase): DrawingStore {
  const read = <T>(store: string, request: (s: IDBObjectStore) => IDBRequest<T>) =>
    done(request(db.transaction(store, 'readonly').objectStore(store)));
  const write = (store: string, request: (s: IDBObjectStore) => IDBRequest) =>
    inTransaction(db, [store], (t) => done(request(t.objectStore(store)))).then(() => undefined);
  return {
    list: async () =>
      ((await read(DRAWINGS, (s) => s.index('savedAt').getAll())) as SavedDrawing[]).reverse(),
    add: async (drawing) => (await addAll(db, [drawing]))[0],
    addAll: (drawings) => addAll(db, drawings),
    relabel: (id, label) => relabel(db, id, label),
    remove: (id) => write(DRAWINGS, (s) => s.delete(id)),
    removeAll: () => write(DRAWINGS, (s) => s.clear()),
    settings: async () => ((await read(SETTINGS, (s) => s.get(SETTINGS_KEY))) as Settings | undefined) ?? {},
    saveSettings: (settings) => write(SETTINGS, (s) => s.put(settings, SETTINGS_KEY)),
  };
}

/**
 * The drawings kept in this browser's IndexedDB. Throws a `StorageError` when there is none or it
 * refuses (some private modes, a blocked site, an embedded browser).
 */
export async function openDrawingStore(
  factory: IDBFactory | undefined = globalThis.indexedDB,
): Promise<DrawingStore> {
  if (factory === undefined) throw new StorageError('unavailable', 'this browser has no IndexedDB');
  return storeOver(await openDatabase(factory));
}
