import { NUM_CLASSES } from '../digit';
import type { NewDrawing } from './types';

export interface Tally {
  readonly right: number;
  readonly total: number;
}

export interface Score {
  /** Answers judged right, out of all judged, over all time on this device. */
  readonly allTime: Tally;
  /** The same since the page was opened. */
  readonly thisVisit: Tally;
  /** All time, by the digit it really was: index = label. */
  readonly perDigit: readonly Tally[];
}

const tally = (drawings: readonly NewDrawing[]): Tally => ({
  right: drawings.filter((d) => d.predicted === d.label).length,
  total: drawings.length,
});

/** The score of the drawings the page answered (imported ones had no answer, and do not count). */
export function scoreOf(drawings: readonly NewDrawing[], visitStart: number): Score {
  const judged = drawings.filter((d) => d.predicted !== null);
  return {
    allTime: tally(judged),
    thisVisit: tally(judged.filter((d) => d.savedAt >= visitStart)),
    perDigit: Array.from({ length: NUM_CLASSES }, (_, digit) =>
      tally(judged.filter((d) => d.label === digit)),
    ),
  };
}
