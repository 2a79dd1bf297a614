import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { formatTimestamp } from '../../../shared/calendar';
import { MAX_IN_APP_RESTORE_CHARACTERS, TOO_LARGE_TO_RESTORE_HERE, type BackupReason, type BackupSummary, type RestoreOutcome } from '../../../shared/contract';
import { appSettingsSchema, PAPER_SIZE_LABELS, PAPER_SIZES, type PaperSize } from '../../../shared/settings';
import { api, errorMessage } from '../api';
import { ProfileForm } from '../components/ProfileForm';
import { TextField } from '../components/TextField';
import { downloadText } from '../download';
import { useSession } from '../session';
import { TranslationReviewForm } from './settings/TranslationReviewForm';

function ExpiryForm() {
  const { session, settingsSaved } = useSession();
  const [months, setMonths] = useState(String(session.settings.expiryMonths));
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const parsed = appSettingsSchema.safeParse({ ...session.settings, expiryMonths: months.trim() === '' ? undefined : Number(months) });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    try {
      settingsSaved(await api.saveSettings(parsed.data));
      setSaved(true);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <TextField
        label="Verification expiry (months)"
        hint="Answers verified longer ago than this count as stale in profiles, comparisons and letters."
        inputMode="numeric"
        className="inline-form__grow"
        value={months}
        onChange={(event) => setMonths(event.target.value)}
        error={error}
      />
      <button type="submit" className="button button--primary">
        Save
      </button>
      {saved && (
        <span className="status-text inline-form__status" role="status">
          Saved.
        </span>
      )}
    </form>
  );
}

function LetterSettingsForm() {
  const { session, settingsSaved } = useSession();
  const [letterhead, setLetterhead] = useState(session.settings.letterhead);
  const [paperSize, setPaperSize] = useState<PaperSize>(session.settings.paperSize);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const parsed = appSettingsSchema.safeParse({ ...session.settings, letterhead, paperSize });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the letterhead.');
      return;
    }
    try {
      settingsSaved(await api.saveSettings(parsed.data));
      setError(null);
      setSaved(true);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <TextField label="Institution" hint="Printed at the top of every letter; the referring facility's name is used when empty." value={letterhead.institution} onChange={(event) => setLetterhead({ ...letterhead, institution: event.target.value })} />
      <TextField label="Address" value={letterhead.address} onChange={(event) => setLetterhead({ ...letterhead, address: event.target.value })} />
      <TextField label="Phone" type="tel" value={letterhead.phone} onChange={(event) => setLetterhead({ ...letterhead, phone: event.target.value })} />
      <fieldset className="field">
        <legend>Paper size</legend>
        {PAPER_SIZES.map((size) => (
          <label key={size} className="checkbox">
            <input type="radio" name="paper-size" checked={paperSize === size} onChange={() => setPaperSize(size)} />
            {PAPER_SIZE_LABELS[size]}
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary">
          Save letter settings
        </button>
        {saved && (
          <span className="status-text" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}

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

/** What a restore came to: done (and how to undo it), or why not. */
function RestoreResult({ outcome, error }: { outcome: RestoreOutcome | null; error: string | null }) {
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

function BackupList() {
  const { reloadSession } = useSession();
  const [listing, setListing] = useState<{ directory: string; backups: BackupSummary[] } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RestoreOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    api.listBackups({}).then(setListing, (failure: unknown) => setError(errorMessage(failure)));
  }, []);
  useEffect(refresh, [refresh]);

  async function restore(name: string) {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      setOutcome(await api.restoreBackup({ name }));
      setConfirming(null);
      refresh();
      reloadSession();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
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

function JsonBackup() {
  const { reloadSession } = useSession();
  const [busy, setBusy] = useState<'export' | 'restore' | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<RestoreOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function exportBackup() {
    setBusy('export');
    setError(null);
    try {
      const { fileName, json } = await api.exportJsonBackup({});
      downloadText(fileName, json, 'application/json');
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
      setOutcome(await api.restoreJsonBackup({ json: await file.text() }));
      setConfirming(false);
      reloadSession();
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

export function SettingsPage() {
  const { session, profileSaved } = useSession();
  return (
    <>
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Your profile</h2>
        <p className="muted">Your name and role are recorded with every change you make.</p>
        <ProfileForm initial={session.profile} submitLabel="Save profile" onSaved={profileSaved} />
      </section>
      <section className="card" aria-labelledby="expiry-heading">
        <h2 id="expiry-heading">Evidence expiry</h2>
        <ExpiryForm />
      </section>
      <section className="card" aria-labelledby="letters-heading">
        <h2 id="letters-heading">Letterhead and paper</h2>
        <LetterSettingsForm />
      </section>
      <section className="card" aria-labelledby="translations-heading">
        <h2 id="translations-heading">Translations</h2>
        <TranslationReviewForm />
      </section>
      <section className="card" aria-labelledby="backups-heading">
        <h2 id="backups-heading">Backups</h2>
        <BackupList />
      </section>
      <section className="card" aria-labelledby="json-backup-heading">
        <h2 id="json-backup-heading">Backup to one file</h2>
        <JsonBackup />
      </section>
      <section className="card" aria-labelledby="storage-heading">
        <h2 id="storage-heading">Where your data is kept</h2>
        <dl className="facts">
          <dt>Data folder</dt>
          <dd>
            <code>{session.dataDirectory}</code>
          </dd>
          <dt>Version</dt>
          <dd>{session.appVersion}</dd>
        </dl>
      </section>
    </>
  );
}
