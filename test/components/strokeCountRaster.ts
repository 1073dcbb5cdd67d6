/**
 * The component tests' stand-in for `src/recognition/modelInput`: jsdom cannot rasterise, so the
 * "image" of a group of strokes is its stroke count in the first pixel, and the fake classifiers
 * answer "the digit is the number of strokes". A result then tells which drawing it came from.
 * Use: `vi.mock('../../src/recognition/modelInput', () => import('./strokeCountRaster'))`.
 */
import { vi } from 'vitest';
import type { Stroke } from '../../src/digit';

export const createRaster = vi.fn(() => ({ sized: vi.fn() }));

export const strokesToModelInput = vi.fn((strokes: readonly Stroke[]) => {
  if (strokes.length === 0) return null;
  const input = new Float32Array(784);
  input[0] = strokes.length;
  return input;
});
