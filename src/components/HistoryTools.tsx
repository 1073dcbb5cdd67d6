import { useRef, useState, type ChangeEvent } from 'react';
import { PenDataError } from '../digit';
import { exportDrawings, importDrawings } from '../history/exchange';
import type { SavedDrawing } from '../history/types';
import type { DrawingHistory } from '../hooks/useDrawingHistory';

/** Offers `text` as a file download, through a link to an in-page blob (nothing leaves the device). */
function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A chosen file's text, through FileReader: every browser has it (and jsdom, where `Blob.text` is missing). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

interface ExchangeProps {
  readonly drawings: readonly SavedDrawing[];
  /** Adds a file's drawings; resolves to how many, throws `PenDataError` for a bad file. */
  readonly onImport: (text: string) => Promise<number>;
}

function importMessage(error: unknown): string {
  if (error instanceof PenDataError) return `Nothing imported: ${error.message}.`;
  return `Nothing imported: ${(error as Error).message}.`;
}

/** Reading a chosen file into `onImport`, and what came of it. */
function useImport(onImport: ExchangeProps['onImport']) {
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const chosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    event.target.value = ''; // the same file can be chosen again
    if (!picked) return;
    try {
      const added = await onImport(await readText(picked));
      setMessage({ text: `Imported ${added} drawing${added === 1 ? '' : 's'}.`, failed: false });
    } catch (error) {
      setMessage({ text: importMessage(error), failed: true });
    }
  };
  return { message, chosen };
}

/** Export and Import, as pen-data files (the format of the pen digits data set). */
export function ExchangeButtons({ drawings, onImport }: ExchangeProps) {
  const file = useRef<HTMLInputElement>(null);
  const { message, chosen } = useImport(onImport);
  return (
    <div className="history-tools">
      <button
        type="button"
        onClick={() => download(exportDrawings(drawings), 'digitpad-drawings.json')}
        disabled={drawings.length === 0}
      >
        Export
      </button>
      <button type="button" onClick={() => file.current?.click()}>
        Import
      </button>
      <input
        ref={file}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Pen-data file to import"
        onChange={(e) => void chosen(e)}
      />
      {message && (
        <p
          className={message.failed ? 'history-error' : 'history-note'}
          role={message.failed ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}

interface HistoryToolsProps {
  readonly history: DrawingHistory;
  /** The model in use, saved with each imported drawing. */
  readonly modelId: string;
}

/**
 * Export, Import and Delete all: only whoever opens the panel needs them, so they come in the
 * later chunk, with the pen-data format they read and write.
 */
export function HistoryTools({ history, modelId }: HistoryToolsProps) {
  const { drawings } = history;
  const onImport = async (text: string) =>
    history.addImported(importDrawings(text, drawings, modelId, Date.now()));
  return (
    <>
      <ExchangeButtons drawings={drawings} onImport={onImport} />
      <button type="button" onClick={history.removeAll} disabled={drawings.length === 0}>
        Delete all
      </button>
    </>
  );
}
