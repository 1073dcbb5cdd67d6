import { describe, expect, it } from 'vitest';
import type { PadPage } from './padPage';
import type { Stroke } from './pointers';
import { e2eSuite } from './suite';

const suite = e2eSuite();

/** Points from `from` to `to` (pad fractions), `steps` segments, in CSS px of a pad `side` wide. */
function segment(side: number, from: [number, number], to: [number, number], steps = 12): Stroke {
  return Array.from({ length: steps + 1 }, (_, i) => ({
    x: side * (from[0] + ((to[0] - from[0]) * i) / steps),
    y: side * (from[1] + ((to[1] - from[1]) * i) / steps),
  }));
}

/** The "What the model sees" canvas, as a digest of its pixels. */
async function previewPixels(app: PadPage): Promise<string> {
  return app.page.getByRole('img', { name: /28 by 28/ }).evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return Array.from(data.filter((_, i) => i % 4 === 3)).join(',');
  });
}

describe('what the model reads is what the pad shows', () => {
  it('a stroke that leaves the pad and comes back is read as the two pieces on the pad', async () => {
    const app = await suite.open();
    const { width } = await app.padBox();
    // A "<" whose upper arm runs out past the right edge, down beside the pad and back in: read
    // whole, the part off the pad would make it a "7".
    const upperArm = segment(width, [0.2, 0.25], [1.1, 0.25]);
    const offPad = segment(width, [1.15, 0.3], [1.15, 0.45], 4);
    const lowerArm = segment(width, [1.1, 0.5], [0.2, 0.8]);

    await app.drawAndRead('mouse', [[...upperArm, ...offPad, ...lowerArm]]);
    const oneStroke = {
      pad: (await app.padPixels()).digest,
      preview: await previewPixels(app),
      probabilities: await app.probabilities(),
    };
    await app.clear();

    // The same ink as two strokes that each start on the pad and end off it: the pad looks the same.
    await app.drawAndRead('mouse', [upperArm, [...lowerArm].reverse()]);
    const twoStrokes = {
      pad: (await app.padPixels()).digest,
      preview: await previewPixels(app),
      probabilities: await app.probabilities(),
    };

    expect(twoStrokes.pad, 'the pad shows the same ink').toBe(oneStroke.pad);
    expect(twoStrokes.preview, 'the model sees the same image').toBe(oneStroke.preview);
    expect(twoStrokes.probabilities).toEqual(oneStroke.probabilities);
  });
});
