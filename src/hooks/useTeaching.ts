import { useMemo } from 'react';
import type { Classifier } from '../model/classifier';
import type { StrokeHistory } from '../pad/strokeHistory';
import type { Recognition } from '../recognition/recognise';
import { useAdaptation } from './useAdaptation';
import { useDrawingHistory } from './useDrawingHistory';
import { useJudging, useJudgingKeys } from './useJudging';

/**
 * Teaching the page one's handwriting: the judged drawings kept, the answers adapted to them,
 * and the gestures (Correct, Enter, digit keys, a bar) that judge. `read` is the model's own
 * recognition; `recognition` is what the page shows.
 */
export function useTeaching(
  classifier: Classifier | null,
  pad: StrokeHistory,
  read: Recognition,
  clear: () => void,
  /** The catalog id of the model in use, saved with each drawing ('' until known). */
  modelId: string,
) {
  // The history's store opens once the model is ready: it never competes with the first answer.
  const saved = useDrawingHistory(classifier !== null);
  const adaptation = useAdaptation(classifier, saved.drawings, saved.settings);
  const recognition = useMemo(() => adaptation.apply(read), [adaptation, read]);
  const judging = useJudging({ pad, shown: recognition, history: saved, adaptation, clear, modelId });
  useJudgingKeys(judging);
  return { saved, adaptation, recognition, modelId, judging };
}

export type Teaching = ReturnType<typeof useTeaching>;
