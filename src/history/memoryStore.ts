import type { DrawingStore, NewDrawing, SavedDrawing, Settings } from './types';

/**
 * The drawings of this visit only, in memory: what the page uses when the browser keeps nothing,
 * so judging, the score and adapting still work until the page closes.
 */
export function createMemoryStore(initial: readonly SavedDrawing[] = []): DrawingStore {
  let drawings = [...initial];
  let settings: Settings = {};
  let nextId = Math.max(0, ...drawings.map((d) => d.id)) + 1;
  const addAll = async (added: readonly NewDrawing[]) => {
    const saved = added.map((d) => ({ ...d, id: nextId++ }));
    drawings = [...drawings, ...saved];
    return saved;
  };
  return {
    list: async () => [...drawings].sort((a, b) => b.savedAt - a.savedAt || b.id - a.id),
    add: async (drawing) => (await addAll([drawing]))[0],
    addAll,
    relabel: async (id, label) => {
      drawings = drawings.map((d) => (d.id === id ? { ...d, label } : d));
    },
    remove: async (id) => {
      drawings = drawings.filter((d) => d.id !== id);
    },
    removeAll: async () => {
      drawings = [];
    },
    settings: async () => settings,
    saveSettings: async (next) => {
      settings = next;
    },
  };
}
