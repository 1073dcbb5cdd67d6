import { ModelError, describeError, type ModelErrorKind } from './errors';

/**
 * What the page says when it cannot read digits: a headline and a reason in plain words for the
 * person drawing, and the technical detail (which file, which status) for whoever runs the site.
 */
export interface FailureExplanation {
  readonly headline: string;
  readonly reason: string;
  /** The error as the loader wrote it: the file and what was wrong with it. */
  readonly detail: string;
}

const HEADLINE = 'Can’t read digits right now.';

const REASONS: Readonly<Record<ModelErrorKind, string>> = {
  'not-found': 'The recogniser’s files are missing from this site.',
  http: 'The site had a problem sending the recogniser.',
  network: 'The recogniser could not be downloaded: the connection failed.',
  'corrupt-model': 'The recogniser this site sent is damaged.',
  'truncated-weights': 'The recogniser’s download was cut short, so it is incomplete.',
  'no-backend': 'This browser could not run the recogniser.',
  'bad-catalog': 'The site’s list of recognisers is missing or damaged.',
};

const OFFLINE =
  'You are offline, and this page has not been saved for offline use yet. Connect once and it will work offline after that.';

/**
 * `online` is `navigator.onLine`: only a failed request made while the browser knows it has no
 * network is blamed on being offline; a request that failed while "online" may be a flaky link.
 */
export function explainFailure(error: unknown, online: boolean): FailureExplanation {
  const kind = error instanceof ModelError ? error.kind : null;
  const reason =
    kind === 'network' && !online
      ? OFFLINE
      : kind === null
        ? 'Something went wrong while starting the recogniser.'
        : REASONS[kind];
  return { headline: HEADLINE, reason, detail: describeError(error) };
}
