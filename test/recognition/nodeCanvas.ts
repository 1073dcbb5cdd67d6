import { createCanvas } from '@napi-rs/canvas';
import { beforeAll, vi } from 'vitest';

/**
 * Node has no OffscreenCanvas; @napi-rs/canvas (Skia, like Chromium) draws the same calls. Call
 * at the top of a test file whose code under test makes a raster (`createRaster`).
 */
export function drawWithNodeCanvas(): void {
  beforeAll(() => {
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        constructor(width: number, height: number) {
          return createCanvas(width, height);
        }
      },
    );
  });
}
