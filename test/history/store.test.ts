import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, openDatabase, openDrawingStore, SCHEMA_VERSION } from '../../src/history/idbStore';
import { createMemoryStore } from '../../src/history/memoryStore';
import { StorageError, type DrawingStore } from '../../src/history/types';
import { drawing } from './fixtures';

afterEach(() => vi.restoreAllMocks());

const stores: [string, () => Promise<DrawingStore>][] = [
  ['IndexedDB', () => openDrawingStore(new IDBFactory())],
  ['memory (no storage)', async () => createMemoryStore()],
];

describe.each(stores)('the drawing store over %s', (_, open) => {
  it('saves, lists newest first, relabels and deletes', async () => {
    const store = await open();
    const first = await store.add(drawing(4, 5, 1000));
    const second = await store.add(drawing(7, 7, 2000));
    expect((await store.list()).map((d) => d.id)).toEqual([second.id, first.id]);
    expect((await store.list())[1]).toEqual({ ...drawing(4, 5, 1000), id: first.id });
    await store.relabel(first.id, 9);
    expect((await store.list())[1]).toMatchObject({ label: 9, predicted: 5 });
    await store.remove(second.id);
    expect((await store.list()).map((d) => d.id)).toEqual([first.id]);
    await store.removeAll();
    expect(await store.list()).toEqual([]);
  });

  it('keeps the settings', async () => {
    const store = await open();
    expect(await store.settings()).toEqual({});
    await store.saveSettings({ adapt: false, forgetBefore: 5 });
    expect(await store.settings()).toEqual({ adapt: false, forgetBefore: 5 });
  });
});

describe('IndexedDB', () => {
  it('keeps the drawings for the next visit', async () => {
    const factory = new IDBFactory();
    await (await openDrawingStore(factory)).add(drawing(3));
    expect((await (await openDrawingStore(factory)).list()).map((d) => d.label)).toEqual([3]);
  });

  it('migrates a version 1 database, keeping its drawings', async () => {
    const factory = new IDBFactory();
    const v1 = await openDatabase(factory, 1);
    expect(Array.from(v1.objectStoreNames)).toEqual(['drawings']);
    const transaction = v1.transaction('drawings', 'readwrite');
    transaction.objectStore('drawings').add(drawing(6, 6, 10));
    await new Promise((resolve) => (transaction.oncomplete = resolve));
    v1.close();
    const store = await openDrawingStore(factory);
    expect((await store.list()).map((d) => d.label)).toEqual([6]);
    await store.saveSettings({ adapt: true });
    const db = await openDatabase(factory);
    expect(db.version).toBe(SCHEMA_VERSION);
    expect(Array.from(db.objectStoreNames).sort()).toEqual(['drawings', 'settings']);
    db.close();
  });

  it('says the storage is full on a quota error, and loses nothing already saved', async () => {
    const store = await openDrawingStore(new IDBFactory());
    await store.add(drawing(1));
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const failure = store.add(drawing(2));
    await expect(failure).rejects.toBeInstanceOf(StorageError);
    await expect(failure).rejects.toMatchObject({ problem: 'full' });
    vi.restoreAllMocks();
    expect((await store.list()).map((d) => d.label)).toEqual([1]);
  });

  it('adds an import all or nothing', async () => {
    const store = await openDrawingStore(new IDBFactory());
    let calls = 0;
    const add = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (++calls === 3) throw new DOMException('quota', 'QuotaExceededError');
      return add.apply(this, args);
    });
    await expect(store.addAll([drawing(1), drawing(2), drawing(3)])).rejects.toMatchObject({
      problem: 'full',
    });
    expect(await store.list()).toEqual([]);
  });

  it.each([
    ['no IndexedDB at all', undefined],
    [
      'an IndexedDB that refuses (private mode)',
      {
        open: () => {
          throw new DOMException('denied', 'SecurityError');
        },
      } as unknown as IDBFactory,
    ],
  ])('reports %s as unavailable', async (_, factory) => {
    await expect(openDrawingStore(factory)).rejects.toMatchObject({
      name: 'StorageError',
      problem: 'unavailable',
    });
  });

  it('names its database', () => {
    expect(DB_NAME).toBe('digitpad');
  });
});
