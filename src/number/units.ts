import { centreXOf, coverage, heightOf, horizontalOverlap, unionOf, widthOf, type Extent } from './extents';
import type { SegmentOptions } from './types';

/** Strokes that certainly belong to one digit, whatever the classifier would say. */
export interface Unit {
  /** Stroke indices, ascending. */
  readonly strokes: readonly number[];
  readonly extent: Extent;
}

type Rules = Required<SegmentOptions>;

/** Groups of `items` connected by `linked` (transitively), each in ascending order. */
export function components(items: readonly number[], linked: (a: number, b: number) => boolean): number[][] {
  const root = new Map(items.map((item) => [item, item]));
  const find = (item: number): number => {
    const parent = root.get(item) as number;
    return parent === item ? item : find(parent);
  };
  for (const [k, a] of items.entries())
    for (const b of items.slice(k + 1)) if (linked(a, b)) root.set(find(b), find(a));
  const groups = new Map<number, number[]>();
  for (const item of items) groups.set(find(item), [...(groups.get(find(item)) ?? []), item]);
  return [...groups.values()].map((group) => group.sort((a, b) => a - b));
}

/** A bar, base, serif, crossbar or dot: part of a digit, too low and flat (or small) to be one. */
export function isPiece(extent: Extent, scale: number, rules: Rules): boolean {
  const height = heightOf(extent);
  const width = widthOf(extent);
  if (Math.max(height, width) < rules.tinySize * scale) return true;
  return height < rules.pieceHeight * scale && height < rules.flatness * width;
}

const unitOf = (strokes: readonly number[], extents: readonly Extent[]): Unit => ({
  strokes: [...strokes].sort((a, b) => a - b),
  extent: unionOf(strokes.map((s) => extents[s])),
});

/**
 * The unit a piece belongs to: of the units within its reach, the one whose middle is nearest
 * its own (a 1's base is centred on the 1, not on the digit its end touches); -1 for none.
 */
function hostOf(piece: Extent, units: readonly Unit[], reach: number): number {
  let host = -1;
  let nearest = Infinity;
  units.forEach((unit, u) => {
    const distance = Math.abs(centreXOf(unit.extent) - centreXOf(piece));
    if (-horizontalOverlap(piece, unit.extent) <= reach && distance < nearest) {
      host = u;
      nearest = distance;
    }
  });
  return host;
}

/**
 * The certain part of segmentation: strokes that overlap most of each other's width are one
 * digit (a 4's two strokes, a 0 closed by a second stroke), and pieces join the digit they sit
 * on (a 5's bar, a 7's crossbar, a 1's base), in whatever order they were drawn. Pieces with no
 * digit near stay together if they overlap (an "=") or alone. Units come left to right.
 */
export function formUnits(extents: readonly Extent[], scale: number, rules: Rules): Unit[] {
  const all = extents.map((_, s) => s);
  const pieces = all.filter((s) => isPiece(extents[s], scale, rules));
  const bodies = all.filter((s) => !pieces.includes(s));
  const overlapping = (a: number, b: number) =>
    coverage(extents[a], extents[b], scale, rules.minWidth) >= rules.mergeOverlap;
  const bodyUnits = components(bodies, overlapping).map((strokes) => unitOf(strokes, extents));
  const members = bodyUnits.map((unit) => [...unit.strokes]);
  const strays: number[] = [];
  for (const piece of pieces) {
    const host = hostOf(extents[piece], bodyUnits, rules.pieceReach * scale);
    if (host < 0) strays.push(piece);
    else members[host].push(piece);
  }
  const strayUnits = components(strays, overlapping);
  return [...members, ...strayUnits]
    .map((strokes) => unitOf(strokes, extents))
    .sort((a, b) => centreXOf(a.extent) - centreXOf(b.extent));
}
