import type { RestoreOutcome } from '../../../../shared/contract';

/** What a restore came to: done (and how to undo it), or why not. */
export function RestoreResult({ outcome, error }: { outcome: RestoreOutcome | null; error: string | null }) {
  if (error) {
    return (
      <p className="banner banner--error" role="alert">
        {error}
      </p>
    );
  }
  if (!outcome) return null;
  return (
    <p className="banner banner--ok" role="status">
      Restored from {outcome.restoredFrom === 'JSON backup' ? 'the JSON backup file' : <code>{outcome.restoredFrom}</code>}.
      {outcome.safetyCopy ? (
        <>
          {' '}
          The data as it was just before is kept as <code>{outcome.safetyCopy}</code>, so you can put it back the same way.
        </>
      ) : null}
    </p>
  );
}
