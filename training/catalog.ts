/**
 * `npm run catalog -- [--models-dir public/models]`
 *
 * Rebuilds the catalog entry of every model folder in `--models-dir` (a folder with a
 * `model.json` and a `metrics.json`) from the files themselves. `npm run train` already updates
 * the entry of the model it writes; this is for models copied in by hand or after a merge.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeCatalogEntry } from './exportModel';

export function rebuildCatalog(modelsDir: string, log: (line: string) => void = console.log): number {
  const folders = readdirSync(modelsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => join(modelsDir, entry.name))
    .filter((dir) => existsSync(join(dir, 'model.json')) && existsSync(join(dir, 'metrics.json')));
  for (const dir of folders) {
    const entry = writeCatalogEntry(dir);
    log(
      `${entry.id}: ${entry.name}, ${entry.bytes} bytes, MNIST ${(100 * entry.measured.mnistTestAccuracy).toFixed(2)}%`,
    );
  }
  return folders.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { values } = parseArgs({ options: { 'models-dir': { type: 'string', default: 'public/models' } } });
    const count = rebuildCatalog(values['models-dir']);
    console.log(
      `catalog: ${count} model${count === 1 ? '' : 's'} in ${join(values['models-dir'], 'index.json')}`,
    );
  } catch (error) {
    console.error(`catalog: ${(error as Error).message}`);
    process.exit(error instanceof TypeError ? 2 : 1);
  }
}
