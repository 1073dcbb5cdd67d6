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

/**
 * What the first answer needs and the page only asks for once its script runs: the default
 * backend's code (a lazy chunk), its WASM binary and the model's files. Hinted in the HTML, they
 * download while the main script does, instead of one round trip after it; at low priority, so
 * the main script (which makes the pad take ink) comes first. The binary hinted is the SIMD one,
 * which every current browser picks (src/model/wasmBackend.ts); an older one fetches another.
 */
function preloadHints(bundle: Bundle, preload: readonly string[]): string {
  const chunks = Object.values(bundle);
  const backend = chunks.find(
    (chunk) => chunk.type === 'chunk' && chunk.facadeModuleId?.endsWith('/src/model/wasmBackend.ts'),
  );
  const binary = chunks.find(
    (asset) => asset.type === 'asset' && /^assets\/tfjs-backend-wasm-simd-[^/]+\.wasm$/.test(asset.fileName),
  );
  const modules = backend
    ? [`<link rel="modulepreload" crossorigin fetchpriority="low" href="./${backend.fileName}">`]
    : [];
  // `crossorigin` makes the hint a CORS request, as fetch() makes it, so fetch() can use it.
  const files = [...(binary ? [binary.fileName] : []), ...preload].map(
    (path) => `<link rel="preload" as="fetch" crossorigin fetchpriority="low" href="./${path}">`,
  );
  return [...modules, ...files].join('\n    ');
}

export interface PrerenderOptions {
  /** The build's `define`, so prerendered code sees the same constants. */
  readonly define?: UserConfig['define'];
  /** Files (relative to the app folder) that the first answer fetches with `fetch()`. */
  readonly preload?: readonly string[];
}

/**
 * Build only: writes the app's first render into index.html, inlines the stylesheet and hints
 * the files of the critical path. Layout changes made in the components show up here by
 * themselves: the markup comes from the same React tree the client hydrates.
 */
export function prerenderPlugin({ define, preload = [] }: PrerenderOptions = {}): Plugin {
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
        return inlineStylesheets(html, bundle)
          .replace(PLACEHOLDER, markup)
          .replace('</head>', `  ${preloadHints(bundle, preload)}\n  </head>`);
      },
    },
  };
}
