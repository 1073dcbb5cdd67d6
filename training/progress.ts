/** Progress output: one live line on a terminal, plain lines when piped (CI logs, files). */
import type { BatchProgress, EpochStats } from '../src/learning/fit';

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

const percent = (value: number) => `${(100 * value).toFixed(2)}%`;

export function batchLine(p: BatchProgress, epochs: number): string {
  const remaining = (p.total - p.seen + (epochs - p.epoch) * p.total) / p.imagesPerSecond;
  return (
    `epoch ${p.epoch}/${epochs}  ${String(p.seen).padStart(String(p.total).length)}/${p.total}  ` +
    `${p.imagesPerSecond.toFixed(0)} img/s  ETA ${formatDuration(remaining)}  ` +
    `loss ${p.loss.toFixed(4)}  acc ${percent(p.accuracy)}  lr ${p.learningRate.toExponential(1)}`
  );
}

export interface EpochRow extends EpochStats {
  /** Accuracy on the pen digits of the tuning writers, when there are any. */
  penTuneAccuracy?: number;
}

export function epochLine(row: EpochRow, epochs: number): string {
  const pen = row.penTuneAccuracy === undefined ? '' : `  pen(tune) ${percent(row.penTuneAccuracy)}`;
  return (
    `epoch ${row.epoch}/${epochs} done in ${formatDuration(row.seconds)}  ${row.imagesPerSecond.toFixed(0)} img/s  ` +
    `loss ${row.loss.toFixed(4)}  acc ${percent(row.accuracy)}${pen}`
  );
}

export function summaryTable(rows: readonly EpochRow[]): string {
  const header = ['epoch', 'seconds', 'img/s', 'loss', 'train acc', 'pen tune acc'];
  const body = rows.map((r) => [
    String(r.epoch),
    r.seconds.toFixed(0),
    r.imagesPerSecond.toFixed(0),
    r.loss.toFixed(4),
    percent(r.accuracy),
    r.penTuneAccuracy === undefined ? '-' : percent(r.penTuneAccuracy),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/**
 * Rewrites one line on a terminal (at most every 250 ms). Piped into a file or a CI log, it prints
 * a plain line every 30 s instead, so a long run still shows it is alive.
 */
export class LiveLine {
  private lastDraw = performance.now();
  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {}

  update(text: string): void {
    const now = performance.now();
    if (now - this.lastDraw < (this.stream.isTTY ? 250 : 30_000)) return;
    this.lastDraw = now;
    this.stream.write(
      this.stream.isTTY ? `\r\x1b[2K${text.slice(0, (this.stream.columns || 120) - 1)}` : `${text}\n`,
    );
  }

  done(text: string): void {
    this.stream.write(this.stream.isTTY ? `\r\x1b[2K${text}\n` : `${text}\n`);
  }
}
