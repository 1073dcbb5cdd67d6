import { liveTensorCount, type Classifier } from './model/classifier';

/**
 * What browser tests and `npm run bench` read from outside the bundle (`window.__digitpad`):
 * tfjs stays private to the app, but a leak or a slow model must be measurable.
 */
export interface DiagnosticsApi {
  /** Tensors alive in tfjs: a leak shows as a count that keeps growing. */
  numTensors(): number;
  /** The bare model call, without drawing or preprocessing: the reference for latency figures. */
  classify(input: Float32Array): Promise<Float32Array>;
  /**
   * The backend in use once the hand-over after the first answer has ended (it starts it if the
   * page has not yet): what the page runs on from then on.
   */
  settledBackend(): Promise<string>;
}

declare global {
  interface Window {
    __digitpad?: DiagnosticsApi;
  }
}

/** The app's diagnostics: the app attaches the classifier it uses now (null while none is ready). */
export interface Diagnostics {
  readonly api: DiagnosticsApi;
  attach(classifier: Classifier | null): void;
}

export function createDiagnostics(): Diagnostics {
  let current: Classifier | null = null;
  return {
    api: {
      numTensors: () => liveTensorCount(),
      classify: (input) =>
        current ? current.classify(input) : Promise.reject(new Error('the model is not ready')),
      settledBackend: async () => {
        const classifier = current;
        if (classifier === null) throw new Error('the model is not ready');
        await classifier.handOver();
        return classifier.backend;
      },
    },
    attach(classifier) {
      current = classifier;
    },
  };
}

export function installDiagnostics(target: Window, diagnostics: Diagnostics): void {
  target.__digitpad = diagnostics.api;
}
