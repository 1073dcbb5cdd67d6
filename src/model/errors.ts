export type ModelErrorKind =
  /** model.json or a weight file answered 404. */
  | 'not-found'
  /** Any other HTTP failure status. */
  | 'http'
  /** The request itself failed: offline, blocked, aborted. */
  | 'network'
  /** model.json is not JSON, not a layers model, or not shaped for 28x28 digits. */
  | 'corrupt-model'
  /** A weight file holds fewer bytes than the manifest describes. */
  | 'truncated-weights'
  /** models/index.json is not a catalog, or lists no model the page can run. */
  | 'bad-catalog'
  /** No backend could start and run the model, at load time or after the one in use died. */
  | 'no-backend';

/** A failure the page shows to the person as it is: `message` says what failed. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly kind: ModelErrorKind;

  constructor(kind: ModelErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.kind = kind;
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
