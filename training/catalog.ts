/**
 * `npm run catalog -- [--models-dir public/models] [--skip-timing]`
 *
 * Rebuilds the catalog entry of every model folder in `--models-dir` (a folder with a
 * `model.json` and a `metrics.json`) from the files themselves, and times every model again, one
 * after the other in this one process (WASM backend, `training/latency.ts`), so that the
 * catalog's milliseconds per prediction compare models measured alike rather than runs made under
 * different loads. `npm run train` already updates the entry of the model it writes; this is for
 * models copied in by hand, after a merge, or to time them all side by side. `--skip-timing` takes
 * each model's figure from its `metrics.json` instead.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readModelFolder, writeCatalogEntry } from './exportModel';
import { measureLatency } from './latency';

/** Median milliseconds per prediction of the model in a folder. */
export type Timer = (modelDir: string) => Promise<number>;

export async function rebuildCatalog(
  modelsDir: string,
  time: Timer | null,
  log: (line: string) => void = console.log,
): Promise<number> {
  const folders = readdirSync(modelsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => join(modelsDir, entry.name))
    .filter((dir) => existsSync(join(dir, 'model.json')) && existsSync(join(dir, 'metrics.json')));
  for (const dir of folders) {
    const msPerPrediction = time ? await time(dir) : undefined;
    const entry = writeCatalogEntry(dir, { msPerPrediction });
    const ms = entry.measured.msPerPrediction;
    log(
      `${entry.id}: ${entry.name}, ${entry.bytes} bytes, MNIST ${(100 * entry.measured.mnistTestAccuracy).toFixed(2)}%` +
        (ms ? `, ${ms} ms per prediction` : ''),
    );
  }
  return folders.length;
}

async function timeOnWasm(modelDir: string): Promise<number> {
  return (await measureLatency(readModelFolder(modelDir))).medianMs;
}

async function main(): Promise<number> {
  try {
    const { values } = parseArgs({
      options: {
        'models-dir': { type: 'string', default: 'public/models' },
        'skip-timing': { type: 'boolean', default: false },
      },
    });
    if (!values['skip-timing']) {
      await tf.setBackend('wasm');
      await tf.ready();
    }
    const count = await rebuildCatalog(values['models-dir'], values['skip-timing'] ? null : timeOnWasm);
    console.log(
      `catalog: ${count} model${count === 1 ? '' : 's'} in ${join(values['models-dir'], 'index.json')}`,
    );
    return 0;
  } catch (error) {
    console.error(`catalog: ${(error as Error).message}`);
    return error instanceof TypeError ? 2 : 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then((code) => process.exit(code));
}
