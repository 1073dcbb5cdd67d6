/**
 * The pure half of exporting a model: its artifacts as `model.save` hands them over, 8-bit
 * quantisation, and the text of `model.json` and `metrics.json`. Writing files is the caller's
 * business (`training/exportModel.ts` in Node; the page will keep a fine-tuned model in IndexedDB).
 */
import { io } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

export const WEIGHTS_FILE = 'group1-shard1of1.bin';

/** The model's topology and float32 weights, as `model.save` hands them over. */
export async function modelArtifacts(model: LayersModel): Promise<io.ModelArtifacts> {
  let captured: io.ModelArtifacts | undefined;
  await model.save(
    io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!captured) throw new Error('model.save produced no artifacts');
  return captured;
}

export function weightBuffer(artifacts: io.ModelArtifacts): ArrayBuffer {
  const data = artifacts.weightData;
  if (!data) throw new Error('model has no weights');
  return io.CompositeArrayBuffer.join(data);
}

/**
 * Affine 8-bit quantisation per weight tensor, as the TensorFlow.js converter writes it: each value
 * is stored as round((w - min) / scale), and `tf.loadLayersModel` restores min + q * scale. A 3x3
 * conv kernel loses at most scale/2 per weight; the accuracy this costs is measured, not assumed.
 */
export function quantizeArtifacts(artifacts: io.ModelArtifacts): io.ModelArtifacts {
  const floats = new Float32Array(weightBuffer(artifacts));
  const specs = artifacts.weightSpecs ?? [];
  const bytes = new Uint8Array(floats.length);
  let offset = 0;
  const quantizedSpecs = specs.map((spec) => {
    if (spec.dtype !== 'float32') throw new Error(`cannot quantise ${spec.name} of dtype ${spec.dtype}`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = floats.subarray(offset, offset + size);
    let min = Infinity;
    let max = -Infinity;
    for (const value of values) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    const scale = max > min ? (max - min) / 255 : 1;
    for (let i = 0; i < size; i++) bytes[offset + i] = Math.round((values[i] - min) / scale);
    offset += size;
    return { ...spec, quantization: { dtype: 'uint8' as const, scale, min } };
  });
  return { ...artifacts, weightSpecs: quantizedSpecs, weightData: bytes.buffer };
}

export function weightBytes(artifacts: io.ModelArtifacts): number {
  return weightBuffer(artifacts).byteLength;
}

/** model.json for `artifacts`, whose weights go in one file, `WEIGHTS_FILE`, beside it. */
export function modelJson(artifacts: io.ModelArtifacts): string {
  return JSON.stringify({
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs }],
  });
}

/** Indented JSON, with arrays of numbers (the confusion matrix's rows) kept on one line each. */
export function formatMetrics(metrics: object): string {
  return JSON.stringify(metrics, null, 2).replace(/\[[-\d.,\seE+]*\]/g, (array) =>
    JSON.stringify(JSON.parse(array)).replace(/,/g, ', '),
  );
}
