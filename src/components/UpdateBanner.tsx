interface UpdateBannerProps {
  readonly onUpdate: () => void;
}

/** Offered, never forced: the page keeps the version it runs until the person reloads onto the new one. */
export function UpdateBanner({ onUpdate }: UpdateBannerProps) {
  return (
    <div className="update-banner" role="status">
      <span>Update available</span>
      <button type="button" onClick={onUpdate}>
        Update now
      </button>
    </div>
  );
}
