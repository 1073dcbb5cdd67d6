import type { BrowserContext, Locator, Page } from 'playwright-core';
import { Pointers, type PadBox, type PointerKind, type Stroke, type DrawOptions } from './pointers';

/**
 * The part of the app's test hook (`window.__digitpad`, src/diagnostics.ts) this suite reads:
 * the number of live tfjs tensors, so a browser test can see leaks. Typed here, not imported, so
 * the suite states what it relies on and keeps compiling whatever else the hook grows.
 */
interface TensorHook {
  __digitpad?: { numTensors?: () => number };
}

export type ModelState = 'loading' | 'ready' | 'error';

/** `data-verdict`: what the page says of the drawing; empty on a blank pad. */
export type ShownVerdict = 'digit' | 'unsure' | 'not-digit' | '';

export interface Prediction {
  /** The top digit (`data-digit`, also when the verdict is not a digit), or null on a blank pad. */
  readonly digit: number | null;
  readonly confidence: number;
  readonly strokes: number;
  readonly verdict: ShownVerdict;
}

export interface Bar {
  readonly digit: number;
  readonly probability: number;
  /** The bar's text as a screen reader reads it, e.g. `7: 93%`. */
  readonly text: string;
}

/** Everything a page did that a test may object to: errors in its console, requests elsewhere. */
export class PageWatch {
  readonly consoleErrors: string[] = [];
  readonly pageErrors: string[] = [];
  readonly requests: string[] = [];

  constructor(page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.pageErrors.push(`${error.name}: ${error.message}`));
    page.on('request', (request) => this.requests.push(request.url()));
  }

  /** Requests that left the page's origin; inline `data:` and in-page `blob:` URLs stay on the device. */
  foreignRequests(origin: string): string[] {
    return this.requests.filter(
      (url) =>
        !(
          url === origin ||
          url.startsWith(`${origin}/`) ||
          url.startsWith('data:') ||
          url.startsWith('blob:')
        ),
    );
  }

  /** Console errors none of `expected` accounts for, plus every uncaught exception. */
  unexpectedErrors(expected: readonly RegExp[] = []): string[] {
    const console = this.consoleErrors.filter((text) => !expected.some((pattern) => pattern.test(text)));
    return [
      ...console.map((text) => `console.error: ${text}`),
      ...this.pageErrors.map((text) => `uncaught: ${text}`),
    ];
  }
}

const WAIT_TIMEOUT = 60_000;

/** The contract's drawing surface: the canvas named `Drawing pad`. */
const PAD = 'canvas[aria-label="Drawing pad"]';

/** The app as the contract describes it, driven the way a person drives it. */
export class PadPage {
  readonly pad: Locator;
  readonly prediction: Locator;
  readonly status: Locator;

  private constructor(
    readonly page: Page,
    readonly watch: PageWatch,
    readonly pointers: Pointers,
  ) {
    this.pad = page.locator(PAD);
    this.prediction = page.getByTestId('prediction');
    this.status = page.getByTestId('model-status');
  }

  static async open(context: BrowserContext, url: string): Promise<PadPage> {
    const page = await context.newPage();
    const watch = new PageWatch(page);
    const app = new PadPage(page, watch, await Pointers.attach(page.locator(PAD)));
    await page.goto(url);
    return app;
  }

  /** Waits until the model has loaded or failed, and says which. */
  async modelSettled(): Promise<ModelState> {
    await this.page.waitForFunction(
      () => {
        const state = document.querySelector('[data-testid="model-status"]')?.getAttribute('data-state');
        return state === 'ready' || state === 'error';
      },
      null,
      { timeout: WAIT_TIMEOUT },
    );
    return (await this.status.getAttribute('data-state')) as ModelState;
  }

  async modelReady(): Promise<void> {
    const state = await this.modelSettled();
    if (state !== 'ready') throw new Error(`the model did not load: ${await this.alertText()}`);
  }

  async alertText(): Promise<string> {
    const alert = this.page.getByRole('alert');
    return (await alert.count()) > 0
      ? (await alert.first().innerText()).replace(/\s+/g, ' ').trim()
      : '(no alert)';
  }

  /**
   * The alert's whole text, the technical detail included: `alertText` reads what is shown, and
   * the detail sits folded in a `<details>` element.
   */
  async alertFullText(): Promise<string> {
    const alert = this.page.getByRole('alert');
    return (await alert.count()) > 0
      ? ((await alert.first().textContent()) ?? '').replace(/\s+/g, ' ').trim()
      : '(no alert)';
  }

  /** The accessible name of the focused element, or its tag when it has none. */
  async focused(): Promise<string> {
    return this.page.evaluate(() => {
      const element = document.activeElement;
      return element?.textContent?.trim() || element?.tagName || '';
    });
  }

  async backend(): Promise<string> {
    return ((await this.page.getByTestId('backend').textContent()) ?? '').trim();
  }

  /**
   * The backend the page keeps: waits for its hand-over after the first answer to end, starting
   * it now if the page has not answered yet (`__digitpad.settledBackend()`).
   */
  async settledBackend(): Promise<string> {
    return this.page.evaluate(() =>
      (
        window as unknown as { __digitpad: { settledBackend(): Promise<string> } }
      ).__digitpad.settledBackend(),
    );
  }

  async padBox(): Promise<PadBox> {
    const box = await this.pad.boundingBox();
    if (box === null) throw new Error('the drawing pad is not visible');
    return box;
  }

  async draw(kind: PointerKind, strokes: readonly Stroke[], options?: DrawOptions): Promise<void> {
    await this.pointers.draw(kind, strokes, options);
  }

  /**
   * Waits for the result of exactly `strokes` finished strokes (`data-strokes`). Fails at once,
   * with the alert's text, if the model goes to its error state instead.
   */
  async resultFor(strokes: number): Promise<Prediction> {
    const outcome = await this.page
      .waitForFunction(
        (expected) => {
          const state = document.querySelector('[data-testid="model-status"]')?.getAttribute('data-state');
          if (state === 'error')
            return `error: ${document.querySelector('[role="alert"]')?.textContent ?? ''}`;
          const shown = document.querySelector('[data-testid="prediction"]')?.getAttribute('data-strokes');
          return shown === String(expected) ? 'ok' : false;
        },
        strokes,
        { timeout: WAIT_TIMEOUT },
      )
      .catch(async (error: unknown) => {
        // Say what the page showed instead, not only that time ran out.
        const shown = await this.readPrediction().catch(() => 'unreadable');
        throw new Error(
          `no result for ${strokes} stroke(s); the page shows ${JSON.stringify(shown)}: ${String(error)}`,
        );
      });
    const text = await outcome.jsonValue();
    if (text !== 'ok')
      throw new Error(`waiting for the result of ${strokes} stroke(s), the model failed: ${text}`);
    return this.readPrediction();
  }

  /** Draws and waits for the result of everything on the pad (`already` strokes were there before). */
  async drawAndRead(
    kind: PointerKind,
    strokes: readonly Stroke[],
    already = 0,
    options?: DrawOptions,
  ): Promise<Prediction> {
    await this.draw(kind, strokes, options);
    return this.resultFor(already + strokes.length);
  }

  async readPrediction(): Promise<Prediction> {
    const [digit, confidence, strokes, verdict] = await this.prediction.evaluate((element) => [
      element.getAttribute('data-digit') ?? '',
      element.getAttribute('data-confidence') ?? '',
      element.getAttribute('data-strokes') ?? '',
      element.getAttribute('data-verdict') ?? '',
    ]);
    return {
      digit: digit === '' ? null : Number(digit),
      confidence: Number(confidence),
      strokes: Number(strokes),
      verdict: verdict as ShownVerdict,
    };
  }

  async bars(): Promise<Bar[]> {
    return this.page.getByTestId('probabilities').evaluate((chart) =>
      Array.from(chart.querySelectorAll('[data-digit]'), (bar) => ({
        digit: Number(bar.getAttribute('data-digit')),
        probability: Number(bar.getAttribute('data-probability')),
        text: (bar.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );
  }

  /** The ten probabilities, digit 0 first. */
  async probabilities(): Promise<number[]> {
    const bars = await this.bars();
    return Array.from({ length: 10 }, (_, digit) => {
      const bar = bars.find((candidate) => candidate.digit === digit);
      if (bar === undefined) throw new Error(`the chart has no bar for digit ${digit}`);
      return bar.probability;
    });
  }

  /** What the pad shows: a digest of its pixels, how many are inked, and its backing-store size. */
  async padPixels(): Promise<{
    digest: string;
    inked: number;
    width: number;
    height: number;
    cssWidth: number;
    cssHeight: number;
  }> {
    return this.pad.evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d');
      if (context === null) throw new Error('the pad has no 2D context');
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      // FNV-1a over the pixels: equal drawings give equal digests without shipping megabytes.
      let hash = 0x811c9dc5;
      let inked = 0;
      for (let i = 0; i < data.length; i++) {
        hash = Math.imul(hash ^ data[i], 0x01000193);
        if (i % 4 === 3 && data[i] !== 0) inked++;
      }
      const rect = canvas.getBoundingClientRect();
      return {
        digest: (hash >>> 0).toString(16),
        inked,
        width: canvas.width,
        height: canvas.height,
        cssWidth: rect.width,
        cssHeight: rect.height,
      };
    });
  }

  /**
   * Waits until the pad's size differs from `before` and its backing store has followed: one
   * pixel per device pixel, `ceil(css size x devicePixelRatio)`, so lines stay sharp.
   */
  async padResized(before: PadBox): Promise<PadBox> {
    await this.page
      .waitForFunction(
        ({ previous, selector }) => {
          const canvas = document.querySelector<HTMLCanvasElement>(selector);
          if (canvas === null) return false;
          const { width, height } = canvas.getBoundingClientRect();
          const ratio = window.devicePixelRatio;
          return (
            (width !== previous.width || height !== previous.height) &&
            canvas.width === Math.ceil(width * ratio) &&
            canvas.height === Math.ceil(height * ratio)
          );
        },
        { previous: before, selector: PAD },
        { timeout: WAIT_TIMEOUT },
      )
      .catch(async (error: unknown) => {
        const now = await this.padPixels().catch(() => 'unreadable');
        throw new Error(
          `the pad did not resize to a backing store of css size x devicePixelRatio: ${JSON.stringify(now)} (${String(error)})`,
        );
      });
    return this.padBox();
  }

  /** Presses Clear (disabled, and so doing nothing, on a pad that is already blank) and waits for the blank pad. */
  async clear(): Promise<void> {
    await this.page.getByRole('button', { name: 'Clear', exact: true }).click({ force: true });
    await this.blank();
  }

  /** Presses Undo; on an empty pad the button is disabled and the press does nothing, as for a person. */
  async undo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Undo', exact: true }).click({ force: true });
  }

  /** Waits until the pad shows no result: no digit, `data-strokes="0"`. */
  async blank(): Promise<Prediction> {
    await this.page.waitForSelector('[data-testid="prediction"][data-strokes="0"][data-digit=""]', {
      timeout: WAIT_TIMEOUT,
    });
    return this.readPrediction();
  }

  /** Live tfjs tensors, through the hook the app exposes for tests. */
  async numTensors(): Promise<number> {
    return this.page.evaluate(() => {
      const hook = (window as unknown as TensorHook).__digitpad;
      if (typeof hook?.numTensors !== 'function') {
        throw new Error(
          'the app exposes no window.__digitpad.numTensors() (tf.memory().numTensors) for tests',
        );
      }
      return hook.numTensors();
    });
  }
}
