/**
 * `npx tsx build/icons.ts`: draws the app's icons into public/icons. The committed PNGs come from
 * here; run it again after changing the drawing. One drawing, a handwritten 7 on the accent
 * colour, serves the SVG favicon and the PNGs; the maskable variant keeps it inside the safe zone
 * (the central 80% circle) that launchers crop to.
 */
import { Path2D, createCanvas } from '@napi-rs/canvas';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = join(import.meta.dirname, '../public/icons');

/** On a 512 x 512 grid: the stroke of a 7 drawn with a pen, with its crossbar. */
const DIGIT = 'M148 146 C210 138 300 132 366 140 C330 214 282 300 238 386 M196 272 L330 262';
const BACKGROUND = '#1a5fd0';
const INK = '#ffffff';
const STROKE_WIDTH = 46;

function png(size: number, { maskable }: { maskable: boolean }): Buffer {
  const canvas = createCanvas(size, size);
  const context = canvas.getContext('2d');
  const scale = size / 512;
  context.fillStyle = BACKGROUND;
  if (maskable) {
    context.fillRect(0, 0, size, size);
  } else {
    context.beginPath();
    context.roundRect(0, 0, size, size, 112 * scale);
    context.fill();
  }
  // The maskable icon's drawing shrinks to 70% about the centre, well inside the safe circle.
  const shrink = maskable ? 0.7 : 1;
  context.translate(size / 2, size / 2);
  context.scale(scale * shrink, scale * shrink);
  context.translate(-256, -256);
  context.strokeStyle = INK;
  context.lineWidth = STROKE_WIDTH;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.stroke(new Path2D(DIGIT));
  return canvas.toBuffer('image/png');
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="112" fill="${BACKGROUND}"/>
<path d="${DIGIT}" fill="none" stroke="${INK}" stroke-width="${STROKE_WIDTH}" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'icon.svg'), svg);
writeFileSync(join(OUT, 'icon-192.png'), png(192, { maskable: false }));
writeFileSync(join(OUT, 'icon-512.png'), png(512, { maskable: false }));
writeFileSync(join(OUT, 'maskable-512.png'), png(512, { maskable: true }));
writeFileSync(join(OUT, 'apple-touch-icon.png'), png(180, { maskable: true }));
console.log(`icons written to ${OUT}`);
