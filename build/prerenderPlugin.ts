import react from '@vitejs/plugin-react';
import { createServer, type IndexHtmlTransformContext, type Plugin, type UserConfig } from 'vite';

const PLACEHOLDER = '<!--app-html-->';

/** Renders src/prerender.tsx in Node through Vite, so it compiles the app the way the build does. */
async function renderAppMarkup(root: string, define: UserConfig['define']): Promise<string> {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'error',
    appType: 'custom',
    define,
    plugins: [react()],
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const module = (await server.ssrLoadModule('/src/prerender.tsx')) as { renderApp: () => string };
    return module.renderApp();
  } finally {
    await server.close();
  }
}

type Bundle = NonNullable<IndexHtmlTransformContext['bundle']>;

/**
 * The stylesheet goes into the page: on a slow network a separate request for 2 KB costs a whole
 * round trip before anything can be painted. The file is then dropped from the build.
 */
function inlineStylesheets(html: string, bundle: Bundle): string {
  return html.replace(
    /<link rel="stylesheet"[^>]*href="\.\/([^"]+\.css)"[^>]*>/g,
    (link, fileName: string) => {
      const asset = bundle[fileName];
      if (asset?.type !== 'asset') return link;
      delete bundle[fileName];
      return `<style>${String(asset.source)}</style>`;
    },
  );
}

export interface PrerenderOptions {
  /** The build's `define`, so prerendered code sees the same constants. */
  readonly define?: UserConfig['define'];
}

/**
 * Build only: writes the app's first render into index.html and inlines the stylesheet. Layout
 * changes made in the components show up here by themselves: the markup comes from the same
 * React tree the client hydrates.
 *
 * No preload hints for the backend chunk, the WASM binary or the model: measured on emulated
 * Slow 3G (`npm run bench`), they left the first answer where it was (8.14 s against 8.20 s; the
 * link's bandwidth is the limit) and made the pad take ink 1.3 s later, sharing the link with the
 * main script; with `fetchpriority="low"` later still, as Chromium's emulation ignores priority.
 */
export function prerenderPlugin({ define }: PrerenderOptions = {}): Plugin {
  let root = process.cwd();
  return {
    name: 'digitpad:prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html, context) {
        if (!html.includes(PLACEHOLDER))
          throw new Error(`index.html has no ${PLACEHOLDER} to prerender into`);
        const markup = await renderAppMarkup(root, define);
        const bundle = context.bundle ?? {};
        return inlineStylesheets(html, bundle).replace(PLACEHOLDER, markup);
      },
    },
  };
}
