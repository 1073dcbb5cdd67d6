export { boundingBox } from './boundingBox';
export { centerOfMass } from './centerOfMass';
export { fitBox } from './fitBox';
export { createInkImage, inkFromRgba, totalInk } from './inkImage';
export { placeCentered, sampleBilinear } from './placeCentered';
export { normalizeInk, preprocess } from './preprocess';
export * from './types';
export { drawStrokes, planRaster, strokeBounds } from './strokes';
export type { Bounds, RasterPlan, StrokeContext } from './strokes';
