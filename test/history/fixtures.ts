import type { NewDrawing } from '../../src/history/types';

/** A drawing as the page saves it: a stroke of `n` points, `label`, answered `predicted`. */
export function drawing(label: number, predicted: number | null = label, savedAt = 1000, n = 3): NewDrawing {
  return {
    strokes: [Array.from({ length: n }, (_, i) => ({ x: 40 + 10 * i, y: 50 + 20 * i + label }))],
    padSide: 300,
    penWidth: 13.5,
    label,
    predicted,
    probabilities:
      predicted === null ? [] : Array.from({ length: 10 }, (_, i) => (i === predicted ? 0.91 : 0.01)),
    modelId: 'cnn',
    savedAt,
  };
}
