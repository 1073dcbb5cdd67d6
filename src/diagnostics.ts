import { liveTensorCount, type Classifier } from './model/classifier';

/**
 * What browser tests and `npm run bench` read from outside the bundle (`window.__digitpad`):
 * tfjs stays private to the app, but a leak or a slow model must be measurable.
 */
export interface Diagnostics {
  /** Tensors alive in tfjs: a leak shows as a count that keeps growing. */
  numTensors(): number;
  /** The bare model call, without drawing or preprocessing: the reference for latency figures. */
  classify(input: Float32Array): Promise<Float32Array>;
}

declare global {
  interface Window {
    __digitpad?: Diagnostics;
  }
}

let current: Classifier | null = null;

/** The classifier the page uses now, or null while none is ready. */
export function setDiagnosticsClassifier(classifier: Classifier | null): void {
  current = classifier;
}

export function installDiagnostics(target: Window): void {
  target.__digitpad = {
    numTensors: liveTensorCount,
    classify: (input) => {
      if (!current) return Promise.reject(new Error('the model is not ready'));
      return current.classify(input);
    },
  };
}
