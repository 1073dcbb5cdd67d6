import { io } from '@tensorflow/tfjs-core';
import { ModelError, describeError } from './errors';

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** Bytes per stored value, by the dtype written in the manifest (the quantised one if any). */
const BYTES_PER_VALUE: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/** How a URL reads in a message: its path, as a person would look for it on the server. */
export function shown(url: URL): string {
  return url.pathname.replace(/^\//, '');
}

/** Fetches `url`, turning every kind of failure into a `ModelError` that starts with `what`. */
export async function fetchOrThrow(
  fetchFile: Fetch,
  url: URL,
  what = 'Could not load the model',
): Promise<Response> {
  let response: Response;
  try {
    // Revalidate instead of trusting a cached copy: Retry after a failed deploy must see the fix.
    response = await fetchFile(url.href, { cache: 'no-cache' });
  } catch (cause) {
    const message = `${what}: ${shown(url)} could not be fetched (${describeError(cause)})`;
    throw new ModelError('network', message, { cause });
  }
  if (response.status === 404) {
    throw new ModelError('not-found', `${what}: ${shown(url)} returned 404`);
  }
  if (!response.ok) {
    throw new ModelError('http', `${what}: ${shown(url)} returned ${response.status}`);
  }
  return response;
}

function isLayersModelJson(value: unknown): value is io.ModelJSON {
  if (typeof value !== 'object' || value === null) return false;
  const { modelTopology, weightsManifest } = value as Partial<io.ModelJSON>;
  return typeof modelTopology === 'object' && modelTopology !== null && Array.isArray(weightsManifest);
}

function expectedBytes(spec: io.WeightsManifestEntry, jsonUrl: URL): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const size = BYTES_PER_VALUE[dtype];
  if (size === undefined) {
    const message = `Could not load the model: ${shown(jsonUrl)} stores weight ${spec.name} as ${dtype}, which a digit classifier does not use`;
    throw new ModelError('corrupt-model', message);
  }
  return spec.shape.reduce((count, side) => count * side, size);
}

/**
 * Fetches a layers model (model.json and its weight files) into memory, checking each step so a
 * failure names the file and what was wrong with it instead of surfacing as a tfjs stack trace.
 * `modelUrl` must be absolute; weight paths are relative to it.
 */
export async function loadModelArtifacts(modelUrl: string, fetchFile: Fetch): Promise<io.ModelArtifacts> {
  const jsonUrl = new URL(modelUrl);
  const text = await (await fetchOrThrow(fetchFile, jsonUrl)).text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ModelError('corrupt-model', `Could not load the model: ${shown(jsonUrl)} is not valid JSON`);
  }
  if (!isLayersModelJson(json)) {
    throw new ModelError(
      'corrupt-model',
      `Could not load the model: ${shown(jsonUrl)} is not a TensorFlow.js layers model (no modelTopology or weightsManifest)`,
    );
  }
  return io.getModelArtifactsForJSON(json, async (manifest) => {
    const groups = await Promise.all(
      manifest.map(async (group) => {
        const files = group.paths.map((path) => new URL(path, jsonUrl));
        const buffers = await Promise.all(
          files.map(async (file) => (await fetchOrThrow(fetchFile, file)).arrayBuffer()),
        );
        // A group's shards are one byte stream cut into files; its weights lie in it in order.
        const received = buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
        const expected = group.weights.reduce((sum, spec) => sum + expectedBytes(spec, jsonUrl), 0);
        if (received !== expected) {
          throw new ModelError(
            received < expected ? 'truncated-weights' : 'corrupt-model',
            `Could not load the model: ${files.map(shown).join(', ')} holds ${received} bytes of weights, model.json describes ${expected}`,
          );
        }
        return { weights: group.weights, buffers };
      }),
    );
    return [groups.flatMap((group) => group.weights), groups.flatMap((group) => group.buffers)];
  });
}
