import { strokeBounds, type Stroke } from '../digit';

/** The rectangle a stroke's (or a group's) centre line spans, CSS px. */
export interface Extent {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export const widthOf = (e: Extent) => e.right - e.left;
export const heightOf = (e: Extent) => e.bottom - e.top;
export const centreXOf = (e: Extent) => (e.left + e.right) / 2;

export function extentOfStroke(stroke: Stroke): Extent {
  // Strokes on the pad always have a point; an empty one is a degenerate dot at the origin.
  const bounds = strokeBounds([stroke]) ?? { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  return { left: bounds.minX, right: bounds.maxX, top: bounds.minY, bottom: bounds.maxY };
}

export function unionOf(extents: readonly Extent[]): Extent {
  return {
    left: Math.min(...extents.map((e) => e.left)),
    right: Math.max(...extents.map((e) => e.right)),
    top: Math.min(...extents.map((e) => e.top)),
    bottom: Math.max(...extents.map((e) => e.bottom)),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The ink's own unit of length: roughly one digit's height. The median height of the taller
 * strokes, so bars and serifs do not shrink it and one big digit does not stretch it; never less
 * than half the median stroke width, so a drawing of flat strokes alone ("=") has a scale too.
 * The pad's size plays no part: a number drawn small reads as the same number drawn big.
 */
export function inkScale(extents: readonly Extent[]): number {
  if (extents.length === 0) return 1;
  const heights = extents.map(heightOf);
  const tallest = Math.max(...heights);
  const tall = heights.filter((h) => h >= tallest / 2);
  return Math.max(median(tall), median(extents.map(widthOf)) / 2, 1);
}

/** Length of the horizontal overlap of two extents; negative: the gap between them. */
export function horizontalOverlap(a: Extent, b: Extent): number {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left);
}

/**
 * The share of the narrower extent's width that the other covers (its width counted as at least
 * `minWidth` scales, so that a thin stroke merely touching another is not covered by it).
 */
export function coverage(a: Extent, b: Extent, scale: number, minWidth: number): number {
  const overlap = horizontalOverlap(a, b);
  return overlap <= 0 ? 0 : overlap / Math.max(Math.min(widthOf(a), widthOf(b)), minWidth * scale);
}

/** The extent, widened about its middle to at least `width`: a stem is a line, not a gap. */
function atLeastWide(e: Extent, width: number): Extent {
  const grow = Math.max(0, width - widthOf(e)) / 2;
  return { ...e, left: e.left - grow, right: e.right + grow };
}

/**
 * How two extents stand side by side, in one signed measure: overlapping, minus the share of the
 * narrower one covered (down to -1, contained); apart, the gap in ink scales. Each counts as at
 * least `minWidth` scales wide: a 4's stem crossing its bar overlaps it, a thin 1 that just
 * touches the next digit is not "contained" in it.
 */
export function separation(a: Extent, b: Extent, scale: number, minWidth: number): number {
  const [wideA, wideB] = [atLeastWide(a, minWidth * scale), atLeastWide(b, minWidth * scale)];
  const overlap = horizontalOverlap(wideA, wideB);
  if (overlap <= 0) return -horizontalOverlap(a, b) / scale;
  return -overlap / Math.min(widthOf(wideA), widthOf(wideB));
}
