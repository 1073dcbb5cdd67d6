interface AdaptProps {
  readonly enabled: boolean;
  readonly examples: number;
  /** Of them, how many the tuned output layer has learned from so far. */
  readonly tuned: number;
  /** The vote's weight chosen for this person with that fit (null before one): for tests and the curious. */
  readonly voteWeight: number | null;
  readonly onChange: (enabled: boolean) => void;
  readonly onForget: () => void;
}

/** The adaptation switch, what it holds, and the reset. */
export function AdaptControls({ enabled, examples, tuned, voteWeight, onChange, onForget }: AdaptProps) {
  return (
    <div
      className="adapt"
      data-testid="adaptation"
      data-examples={examples}
      data-tuned={tuned}
      data-vote-weight={voteWeight ?? ''}
      data-enabled={enabled}
    >
      <label className="adapt-switch">
        <input type="checkbox" checked={enabled} onChange={(event) => onChange(event.target.checked)} />
        Adapt to my handwriting
      </label>
      <span className="history-note">
        {examples === 0
          ? 'Nothing learned yet.'
          : `Learned from ${examples} drawing${examples === 1 ? '' : 's'}.`}
      </span>
      <button type="button" onClick={onForget} disabled={examples === 0}>
        Forget my handwriting
      </button>
    </div>
  );
}
