import { useState } from 'react';
import { MAX_IN_APP_RESTORE_CHARACTERS, TOO_LARGE_TO_RESTORE_HERE, type RestoreOutcome } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { useCallMutation } from '../../calls/cache';
import { downloadText } from '../../download';
import { RestoreResult } from './RestoreResult';

export function JsonBackup() {
  const restoreJsonBackup = useCallMutation('restoreJsonBackup');
  const [busy, setBusy] = useState<'export' | 'restore' | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<RestoreOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  async function exportBackup() {
    setBusy('export');
    setError(null);
    try {
      const { fileName, json, holdsPatientData } = await api.exportJsonBackup({});
      downloadText(fileName, json, 'application/json');
      setExported(
        holdsPatientData
          ? `${fileName} holds patient data (transfer cases and letters): store it as securely as the app.`
          : `${fileName} holds the registry without patient data: no transfer cases or letters.`,
      );
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  async function restore() {
    if (!file) return;
    setError(null);
    if (file.size > MAX_IN_APP_RESTORE_CHARACTERS) {
      setError(TOO_LARGE_TO_RESTORE_HERE);
      return;
    }
    setBusy('restore');
    try {
      setOutcome(await restoreJsonBackup.mutateAsync({ json: await file.text() }));
      setConfirming(false);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <p>
        One JSON file with every facility, assessment, transfer case, letter and audit event, for moving to another computer or
        keeping off-site. It holds patient details: store it as you would a chart.
      </p>
      <div className="actions">
        <button type="button" className="button" disabled={busy !== null} onClick={() => void exportBackup()}>
          {busy === 'export' ? 'Preparing…' : 'Download a JSON backup'}
        </button>
      </div>
      {exported && (
        <p className="status-text" role="status">
          {exported}
        </p>
      )}
      <div className="field">
        <label htmlFor="json-backup-file">Restore from a JSON backup</label>
        <p className="field__hint" id="json-backup-hint">
          Replaces all current data. The database as it is now is saved as a backup first.
        </p>
        <input
          id="json-backup-file"
          type="file"
          accept=".json,application/json"
          aria-describedby="json-backup-hint"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setConfirming(false);
            setOutcome(null);
            setError(null);
          }}
        />
      </div>
      {file && !confirming ? (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          Restore from {file.name}…
        </button>
      ) : null}
      {file && confirming ? (
        <div className="confirm" role="group" aria-label="Confirm restoring the JSON backup">
          <p>
            Replace all current data with the contents of <strong>{file.name}</strong>?
          </p>
          <button type="button" className="button button--primary" disabled={busy !== null} onClick={() => void restore()}>
            {busy === 'restore' ? 'Restoring…' : 'Restore this file'}
          </button>{' '}
          <button type="button" className="button" disabled={busy !== null} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : null}
      <RestoreResult outcome={outcome} error={error} />
    </>
  );
}
