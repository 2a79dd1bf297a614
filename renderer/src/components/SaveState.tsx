export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };

export function SaveState({ status, onRetry }: { status: SaveStatus; onRetry(): void }) {
  return (
    <p className={`save-state save-state--${status.kind}`} role="status" aria-live="polite">
      {status.kind === 'saving' && 'Saving…'}
      {status.kind === 'saved' && `All changes saved at ${new Date(status.at).toLocaleTimeString()}`}
      {status.kind === 'idle' && 'Changes save automatically.'}
      {status.kind === 'failed' && (
        <>
          Not saved: {status.message}{' '}
          <button type="button" className="button button--link" onClick={onRetry}>
            Retry
          </button>
        </>
      )}
    </p>
  );
}
