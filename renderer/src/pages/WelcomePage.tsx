import type { UserProfile } from '../../../shared/profile';
import { ProfileForm } from '../components/ProfileForm';

export function WelcomePage({ onSaved }: { onSaved(profile: UserProfile): void }) {
  return (
    <main className="welcome" id="main">
      <div className="welcome__card">
        <p className="brand brand--large" aria-hidden="true">
          <span className="brand__mark">TR</span> TransferReady
        </p>
        <h1>Welcome</h1>
        <p className="lead">
          TransferReady records what each facility can really provide for patients with Stiff Person Syndrome, and
          helps physicians explain a transfer to families and insurers. First, tell us who you are: every
          answer and change you record carries your name.
        </p>
        <ProfileForm initial={null} submitLabel="Start using TransferReady" onSaved={onSaved} />
      </div>
    </main>
  );
}
