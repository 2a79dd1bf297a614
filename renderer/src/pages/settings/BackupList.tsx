import { useState } from 'react';
import { formatTimestamp } from '../../../../shared/calendar';
import type { BackupReason, RestoreOutcome } from '../../../../shared/contract';
import { errorMessage } from '../../api';
import { useCall, useCallMutation } from '../../calls/cache';
import { RestoreResult } from './RestoreResult';

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function describeBackup(reason: BackupReason): string {
  switch (reason.kind) {
    case 'daily':
      return 'Daily copy';
    case 'before-restore':
      return 'Taken just before a restore';
    case 'before-schema':
      return `Taken before the upgrade to schema ${reason.schemaVersion}`;
    case 'unknown':
      return 'Copy';
  }
}

export function BackupList() {
  const { data: listing, errorMessage: loadError } = useCall('listBackups', {});
  // Refetches every read, the session and this list among them: the data is another now.
  const restoreBackup = useCallMutation('restoreBackup');
  const busy = restoreBackup.isPending;
  const [confirming, setConfirming] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<RestoreOutcome | null>(null);
  const [restoreError, setError] = useState<string | null>(null);
  const error = restoreError ?? loadError;

  async function restore(name: string) {
    setError(null);
    setOutcome(null);
    try {
      setOutcome(await restoreBackup.mutateAsync({ name }));
      setConfirming(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  if (!listing) return error ? <p className="banner banner--error" role="alert">{error}</p> : null;
  return (
    <>
      <p>
        A copy of the database is kept on the first start of each day, before every upgrade and before every restore; the last 14
        are kept in <code>{listing.directory}</code>. Putting one back first saves the database as it is now, so a restore can
        itself be undone.
      </p>
      <RestoreResult outcome={outcome} error={error} />
      {listing.backups.length === 0 ? (
        <p className="muted">No backups yet: the first is taken on the next start once there is data.</p>
      ) : (
        <table className="table table--inset">
          <caption className="visually-hidden">Backups</caption>
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Kind</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {listing.backups.map((backup) => (
              <tr key={backup.name}>
                <td>
                  {formatTimestamp(backup.takenAt)}
                  <div className="small muted">
                    <code>{backup.name}</code>
                  </div>
                </td>
                <td>{describeBackup(backup.reason)}</td>
                <td>{formatBytes(backup.bytes)}</td>
                <td className="cell-actions">
                  {confirming === backup.name ? (
                    <div className="confirm" role="group" aria-label={`Confirm restoring ${backup.name}`}>
                      <p className="small">Replace all current data with this copy?</p>
                      <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void restore(backup.name)}>
                        {busy ? 'Restoring…' : 'Restore this backup'}
                      </button>
                      <button type="button" className="button button--small" disabled={busy} onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </div>
                  ) : (
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Restore the backup taken ${formatTimestamp(backup.takenAt)}`}
                      onClick={() => {
                        setConfirming(backup.name);
                        setOutcome(null);
                        setError(null);
                      }}
                    >
                      Restore…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="small muted">
        From a terminal (with TransferReady closed): <code>npm run cli -- restore-backup NAME</code>.
      </p>
    </>
  );
}
