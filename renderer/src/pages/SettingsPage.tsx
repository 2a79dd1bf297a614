import { ProfileForm } from '../components/ProfileForm';
import { useSession } from '../session';

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
      <section className="card" aria-labelledby="storage-heading">
        <h2 id="storage-heading">Where your data is kept</h2>
        <dl className="facts">
          <dt>Data folder</dt>
          <dd>
            <code>{session.dataDirectory}</code>
          </dd>
          <dt>Backups</dt>
          <dd>
            A copy is taken before every database upgrade, in the <code>backups</code> folder inside the data folder.
          </dd>
          <dt>Version</dt>
          <dd>{session.appVersion}</dd>
        </dl>
      </section>
    </>
  );
}
