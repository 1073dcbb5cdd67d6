/**
 * Ink that is not a digit, generated: what people put on a digit pad besides digits. Training
 * labels it `NOT_DIGIT`, and the reported "generated non-digits" figure draws fresh ones with a
 * seed training never used. Everything is vector strokes on a square pad of `NEGATIVE_PAD.side`
 * CSS px, so it is drawn by the app's own stroke function at the app's own pen width.
 *
 * Deliberately left out, because they are digits to any reader: a circle or an oval (0), a lone
 * near-vertical line (1), a single loop. Partial digits are left out too: half an 8 is a 0 or a
 * 3, and teaching the model to doubt those would cost real digits.
 */
import type { Point, Stroke } from '../digit';
import { uniform, type Random } from './random';

/** The pad the generated ink is drawn on: a phone-sized pad and its pen (`lineWidthForPad`). */
export const NEGATIVE_PAD = { side: 400, lineWidth: 18 } as const;

/** Digits (as strokes, any units) that some kinds of non-digit are made of. */
export type DigitStrokes = readonly Stroke[];

export const NEGATIVE_KINDS = [
  'scribble',
  'dots',
  'line',
  'polygon',
  'star',
  'spiral',
  'zigzag',
  'hatching',
  'two-digits',
  'crossed-out',
] as const;
export type NegativeKind = (typeof NEGATIVE_KINDS)[number];

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)];
const centre = () => NEGATIVE_PAD.side / 2;

/** Points along straight segments between `corners`, about `step` px apart (as pointer events come). */
export function densify(corners: readonly Point[], step = 6): Point[] {
  const points: Point[] = corners.length ? [corners[0]] : [];
  for (let i = 1; i < corners.length; i++) {
    const [a, b] = [corners[i - 1], corners[i]];
    const parts = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / step));
    for (let k = 1; k <= parts; k++)
      points.push({ x: a.x + ((b.x - a.x) * k) / parts, y: a.y + ((b.y - a.y) * k) / parts });
  }
  return points;
}

/** A tangle: a smooth random walk that turns often and crosses itself, 1 or 2 strokes. */
function scribble(random: Random): Stroke[] {
  const strokes: Stroke[] = [];
  const size = uniform(random, 60, 300);
  for (let s = random() < 0.7 ? 1 : 2; s > 0; s--) {
    let [x, y] = [centre() + uniform(random, -0.3, 0.3) * size, centre() + uniform(random, -0.3, 0.3) * size];
    let heading = uniform(random, 0, 2 * Math.PI);
    const corners: Point[] = [{ x, y }];
    for (let k = Math.floor(uniform(random, 12, 40)); k > 0; k--) {
      heading += uniform(random, -2.6, 2.6);
      const length = uniform(random, 0.15, 0.5) * size;
      x = Math.min(centre() + size / 2, Math.max(centre() - size / 2, x + Math.cos(heading) * length));
      y = Math.min(centre() + size / 2, Math.max(centre() - size / 2, y + Math.sin(heading) * length));
      corners.push({ x, y });
    }
    strokes.push(densify(corners));
  }
  return strokes;
}

/** One to five dots or ticks, scattered or bunched. */
function dots(random: Random): Stroke[] {
  const spread = uniform(random, 0, 200);
  return Array.from({ length: 1 + Math.floor(random() * 5) }, () => {
    const x = centre() + uniform(random, -spread, spread);
    const y = centre() + uniform(random, -spread, spread);
    if (random() < 0.5) return [{ x, y }];
    const angle = uniform(random, 0, 2 * Math.PI);
    const length = uniform(random, 2, 10);
    return [
      { x, y },
      { x: x + Math.cos(angle) * length, y: y + Math.sin(angle) * length },
    ];
  });
}

/** A straight or slightly bent line, at least 40 degrees away from vertical (a slanted 1 leans up to about 30). */
function line(random: Random): Stroke[] {
  const angle = (uniform(random, -50, 50) * Math.PI) / 180 + (random() < 0.5 ? 0 : Math.PI);
  const half = uniform(random, 20, 170);
  const bend = uniform(random, -0.15, 0.15) * half;
  const [dx, dy] = [Math.cos(angle) * half, Math.sin(angle) * half];
  const middle = { x: centre() - dy * (bend / half), y: centre() + dx * (bend / half) };
  return [densify([{ x: centre() - dx, y: centre() - dy }, middle, { x: centre() + dx, y: centre() + dy }])];
}

/** A corner point of a regular polygon, wobbled as a hand draws it. */
function around(random: Random, radius: number, angle: number, wobble = 0.08): Point {
  const r = radius * (1 + uniform(random, -wobble, wobble));
  return { x: centre() + Math.cos(angle) * r, y: centre() + Math.sin(angle) * r };
}

/** A triangle, square, rectangle or pentagon, closed or nearly, sometimes with a diagonal. */
function polygon(random: Random): Stroke[] {
  const sides = pick([3, 4, 4, 5], random);
  const radius = uniform(random, 40, 170);
  const turn = uniform(random, 0, 2 * Math.PI);
  const stretch = uniform(random, 0.6, 1.6);
  const corners = Array.from({ length: sides + 1 }, (_, k) => {
    const p = around(random, radius, turn + (2 * Math.PI * k) / sides);
    return { x: centre() + (p.x - centre()) * stretch, y: p.y };
  });
  const strokes: Stroke[] = [densify(corners)];
  if (sides === 4 && random() < 0.3) strokes.push(densify([corners[0], corners[2]]));
  return strokes;
}

/** A five-pointed star in one stroke, or an asterisk of three crossing lines. */
function star(random: Random): Stroke[] {
  const radius = uniform(random, 50, 170);
  const turn = uniform(random, 0, 2 * Math.PI);
  if (random() < 0.6) {
    return [
      densify(Array.from({ length: 6 }, (_, k) => around(random, radius, turn + (4 * Math.PI * k) / 5))),
    ];
  }
  return [0, 1, 2].map((k) => {
    const angle = turn + (Math.PI * k) / 3;
    return densify([around(random, radius, angle), around(random, radius, angle + Math.PI)]);
  });
}

/** A spiral of two to four turns, in or out. */
function spiral(random: Random): Stroke[] {
  const turns = uniform(random, 2, 4);
  const radius = uniform(random, 50, 170);
  const turn = uniform(random, 0, 2 * Math.PI);
  const direction = random() < 0.5 ? 1 : -1;
  const steps = Math.ceil(turns * 24);
  const corners = Array.from({ length: steps + 1 }, (_, k) => {
    const t = k / steps;
    return around(random, radius * (0.1 + 0.9 * t), turn + direction * 2 * Math.PI * turns * t, 0.03);
  });
  return [densify(corners)];
}

/** A zigzag or a wave across, four or more teeth: a signature's squiggle, a crossed-out word. */
function zigzag(random: Random): Stroke[] {
  const teeth = Math.floor(uniform(random, 4, 10));
  const width = uniform(random, 100, 340);
  const height = uniform(random, 20, 120);
  const angle = uniform(random, -0.5, 0.5);
  const smooth = random() < 0.4;
  const steps = smooth ? teeth * 8 : teeth;
  const corners = Array.from({ length: steps + 1 }, (_, k) => {
    const u = (k / steps - 0.5) * width;
    const v = ((smooth ? Math.sin((Math.PI * k * teeth) / steps) : k % 2 ? 1 : -1) * height) / 2;
    return {
      x: centre() + u * Math.cos(angle) - v * Math.sin(angle),
      y: centre() + u * Math.sin(angle) + v * Math.cos(angle),
    };
  });
  return [densify(corners)];
}

/** Three to eight parallel strokes: shading. */
function hatching(random: Random): Stroke[] {
  const count = Math.floor(uniform(random, 3, 9));
  const length = uniform(random, 60, 260);
  const gap = uniform(random, 12, 40);
  const angle = uniform(random, 0, Math.PI);
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  return Array.from({ length: count }, (_, k) => {
    const offset = (k - (count - 1) / 2) * gap;
    const [ox, oy] = [centre() - dy * offset, centre() + dx * offset];
    const half = (length / 2) * uniform(random, 0.8, 1.1);
    return densify([
      { x: ox - dx * half, y: oy - dy * half },
      { x: ox + dx * half, y: oy + dy * half },
    ]);
  });
}

/** A digit's strokes scaled to `height` px tall with its top-left corner at (left, top). */
export function placeDigit(digit: DigitStrokes, left: number, top: number, height: number): Stroke[] {
  const points = digit.flat();
  const [minX, minY] = [Math.min(...points.map((p) => p.x)), Math.min(...points.map((p) => p.y))];
  const maxY = Math.max(...points.map((p) => p.y));
  const scale = height / Math.max(1, maxY - minY);
  return digit.map((stroke) =>
    stroke.map((p) => ({ x: left + (p.x - minX) * scale, y: top + (p.y - minY) * scale })),
  );
}

const widthOf = (strokes: readonly Stroke[]) => {
  const xs = strokes.flat().map((p) => p.x);
  return Math.max(...xs) - Math.min(...xs);
};

/** Two digits written side by side, from touching to a digit's width apart: a number, not a digit. */
function twoDigits(random: Random, digits: readonly DigitStrokes[]): Stroke[] {
  const height = uniform(random, 80, 220);
  const top = centre() - height / 2 + uniform(random, -20, 20);
  const first = placeDigit(pick(digits, random), 0, top, height);
  const gap = uniform(random, 0, 0.5) * height;
  const second = placeDigit(
    pick(digits, random),
    widthOf(first) + gap,
    top + uniform(random, -0.15, 0.15) * height,
    height * uniform(random, 0.85, 1.15),
  );
  return [...first, ...second];
}

/** A digit struck out by a dense zigzag or a tangle over it. */
function crossedOut(random: Random, digits: readonly DigitStrokes[]): Stroke[] {
  const height = uniform(random, 120, 260);
  const digit = placeDigit(pick(digits, random), centre() - height / 3, centre() - height / 2, height);
  const strike = random() < 0.5 ? zigzag(random) : scribble(random);
  return [...digit, ...strike];
}

/** Non-digit ink of the given kind (`digits` feed the kinds made of digits). */
export function generateNegative(
  kind: NegativeKind,
  random: Random,
  digits: readonly DigitStrokes[],
): Stroke[] {
  switch (kind) {
    case 'scribble':
      return scribble(random);
    case 'dots':
      return dots(random);
    case 'line':
      return line(random);
    case 'polygon':
      return polygon(random);
    case 'star':
      return star(random);
    case 'spiral':
      return spiral(random);
    case 'zigzag':
      return zigzag(random);
    case 'hatching':
      return hatching(random);
    case 'two-digits':
      return digits.length ? twoDigits(random, digits) : scribble(random);
    case 'crossed-out':
      return digits.length ? crossedOut(random, digits) : zigzag(random);
  }
}
