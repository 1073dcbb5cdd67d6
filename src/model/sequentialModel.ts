/**
 * Runs a Keras/TensorFlow.js `Sequential` model saved by tfjs-layers, with tfjs-core ops alone.
 *
 * tfjs-layers is the largest piece of TensorFlow.js a page can ship, and this page needs none of
 * it but a forward pass through five kinds of layer. Reading the saved topology here keeps the
 * model files standard (`tf.loadLayersModel` still reads them, and a test checks both give the
 * same probabilities) while the page only downloads the ops it runs. A layer this reader does not
 * know fails loudly, naming it, instead of computing something else.
 */
import * as tf from '@tensorflow/tfjs-core';

type Activation = 'linear' | 'relu' | 'softmax';

/** A saved layer, as it appears in model.json's topology. */
interface LayerJson {
  class_name: string;
  config: Record<string, unknown>;
}

/** One step of the forward pass; weights are looked up by the layer's name. */
type Step = (x: tf.Tensor, weights: tf.NamedTensorMap) => tf.Tensor;

export class UnsupportedModelError extends Error {}

function activationOf(layer: LayerJson): Activation {
  const activation = (layer.config.activation ?? 'linear') as string;
  if (activation === 'linear' || activation === 'relu' || activation === 'softmax') return activation;
  throw new UnsupportedModelError(
    `layer ${String(layer.config.name)} uses the unsupported activation "${activation}"`,
  );
}

function activate(x: tf.Tensor, activation: Activation): tf.Tensor {
  if (activation === 'relu') return tf.relu(x);
  if (activation === 'softmax') return tf.softmax(x);
  return x;
}

/**
 * Runs a fused op (conv or matmul with bias) with `activation`: fused kernels take relu (or
 * nothing) inside, so only softmax is applied after.
 */
function fusedWith(activation: Activation, op: (fused: 'relu' | 'linear') => tf.Tensor): tf.Tensor {
  const output = op(activation === 'relu' ? 'relu' : 'linear');
  return activation === 'softmax' ? activate(output, 'softmax') : output;
}

function pair(value: unknown, what: string, layer: string): [number, number] {
  const parsed = typeof value === 'number' ? [value, value] : value;
  if (Array.isArray(parsed) && parsed.length === 2 && parsed.every(Number.isInteger))
    return parsed as [number, number];
  throw new UnsupportedModelError(`layer ${layer} has an invalid ${what}: ${JSON.stringify(value)}`);
}

function requireChannelsLast(layer: LayerJson) {
  const format = layer.config.data_format ?? 'channels_last';
  if (format !== 'channels_last') {
    throw new UnsupportedModelError(
      `layer ${String(layer.config.name)} uses ${String(format)}; only channels_last is supported`,
    );
  }
}

function padding(layer: LayerJson): 'same' | 'valid' {
  const value = layer.config.padding ?? 'valid';
  if (value === 'same' || value === 'valid') return value;
  throw new UnsupportedModelError(
    `layer ${String(layer.config.name)} has unsupported padding ${JSON.stringify(value)}`,
  );
}

function weight(weights: tf.NamedTensorMap, name: string): tf.Tensor {
  const tensor = weights[name];
  if (!tensor) throw new UnsupportedModelError(`the weights have no ${name}`);
  return tensor;
}

function conv2dStep(layer: LayerJson, name: string, useBias: boolean): Step {
  requireChannelsLast(layer);
  const activation = activationOf(layer);
  const strides = pair(layer.config.strides ?? 1, 'stride', name);
  const dilations = pair(layer.config.dilation_rate ?? 1, 'dilation rate', name);
  const pad = padding(layer);
  return (x, weights) =>
    fusedWith(activation, (fused) =>
      tf.fused.conv2d({
        x: x as tf.Tensor4D,
        filter: weight(weights, `${name}/kernel`) as tf.Tensor4D,
        bias: useBias ? weight(weights, `${name}/bias`) : undefined,
        strides,
        pad,
        dilations,
        activation: fused,
      }),
    );
}

function maxPoolStep(layer: LayerJson, name: string): Step {
  requireChannelsLast(layer);
  const poolSize = pair(layer.config.pool_size ?? 2, 'pool size', name);
  const strides = pair(layer.config.strides ?? poolSize, 'stride', name);
  const pad = padding(layer);
  return (x) => tf.maxPool(x as tf.Tensor4D, poolSize, strides, pad);
}

function denseStep(layer: LayerJson, name: string, useBias: boolean): Step {
  const activation = activationOf(layer);
  return (x, weights) =>
    fusedWith(activation, (fused) =>
      tf.fused.matMul({
        a: x as tf.Tensor2D,
        b: weight(weights, `${name}/kernel`) as tf.Tensor2D,
        bias: useBias ? weight(weights, `${name}/bias`) : undefined,
        activation: fused,
      }),
    );
}

/** The forward step of one saved layer. */
function stepFor(layer: LayerJson): Step {
  const name = String(layer.config.name);
  const useBias = layer.config.use_bias !== false;
  switch (layer.class_name) {
    case 'InputLayer':
    case 'Dropout': // identity at inference
      return (x) => x;
    case 'Conv2D':
      return conv2dStep(layer, name, useBias);
    case 'MaxPooling2D':
      return maxPoolStep(layer, name);
    case 'Flatten':
      return (x) => tf.reshape(x, [x.shape[0], -1]);
    case 'Dense':
      return denseStep(layer, name, useBias);
    case 'Activation': {
      const activation = activationOf(layer);
      return (x) => activate(x, activation);
    }
    default:
      throw new UnsupportedModelError(`layer ${name} is a ${layer.class_name}, which this page cannot run`);
  }
}

/** A saved layer as the page names it: what "Look inside" labels each activation with. */
export interface LayerInfo {
  /** The layer's name in model.json, e.g. `conv2d_Conv2D1`. */
  readonly name: string;
  /** Its Keras class: `Conv2D`, `MaxPooling2D`, `Flatten`, `Dense`, ... */
  readonly kind: string;
}

export interface SequentialModel {
  /** Shape of the input, batch first, as saved (`null` for the batch). */
  readonly inputShape: readonly (number | null)[];
  /** Every saved layer, in order: `activations` gives one tensor per entry. */
  readonly layers: readonly LayerInfo[];
  /** Probabilities for a batch; call inside `tf.tidy` or dispose the result. */
  predict(input: tf.Tensor): tf.Tensor;
  /**
   * Probabilities and the penultimate features (the last Flatten layer's output, or what the last
   * layer takes in) of a batch, from one forward pass; call inside `tf.tidy` or dispose both.
   */
  predictWithFeatures(input: tf.Tensor): { probabilities: tf.Tensor; features: tf.Tensor };
  /** Each layer's output for a batch, in `layers` order; call inside `tf.tidy` or dispose them all. */
  activations(input: tf.Tensor): tf.Tensor[];
  dispose(): void;
}

/** The topology's layer list, whichever of the two shapes tfjs-layers saved it in. */
function layersOf(topology: unknown): LayerJson[] {
  const root = topology as { class_name?: string; config?: unknown; model_config?: unknown } | null;
  const model = (root?.model_config ?? root) as { class_name?: string; config?: { layers?: unknown } } | null;
  if (model?.class_name !== 'Sequential' || !Array.isArray(model.config?.layers)) {
    throw new UnsupportedModelError('model.json does not describe a Sequential layers model');
  }
  return model.config.layers as LayerJson[];
}

/** Index of the step whose output is the model's penultimate features. */
function featureStep(layers: readonly LayerJson[]): number {
  const flatten = layers.map((layer) => layer.class_name).lastIndexOf('Flatten');
  return flatten >= 0 ? flatten : layers.length - 2;
}

/** Runs `steps` over `input`, keeping every step's output. */
function forwardAll(steps: readonly Step[], weights: tf.NamedTensorMap, input: tf.Tensor): tf.Tensor[] {
  const outputs: tf.Tensor[] = [];
  steps.reduce((x, step) => {
    const output = step(x, weights);
    outputs.push(output);
    return output;
  }, input);
  return outputs;
}

/**
 * Builds the forward pass of saved `artifacts`; the weights become tensors on the active backend,
 * so build the model after choosing the backend.
 */
export function buildSequentialModel(artifacts: tf.io.ModelArtifacts): SequentialModel {
  const layers = layersOf(artifacts.modelTopology);
  const steps = layers.map(stepFor);
  const inputShape = (layers[0]?.config.batch_input_shape ?? null) as (number | null)[] | null;
  if (!inputShape) throw new UnsupportedModelError('the first layer does not say its input shape');
  if (!artifacts.weightSpecs || !artifacts.weightData)
    throw new UnsupportedModelError('model.json lists no weights');
  const weights = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  const featureIndex = featureStep(layers);
  return {
    inputShape,
    layers: layers.map((layer) => ({ name: String(layer.config.name), kind: layer.class_name })),
    predict: (input) => tf.tidy(() => steps.reduce((x, step) => step(x, weights), input)),
    predictWithFeatures: (input) =>
      tf.tidy(() => {
        const outputs = forwardAll(steps, weights, input);
        return { probabilities: outputs[outputs.length - 1], features: outputs[featureIndex] };
      }),
    activations: (input) => tf.tidy(() => forwardAll(steps, weights, input)),
    dispose: () => tf.dispose(Object.values(weights)),
  };
}
