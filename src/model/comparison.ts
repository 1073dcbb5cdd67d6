import type { CatalogEntry } from './catalog';
import type { Classifier } from './classifier';
import { describeError } from './errors';

/** One model's answer in the compare view. */
export interface ModelAnswer {
  readonly entry: CatalogEntry;
  /** `waiting`: not loaded yet; `loading`: downloading and starting; `ready`; `error`. */
  readonly state: 'waiting' | 'loading' | 'ready' | 'error';
  /** Its outputs for the drawing last read (digits first), or null before it has read one. */
  readonly outputs: Float32Array | null;
  /** The input those outputs are for: a view can tell a fresh answer from a stale one. */
  readonly input: Float32Array | null;
  /** Time of its model call, ms. */
  readonly ms: number | null;
  readonly error: string | null;
}

/** A classifier for the comparison, and whether the comparison owns it (frees it when done). */
export interface Lent {
  readonly classifier: Classifier;
  readonly owned: boolean;
}

export interface ComparisonOptions {
  readonly entries: readonly CatalogEntry[];
  /** Loads `entry`'s classifier, or lends the one the page already runs. */
  readonly load: (entry: CatalogEntry) => Promise<Lent>;
  readonly onChange: (answers: readonly ModelAnswer[]) => void;
  /** The clock for `ms` (tests pass their own). */
  readonly now?: () => number;
}

export interface Comparison {
  /** Reads `input` through every model in turn (one model call at a time); null clears the answers. */
  read(input: Float32Array | null): Promise<void>;
  dispose(): void;
}

const fresh = (entry: CatalogEntry): ModelAnswer => ({
  entry,
  state: 'waiting',
  outputs: null,
  input: null,
  ms: null,
  error: null,
});

/**
 * Every catalog model's answer for the same drawing. Models load once, in catalog order, as the
 * first read reaches them; the ones it loaded are freed on `dispose`. Calls to `read` must not
 * overlap (the view's scheduler sees to it): one model runs at a time.
 */
class ComparisonRun implements Comparison {
  private answers: readonly ModelAnswer[];
  private readonly loaded = new Map<string, Promise<Lent>>();
  private disposed = false;

  constructor(private readonly options: ComparisonOptions) {
    this.answers = options.entries.map(fresh);
  }

  private update(index: number, change: Partial<ModelAnswer>) {
    this.answers = this.answers.map((answer, i) => (i === index ? { ...answer, ...change } : answer));
    if (!this.disposed) this.options.onChange(this.answers);
  }

  private classifierFor(index: number): Promise<Lent> {
    const { entry } = this.answers[index];
    let lent = this.loaded.get(entry.id);
    if (lent === undefined) {
      this.update(index, { state: 'loading' });
      lent = this.options.load(entry);
      this.loaded.set(entry.id, lent);
    }
    return lent;
  }

  private async readOne(index: number, input: Float32Array) {
    const { now = () => performance.now() } = this.options;
    try {
      const { classifier } = await this.classifierFor(index);
      if (this.disposed) return;
      const start = now();
      const outputs = await classifier.classify(input);
      this.update(index, { state: 'ready', outputs, input, ms: now() - start, error: null });
    } catch (error) {
      this.update(index, { state: 'error', error: describeError(error) });
    }
  }

  async read(input: Float32Array | null) {
    if (input === null) {
      this.answers = this.answers.map((answer) => ({ ...answer, outputs: null, input: null, ms: null }));
      this.options.onChange(this.answers);
      return;
    }
    for (let i = 0; i < this.answers.length && !this.disposed; i++) await this.readOne(i, input);
  }

  dispose() {
    this.disposed = true;
    for (const lent of this.loaded.values())
      lent.then(({ classifier, owned }) => owned && classifier.dispose()).catch(() => undefined);
  }
}

export const createComparison = (options: ComparisonOptions): Comparison => new ComparisonRun(options);
