import type { Stroke } from '../digit';
import {
  centreXOf,
  coverage,
  extentOfStroke,
  heightOf,
  inkScale,
  separation,
  unionOf,
  widthOf,
  type Extent,
} from './extents';
import { SEGMENT_DEFAULTS, type Grouping, type SegmentOptions, type StrokeGroup } from './types';
import { formUnits, type Unit } from './units';

type Rules = Required<SegmentOptions>;

/** Between two neighbouring units: the geometry's belief that a digit ends there. */
interface Cut {
  readonly splitChance: number;
  /** Decided by geometry (true: split); null when the classifier is to decide. */
  readonly decided: boolean | null;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** The geometry's log-odds that `left` and `right` are different digits (see `SegmentOptions`). */
function splitLogOdds(left: Extent, right: Extent, scale: number, rules: Rules): number {
  const [lower, other] = heightOf(left) <= heightOf(right) ? [left, right] : [right, left];
  const features = [
    [rules.separationWeight, separation(left, right, scale, rules.minWidth)],
    [rules.widthWeight, widthOf(unionOf([left, right])) / scale],
    [rules.heightWeight, heightOf(lower) / scale],
    [rules.raisedWeight, (other.bottom - lower.bottom) / scale],
  ];
  return features.reduce((sum, [weight, value]) => sum + weight * value, rules.splitBias);
}

function cutBetween(left: Unit, right: Unit, scale: number, rules: Rules): Cut {
  const apart = separation(left.extent, right.extent, scale, rules.minWidth);
  const splitChance = logistic(splitLogOdds(left.extent, right.extent, scale, rules));
  const lower = Math.min(heightOf(left.extent), heightOf(right.extent)) / scale;
  const farEnough = lower >= rules.fullHeight ? rules.splitGap : rules.shortGap;
  if (apart >= farEnough) return { splitChance, decided: true };
  if (coverage(left.extent, right.extent, scale, rules.minWidth) >= rules.mergeOverlap)
    return { splitChance, decided: false };
  return { splitChance, decided: null };
}

/**
 * Leaves at most `max` cuts open, the least certain ones: every open cut doubles the candidates,
 * and a cut the geometry is nearly sure of rarely needs the classifier.
 */
function boundOpenCuts(cuts: readonly Cut[], max: number): Cut[] {
  const doubt = (cut: Cut) => Math.abs(cut.splitChance - 0.5);
  const open = cuts.filter((cut) => cut.decided === null).sort((a, b) => doubt(a) - doubt(b));
  const kept = new Set(open.slice(0, max));
  return cuts.map((cut) =>
    cut.decided !== null || kept.has(cut) ? cut : { ...cut, decided: cut.splitChance >= 0.5 },
  );
}

/** The grouping that splits where `splits[i]` says (between unit i and i + 1), and its prior. */
function groupingOf(units: readonly Unit[], cuts: readonly Cut[], splits: readonly boolean[]) {
  const runs: Unit[][] = [[units[0]]];
  let prior = 0;
  cuts.forEach((cut, i) => {
    if (cut.decided === null) prior += Math.log(splits[i] ? cut.splitChance : 1 - cut.splitChance);
    if (splits[i]) runs.push([units[i + 1]]);
    else runs[runs.length - 1].push(units[i + 1]);
  });
  return { runs, prior };
}

const groupOfRun = (run: readonly Unit[]): StrokeGroup =>
  run.flatMap((unit) => unit.strokes).sort((a, b) => a - b);

/** Runs ordered left to right by the middle of their ink (units are; a merged run follows suit). */
const leftToRight = (runs: readonly Unit[][]) => {
  const middle = (run: readonly Unit[]) => centreXOf(unionOf(run.map((unit) => unit.extent)));
  return [...runs].sort((a, b) => middle(a) - middle(b));
};

/** Every way of deciding the open cuts (2^open of them), as split flags per cut. */
function splitChoices(cuts: readonly Cut[]): boolean[][] {
  let choices: boolean[][] = [[]];
  for (const cut of cuts) {
    const options = cut.decided === null ? [true, false] : [cut.decided];
    choices = choices.flatMap((choice) => options.map((split) => [...choice, split]));
  }
  return choices;
}

/**
 * Candidate ways to cut the strokes into digits, each with its groups left to right. Geometry
 * settles what it can (overlapping strokes, pieces, wide gaps: see `formUnits`); where two
 * neighbours neither overlap much nor stand clearly apart, both the merge and the split are
 * proposed, and the classifier chooses (`chooseGrouping`). The candidates are few: at most
 * 2^`maxAmbiguousCuts`, and none with a merged group too wide or of too many units to be a digit.
 * Blank: one candidate with no groups. The strokes are not changed.
 */
export function proposeGroupings(strokes: readonly Stroke[], options: SegmentOptions = {}): Grouping[] {
  if (strokes.length === 0) return [{ groups: [], prior: 0 }];
  const rules: Rules = { ...SEGMENT_DEFAULTS, ...options };
  const extents = strokes.map(extentOfStroke);
  const scale = inkScale(extents);
  const units = formUnits(extents, scale, rules);
  const cuts = boundOpenCuts(
    units.slice(1).map((right, i) => cutBetween(units[i], right, scale, rules)),
    rules.maxAmbiguousCuts,
  );
  const plausible = (run: readonly Unit[]) =>
    run.length === 1 ||
    (run.length <= rules.maxUnitsPerGroup &&
      widthOf(unionOf(run.map((unit) => unit.extent))) <= rules.maxGroupWidth * scale);
  const candidates = splitChoices(cuts).map((splits) => groupingOf(units, cuts, splits));
  const allSplit = candidates.reduce((a, b) => (b.runs.length > a.runs.length ? b : a));
  return candidates
    .filter((candidate) => candidate === allSplit || candidate.runs.every(plausible))
    .map(({ runs, prior }) => ({ groups: leftToRight(runs).map(groupOfRun), prior }));
}
