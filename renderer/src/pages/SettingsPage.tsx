import { useEffect, useState, type FormEvent } from 'react';
import type { BackupSummary } from '../../../shared/contract';
import { appSettingsSchema, PAPER_SIZE_LABELS, PAPER_SIZES, type PaperSize } from '../../../shared/settings';
import { api, errorMessage } from '../api';
import { ProfileForm } from '../components/ProfileForm';
import { TextField } from '../components/TextField';
import { useSession } from '../session';

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

function BackupList() {
  const [listing, setListing] = useState<{ directory: string; backups: BackupSummary[] } | null>(null);
  useEffect(() => {
    api.listBackups({}).then(setListing, () => undefined);
  }, []);
  if (!listing) return null;
  return (
    <>
      <p>
        A copy of the database is kept on the first start of each day, before every upgrade and before every restore; the last 14
        are kept in <code>{listing.directory}</code>.
      </p>
      {listing.backups.length === 0 ? (
        <p className="muted">No backups yet: the first is taken on the next start once there is data.</p>
      ) : (
        <table className="table table--inset">
          <caption className="visually-hidden">Backups</caption>
          <thead>
            <tr>
              <th scope="col">Backup</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody>
            {listing.backups.map((backup) => (
              <tr key={backup.name}>
                <td>
                  <code>{backup.name}</code>
                </td>
                <td>{(backup.bytes / 1024).toFixed(0)} KB</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="small muted">
        To put one back, close TransferReady and run <code>npm run cli -- restore-backup NAME</code>; the current database is copied
        aside first, so a restore can itself be undone.
      </p>
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
      <section className="card" aria-labelledby="backups-heading">
        <h2 id="backups-heading">Backups</h2>
        <BackupList />
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
