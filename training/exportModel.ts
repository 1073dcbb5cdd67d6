/**
 * Turning a trained model into the files the app loads: `model.json`, one weights file and
 * `metrics.json`, with the weights quantised to 8 bits, written so that a failure at any point
 * leaves the previous model as it was.
 */
import { io } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

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

function weightBuffer(artifacts: io.ModelArtifacts): ArrayBuffer {
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

/**
 * Reads a folder this exporter wrote back into memory, as `tf.io.fromMemory` takes it: Node has
 * no file:// loader without tfjs-node.
 */
export function readModelFolder(dir: string): io.ModelArtifacts {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as io.ModelJSON;
  const [group] = json.weightsManifest;
  const weights = readFileSync(join(dir, group.paths[0]));
  return {
    modelTopology: json.modelTopology,
    weightSpecs: group.weights,
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  };
}

/** Indented JSON, with arrays of numbers (the confusion matrix's rows) kept on one line each. */
export function formatMetrics(metrics: object): string {
  return JSON.stringify(metrics, null, 2).replace(/\[[-\d.,\seE+]*\]/g, (array) =>
    JSON.stringify(JSON.parse(array)).replace(/,/g, ', '),
  );
}

/**
 * Writes the model into a fresh sibling folder and swaps it in with two renames, so `outDir` is
 * always either the old model or the new one, whole. Both renames are synchronous: a Ctrl-C
 * (handled on the event loop) cannot land between them.
 */
export async function writeModelAtomically(
  artifacts: io.ModelArtifacts,
  outDir: string,
  metrics: object,
): Promise<void> {
  const target = resolve(outDir);
  const staging = join(dirname(target), `.${basename(target)}.staging-${process.pid}`);
  const previous = join(dirname(target), `.${basename(target)}.previous-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    await mkdir(staging, { recursive: true });
    await writeFile(join(staging, 'model.json'), modelJson(artifacts));
    await writeFile(join(staging, WEIGHTS_FILE), new Uint8Array(weightBuffer(artifacts)));
    await writeFile(join(staging, 'metrics.json'), `${formatMetrics(metrics)}\n`);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const hadPrevious = existsSync(target);
  if (hadPrevious) renameSync(target, previous);
  renameSync(staging, target);
  if (hadPrevious) rmSync(previous, { recursive: true, force: true });
}
