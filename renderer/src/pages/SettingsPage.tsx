import { ProfileForm } from '../components/ProfileForm';
import { useCan } from '../permissions';
import { mayFollowSharedRegistry, useSession } from '../session';
import { BackupList } from './settings/BackupList';
import { ExpiryForm } from './settings/ExpiryForm';
import { JsonBackup } from './settings/JsonBackup';
import { LetterSettingsForm } from './settings/LetterSettingsForm';
import { SharedRegistryCard } from './settings/SharedRegistryCard';
import { TranslationReviewForm } from './settings/TranslationReviewForm';

export function SettingsPage() {
  const { session, profileSaved } = useSession();
  // On a shared host the name comes from the sign-in, and only registry administrators change settings.
  const can = useCan();
  return (
    <>
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      {can('saveProfile') && (
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Your profile</h2>
          <p className="muted">Your name and role are recorded with every change you make.</p>
          <ProfileForm initial={session.profile} submitLabel="Save profile" onSaved={profileSaved} />
        </section>
      )}
      {can('saveSettings') && (
        <>
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
        </>
      )}
      {mayFollowSharedRegistry(session) && (
        <section className="card" aria-labelledby="shared-registry-heading">
          <h2 id="shared-registry-heading">Shared registry</h2>
          <SharedRegistryCard />
        </section>
      )}
      {can('listBackups') && (
        <>
          <section className="card" aria-labelledby="backups-heading">
            <h2 id="backups-heading">Backups</h2>
            {session.sharedRegistry ? (
              <p>
                This is a shared registry: its database administrator backs it up and restores it with PostgreSQL&apos;s own tools, so
                this server keeps no backup files of its own.
              </p>
            ) : (
              <BackupList />
            )}
          </section>
          <section className="card" aria-labelledby="json-backup-heading">
            <h2 id="json-backup-heading">Backup to one file</h2>
            <JsonBackup />
          </section>
        </>
      )}
      <section className="card" aria-labelledby="storage-heading">
        <h2 id="storage-heading">Where your data is kept</h2>
        <dl className="facts">
          {session.sharedRegistry ? (
            <>
              <dt>Shared registry database</dt>
              <dd>
                <code>{session.sharedRegistry}</code>
              </dd>
            </>
          ) : (
            <>
              <dt>Data folder</dt>
              <dd>
                <code>{session.dataDirectory}</code>
              </dd>
            </>
          )}
          <dt>Version</dt>
          <dd>{session.appVersion}</dd>
        </dl>
      </section>
    </>
  );
}
