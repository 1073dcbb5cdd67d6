import type { Stroke } from '../digit';

/** A drawing the person judged, as it is kept on this device. */
export interface NewDrawing {
  /** Finished strokes on the pad, CSS px, as the model read them (cut to the pad). */
  readonly strokes: readonly Stroke[];
  /** The pad's side when the drawing began, CSS px. */
  readonly padSide: number;
  /** The pen's width on that pad, CSS px. */
  readonly penWidth: number;
  /** The digit it is, as the person said. */
  readonly label: number;
  /** The digit the page answered, or null for a drawing imported from a file. */
  readonly predicted: number | null;
  /** The outputs the answer came from (digits first); empty for an imported drawing. */
  readonly probabilities: readonly number[];
  /** The catalog id of the model that answered. */
  readonly modelId: string;
  /** When it was saved, ms since 1970. */
  readonly savedAt: number;
}

export interface SavedDrawing extends NewDrawing {
  readonly id: number;
}

/** What the store keeps besides drawings: the adaptation switch, and when it was last reset. */
export interface Settings {
  /** The person's choice; absent until they make one (then it is on once there is something to adapt to). */
  readonly adapt?: boolean;
  /** Drawings saved before this time (ms) are not adapted to: "Forget my handwriting". */
  readonly forgetBefore?: number;
}

/** The one interface over IndexedDB, or over memory when the browser keeps nothing. */
export interface DrawingStore {
  /** Every drawing, newest first. */
  list(): Promise<SavedDrawing[]>;
  add(drawing: NewDrawing): Promise<SavedDrawing>;
  /** Adds all or none (one transaction): an import that fails half way leaves nothing behind. */
  addAll(drawings: readonly NewDrawing[]): Promise<SavedDrawing[]>;
  relabel(id: number, label: number): Promise<void>;
  remove(id: number): Promise<void>;
  removeAll(): Promise<void>;
  settings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
}

/** Why drawings are not being kept: the browser refuses storage, or it is full. */
export type StorageProblem = 'unavailable' | 'full';

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly problem: StorageProblem,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
