export { boundingBox } from './boundingBox';
export { centerOfMass } from './centerOfMass';
export { fitBox } from './fitBox';
export { createInkImage, inkFromRgba, totalInk } from './inkImage';
export { placeCentered, sampleBilinear } from './placeCentered';
export { normalizeInk, preprocess } from './preprocess';
export * from './types';
export { drawStrokes, planRaster, strokeBounds } from './strokes';
export { topDigit } from './topDigit';
export type { Bounds, RasterPlan, StrokeContext } from './strokes';
export { formatPenData, parsePenData, PenDataError, rowProblem } from './penData';
export type { LabelKind, PenLabel, PenSample } from './penData';
export {
  inkExtent,
  MAX_PEN_RATIO,
  MIN_READABLE_EXTENT_IN_PEN_WIDTHS,
  readingLineWidth,
  tooSmallToRead,
} from './penWidth';
export { inkShape, isLyingLine, MAX_LINE_BEND, MIN_LINE_DEGREES_FROM_VERTICAL } from './inkShape';
export type { InkShape } from './inkShape';
