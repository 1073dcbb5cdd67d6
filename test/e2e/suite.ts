import type { BackendName } from '../../src/model/backendChoice';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { BASE_PATH, launchChromium } from './env';
import { PadPage } from './padPage';
import { startStaticServer, type StaticServer } from './server';

/** The backends the page can use: the one list, in `src/model/backendChoice.ts`. */
export type Backend = BackendName;

/** A desktop window in which the pad is large, as people usually see it. */
export const DESKTOP = { width: 1000, height: 760 } as const;

export interface OpenOptions {
  /** `?backend=`; none lets the app choose. */
  readonly backend?: Backend;
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly deviceScaleFactor?: number;
  /** A touch screen, for `Input.dispatchTouchEvent`. */
  readonly hasTouch?: boolean;
  /** `prefers-color-scheme`; Chromium's default is light. */
  readonly colorScheme?: 'light' | 'dark';
  /** `ready` (default) fails unless the model loads; `settled` accepts an error state too. */
  readonly waitFor?: 'ready' | 'settled';
  /** Console errors this page is expected to log (a 404 the test caused, say). */
  readonly expectedConsoleErrors?: readonly RegExp[];
  /**
   * Once ready, move the page to the backend it keeps (the hand-over it makes after its first
   * answer, started at once), so that results compare exactly within a test. Default true; false
   * leaves a default page on the backend it answers first on, as a first visit is.
   */
  readonly handedOver?: boolean;
}

interface Opened {
  readonly context: BrowserContext;
  readonly app: PadPage;
  readonly expectedConsoleErrors: readonly RegExp[];
}

export interface E2ESuite {
  readonly server: StaticServer;
  readonly browser: Browser;
  /** Opens the app in a fresh browser context (own cache, storage and settings). */
  open(options?: OpenOptions): Promise<PadPage>;
}

/**
 * Per test file: serves the build from the global setup on a free port and launches Chromium;
 * after each test, closes its pages and fails it if any logged an error or reached outside the
 * page's origin; after the file, closes the browser and the server, whether tests passed or not.
 */
export function e2eSuite(): E2ESuite {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const opened: Opened[] = [];

  beforeAll(async () => {
    const distDir = inject('distDir');
    if (!distDir) {
      throw new Error(
        'No build to serve: run the end-to-end tests with `npm run test:e2e` (vitest -c vitest.e2e.config.ts)',
      );
    }
    server = await startStaticServer({ root: distDir, basePath: BASE_PATH });
    browser = await launchChromium();
  });

  afterEach(async () => {
    const pages = opened.splice(0);
    server?.restore();
    const problems = pages.flatMap(({ app, expectedConsoleErrors }) => [
      ...app.watch.unexpectedErrors(expectedConsoleErrors),
      ...app.watch.foreignRequests(server!.origin).map((url) => `request outside ${server!.origin}: ${url}`),
    ]);
    await Promise.all(pages.map(({ context }) => context.close().catch(() => undefined)));
    expect(problems, 'console errors, uncaught exceptions or foreign requests').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} did not start (see the beforeAll error)`);
    return value;
  };

  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    async open(options = {}) {
      const {
        backend,
        viewport = DESKTOP,
        deviceScaleFactor = 1,
        hasTouch = false,
        colorScheme = 'light',
        waitFor = 'ready',
        expectedConsoleErrors = [],
        handedOver = true,
      } = options;
      const context = await started(browser, 'browser').newContext({
        viewport,
        deviceScaleFactor,
        hasTouch,
        colorScheme,
      });
      const url = started(server, 'server').url + (backend ? `?backend=${backend}` : '');
      let app: PadPage;
      try {
        app = await PadPage.open(context, url);
      } catch (error) {
        await context.close();
        throw error;
      }
      opened.push({ context, app, expectedConsoleErrors });
      if (waitFor === 'ready') await app.modelReady();
      else await app.modelSettled();
      if (handedOver && (await app.status.getAttribute('data-state')) === 'ready') await app.settledBackend();
      return app;
    },
  };
}

/** Largest difference between two probability vectors. */
export function maxDifference(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((value, i) => Math.abs(value - b[i])));
}

export function argmax(values: readonly number[]): number {
  return values.reduce((best, value, i) => (value > values[best] ? i : best), 0);
}

/** Top minus runner-up: below twice a tolerance, two results within it may disagree on the top digit. */
export function margin(values: readonly number[]): number {
  const [top, second] = [...values].sort((a, b) => b - a);
  return top - second;
}
