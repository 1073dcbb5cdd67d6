import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createAppServices } from '../../src/services';

// At the origin's root: `import.meta.env.BASE_URL` is `/` under Vitest.
const PAGE = 'https://digitpad.test/';
const PUBLIC = join(__dirname, '../../public/');

/** The committed catalog and model, served from `PAGE`; counts what is asked for. */
function servedPage() {
  const asked: string[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL) => {
    const path = String(url).replace(PAGE, '');
    asked.push(path);
    return new Response(readFileSync(join(PUBLIC, path)));
  });
  vi.stubGlobal('fetch', fetch);
  const page = {
    fetch,
    location: { search: '' },
    document: { baseURI: PAGE },
    navigator: {},
  } as unknown as Window;
  return { page, asked };
}

describe('the model the page opens with (the default here)', () => {
  it('downloads once when prefetched before the classifier asks; a retry downloads it again', async () => {
    const { page, asked } = servedPage();
    const services = createAppServices(page);
    services.prefetchModel();
    services.prefetchModel();
    const artifacts = await services.modelFor(null)();
    expect(artifacts.artifacts.weightSpecs?.length).toBeGreaterThan(0);
    expect(asked).toEqual(['models/index.json', 'models/cnn/model.json', 'models/cnn/group1-shard1of1.bin']);

    services.startOver();
    await services.modelFor(null)();
    // The catalog is read once per page; the model's files again.
    expect(asked.slice(3)).toEqual(['models/cnn/model.json', 'models/cnn/group1-shard1of1.bin']);
    vi.unstubAllGlobals();
  });

  it('a prefetch dropped by a retry is not handed out', async () => {
    const { page, asked } = servedPage();
    const services = createAppServices(page);
    services.prefetchModel();
    services.startOver();
    await services.modelFor(null)();
    expect(asked.filter((path) => path.endsWith('.bin')).length).toBe(2);
    vi.unstubAllGlobals();
  });
});

describe('the backend of the first answer', () => {
  const pageWith = (search: string, navigator: object) =>
    ({ location: { search }, document: { baseURI: PAGE }, navigator }) as unknown as Window;

  it.each([
    ['a first visit', '', {}, 'cpu'],
    ['a browser without service workers', '', { serviceWorker: undefined }, 'cpu'],
    [
      'a page its service worker serves (every file on the device)',
      '',
      { serviceWorker: { controller: {} } },
      undefined,
    ],
  ])('%s', (_case, search, navigator, expected) => {
    expect(createAppServices(pageWith(search, navigator)).firstAnswerOn).toBe(expected);
  });
});
