import { useState } from 'react';
import { shownDigit } from '../recognition/number';
import type { Recognition } from '../recognition/recognise';

/**
 * Which digit of the number the chart and the preview show: the person's choice until the number
 * gains or loses a digit (then the choice may point at another digit), else the least certain.
 */
export function useShownDigit(recognition: Recognition): [number, (index: number) => void] {
  const count = recognition.readings.length;
  const [chosen, setChosen] = useState<{ index: number; of: number } | null>(null);
  const current = chosen !== null && chosen.of === count ? chosen.index : null;
  const verdicts = recognition.readings.map((reading) => reading.verdict);
  return [shownDigit(verdicts, current), (index) => setChosen({ index, of: count })];
}
