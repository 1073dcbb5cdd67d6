/** A point of a stroke, in CSS pixels relative to the drawing surface's top-left corner. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** One pen-down..pen-up trace, in the order it was drawn. */
export type Stroke = readonly Point[];

/** A single-channel image, row-major, where 0 is paper and 1 is full ink. */
export interface InkImage {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** The structural part of the DOM's `ImageData` (RGBA bytes), so Node code can make one too. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray | Uint8Array;
}

/** Pixel rectangle: `left`/`top` inclusive, `right`/`bottom` exclusive. */
export interface BoundingBox {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * Where the ink is in an RGBA image: `alpha` for strokes drawn on a transparent canvas (the app's
 * pad), `dark-on-light` for dark ink on a light, opaque background (a scan or a photo).
 */
export type InkSource = 'alpha' | 'dark-on-light';

export interface PreprocessOptions {
  /** See {@link InkSource}. Default `alpha`. */
  inkSource?: InkSource;
  /** Pixels with less ink than this are paper when finding the bounding box. Default 0.1. */
  inkThreshold?: number;
  /** Total ink, in fully inked pixels, below which the image counts as empty. Default 2. */
  minInk?: number;
}

/** The MNIST image side, and the box the digit's longer side is scaled to inside it. */
export const MNIST_SIZE = 28;
export const MNIST_DIGIT_BOX = 20;
/** Values in one model input: 28x28, row-major. */
export const MNIST_PIXELS = MNIST_SIZE * MNIST_SIZE;

/** Classes a digit classifier tells apart: the digits 0 to 9, in this order. */
export const NUM_CLASSES = 10;
/**
 * A model that also answers "not a digit" has one more output after the ten digits, at this
 * index; all its outputs form one softmax. Training labels non-digits (letters, scribbles,
 * shapes) with it.
 */
export const NOT_DIGIT = NUM_CLASSES;
/** Outputs of a model that scores "not a digit": the ten digits, then `NOT_DIGIT`. */
export const OUTPUTS_WITH_NOT_DIGIT = NUM_CLASSES + 1;
/** The class names, index = class: what the page shows for a class. */
export const DIGIT_LABELS: readonly string[] = Array.from({ length: NUM_CLASSES }, (_, digit) =>
  String(digit),
);
