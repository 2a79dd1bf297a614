import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { formatTimestamp } from '../../../shared/calendar';
import { FACILITY_SCOPED_ROLES, REGISTRY_ROLE_LABELS, REGISTRY_ROLES } from '../../../shared/permissions';
import { grantRoleSchema, type RegistryUser } from '../../../shared/users';
import { errorMessage } from '../api';
import { useCall, useCallMutation } from '../calls/cache';
import { TextField } from '../components/TextField';
import { showHostProblems } from '../forms/host-problems';

type GrantInput = z.input<typeof grantRoleSchema>;
type GrantValues = z.output<typeof grantRoleSchema>;

/** Registry administrators grant and remove roles; the host refuses everyone else. */
export function UsersPage() {
  const { data: users, errorMessage: loadError } = useCall('listUsers', {});
  return (
    <>
      <header className="page-header">
        <h1>Users and roles</h1>
        <p className="muted">
          People sign in with the hospital&apos;s identity provider. A role granted to an email address waits for that person&apos;s first sign-in.
          Removing a role signs the person out everywhere.
        </p>
      </header>
      <GrantForm />
      {loadError && (
        <p className="banner banner--error" role="alert">
          {loadError}
        </p>
      )}
      {users && <UserTable users={users} />}
    </>
  );
}

function GrantForm() {
  const grantRole = useCallMutation('grantRole');
  const [facilitySearch, setFacilitySearch] = useState('');
  const { data: facilities } = useCall('listFacilities', { search: facilitySearch, limit: 50 }, { keepPrevious: true });
  const [granted, setGranted] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<GrantInput, unknown, GrantValues>({
    resolver: zodResolver(grantRoleSchema),
    defaultValues: { email: '', role: 'physician', facilityId: null },
  });
  const role = watch('role');
  const scoped = FACILITY_SCOPED_ROLES.has(role);

  const submit = handleSubmit(async (values) => {
    setGranted(null);
    try {
      const user = await grantRole.mutateAsync({ ...values, facilityId: scoped ? values.facilityId : null });
      setGranted(`${REGISTRY_ROLE_LABELS[values.role]} granted to ${user.email}.`);
      reset({ email: '', role: values.role, facilityId: null });
    } catch (failure) {
      const rest = showHostProblems(failure, setError, ['email', 'role', 'facilityId']);
      if (rest) setError('root', { type: 'host', message: rest });
    }
  });

  return (
    <section className="card" aria-labelledby="grant-heading">
      <h2 id="grant-heading">Grant a role</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField label="Email address" type="email" autoComplete="off" {...register('email')} error={errors.email?.message} />
        <div className="field">
          <label htmlFor="grant-role">Role</label>
          <select id="grant-role" {...register('role')}>
            {REGISTRY_ROLES.map((value) => (
              <option key={value} value={value}>
                {REGISTRY_ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        {scoped && (
          <>
            <TextField label="Find the facility" hint="Name, city or CCN" value={facilitySearch} onChange={(event) => setFacilitySearch(event.target.value)} />
            <div className={`field${errors.facilityId ? ' field--invalid' : ''}`}>
              <label htmlFor="grant-facility">Facility{role === 'physician' ? ' (optional: shows that facility’s cases)' : ''}</label>
              <select
                id="grant-facility"
                aria-invalid={errors.facilityId ? true : undefined}
                {...register('facilityId', { setValueAs: (value: unknown) => (value === '' || value === null ? null : Number(value)) })}
              >
                <option value="">{role === 'physician' ? 'No facility' : 'Choose a facility'}</option>
                {facilities?.items.map((facility) => (
                  <option key={facility.id} value={facility.id}>
                    {facility.name}
                    {facility.ccn ? ` (CCN ${facility.ccn})` : ''}
                  </option>
                ))}
              </select>
              {errors.facilityId && <p className="field__error">{errors.facilityId.message}</p>}
            </div>
          </>
        )}
        {errors.root && (
          <p className="banner banner--error" role="alert">
            {errors.root.message}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          Grant role
        </button>
        {granted && (
          <span className="status-text" role="status">
            {granted}
          </span>
        )}
      </form>
    </section>
  );
}

function UserTable({ users }: { users: RegistryUser[] }) {
  const revokeRole = useCallMutation('revokeRole');
  const [problem, setProblem] = useState<string | null>(null);
  if (users.length === 0) return <p>Nobody has a role yet.</p>;
  return (
    <section className="card" aria-labelledby="users-heading">
      <h2 id="users-heading">People</h2>
      {problem && (
        <p className="banner banner--error" role="alert">
          {problem}
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Last signed in</th>
            <th scope="col">Roles</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                {user.displayName || user.email}
                <span className="muted small block">{user.email}</span>
              </td>
              <td>{user.lastSignedInAt ? formatTimestamp(user.lastSignedInAt) : 'Not yet'}</td>
              <td>
                {user.grants.length === 0 ? (
                  <span className="muted">Reads the registry</span>
                ) : (
                  <ul className="plain-list">
                    {user.grants.map((grant) => (
                      <li key={grant.id}>
                        {REGISTRY_ROLE_LABELS[grant.role]}
                        {grant.facilityName ? ` for ${grant.facilityName}` : ''}{' '}
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={`Remove ${REGISTRY_ROLE_LABELS[grant.role]}${grant.facilityName ? ` for ${grant.facilityName}` : ''} from ${user.email}`}
                          onClick={() => {
                            setProblem(null);
                            revokeRole.mutateAsync({ grantId: grant.id }).catch((failure: unknown) => setProblem(errorMessage(failure)));
                          }}
                        >
                          Remove
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
