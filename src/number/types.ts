/**
 * Reading a number: the pad's strokes grouped into digits. Proposing groupings is geometry alone;
 * choosing one needs the classifier's reading of each group, so the page can read every distinct
 * group in one model call and then choose.
 */

/** Indices into the pad's strokes, ascending (drawing order): the strokes of one digit. */
export type StrokeGroup = readonly number[];

/** One way to cut the strokes into digits. */
export interface Grouping {
  /** Every stroke in exactly one group; groups ordered left to right. */
  readonly groups: readonly StrokeGroup[];
  /**
   * How plausible the cuts are from geometry alone, as a log-probability (0 when nothing was
   * ambiguous). The classifier's evidence is added to it when choosing.
   */
  readonly prior: number;
}

/** What the classifier said of one group, as much as choosing needs. */
export interface GroupScore {
  /** The likeliest digit's probability among the ten digits (the page's confidence). */
  readonly digitProbability: number;
  /** The model's "not a digit" output; 0 for a model without one. */
  readonly notDigit: number;
}

export interface SegmentOptions {
  /**
   * A stroke lower than this many ink scales, and flat (see `flatness`) or tiny, is a piece of a
   * digit (a bar, a base, a serif, a crossbar) that never stands alone while a digit is near.
   */
  pieceHeight?: number;
  /** A stroke less tall than this share of its width is flat. */
  flatness?: number;
  /** A stroke whose longer side is under this many ink scales is tiny: a tick, a dot. */
  tinySize?: number;
  /** How far (in ink scales) a piece reaches for the digit it belongs to. */
  pieceReach?: number;
  /** Strokes whose horizontal extents overlap by this share of the narrower are one digit. */
  mergeOverlap?: number;
  /** The narrower extent counts as at least this many ink scales when measuring overlap. */
  minWidth?: number;
  /** Units farther apart than this (in ink scales) are different digits, when both are full height. */
  splitGap?: number;
  /**
   * A unit lower than this many ink scales may be part of a digit drawn apart (the open top of a
   * 4 beside its stem), so cuts beside it stay open up to `shortGap` scales.
   */
  fullHeight?: number;
  shortGap?: number;
  /**
   * The geometry's log-odds that two neighbouring units are different digits: this much per unit
   * of separation, plus this much per ink scale of their joint width (a digit is rarely wider
   * than it is tall; two side by side nearly always are), plus this much per ink scale of the
   * lower one's height (a part of a digit is lower than a whole one), plus this much per ink
   * scale the lower one's bottom is raised above the other's (a 4's open top hangs beside its
   * stem; a small digit stands on the line), plus the bias. Fitted on the tuning writers' numbers.
   */
  separationWeight?: number;
  widthWeight?: number;
  heightWeight?: number;
  raisedWeight?: number;
  splitBias?: number;
  /** At most this many ambiguous cuts are left to the classifier (2^n candidates). */
  maxAmbiguousCuts?: number;
  /** No candidate group spans more than this many units, or is wider than `maxGroupWidth` scales. */
  maxUnitsPerGroup?: number;
  maxGroupWidth?: number;
}

export const SEGMENT_DEFAULTS: Required<SegmentOptions> = {
  pieceHeight: 0.45,
  flatness: 0.5,
  tinySize: 0.25,
  pieceReach: 0.25,
  mergeOverlap: 0.6,
  minWidth: 0.25,
  splitGap: 0.35,
  fullHeight: 0.8,
  shortGap: 0.8,
  separationWeight: 4.2,
  widthWeight: 3.8,
  heightWeight: 7,
  raisedWeight: -3.2,
  splitBias: -6.1,
  maxAmbiguousCuts: 5,
  maxUnitsPerGroup: 3,
  maxGroupWidth: 1.8,
};

export interface ChooseOptions {
  /** Weight of log(1 - notDigit) against log(digitProbability). */
  notDigitWeight?: number;
  /** A fixed cost per group beyond the first (log units): the number's own reluctance to split. */
  groupCost?: number;
}

export const CHOOSE_DEFAULTS: Required<ChooseOptions> = { notDigitWeight: 2, groupCost: 0 };
