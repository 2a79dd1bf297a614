import { useState } from 'react';
import type { SignedInPerson as Person } from '../../../shared/contract';
import { REGISTRY_ROLE_LABELS } from '../../../shared/permissions';
import { signOut } from '../sign-out';

/** Who is signed in on a shared host, as the provider verified them, and the way out. */
export function SignedInPerson({ person }: { person: Person }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const roles = person.roles.map((role) => REGISTRY_ROLE_LABELS[role]).join(', ') || 'Reads the registry';
  return (
    <div className="whoami" title={`Signed in as ${person.email ?? person.name}; recorded as the author of your changes`}>
      <span className="whoami__name">{person.name}</span>
      <span className="whoami__role">{roles}</span>
      <button
        type="button"
        className="button button--small"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void signOut().then((message) => {
            setProblem(message);
            setLeaving(message === null);
          });
        }}
      >
        Sign out
      </button>
      {problem && (
        <span className="banner banner--error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
