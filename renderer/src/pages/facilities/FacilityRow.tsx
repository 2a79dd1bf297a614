import { zodResolver } from '@hookform/resolvers/zod';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { formatDate } from '../../../../shared/calendar';
import { renameFacilitySchema, type FacilityListItem } from '../../../../shared/facility';
import { errorMessage } from '../../api';
import { useCallMutation } from '../../calls/cache';
import { TextField } from '../../components/TextField';
import { showHostProblems } from '../../forms/host-problems';

/** The name part of the host's own renameFacility schema. */
const nameSchema = renameFacilitySchema.pick({ name: true });

function location(facility: FacilityListItem): string {
  return [facility.city, [facility.state, facility.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

function ProfileCell({ facility }: { facility: FacilityListItem }) {
  if (facility.profileFinalizedAt) {
    return (
      <span>
        Assessed {formatDate(facility.profileFinalizedAt)}
        {facility.hasDraft && <span className="muted small"> · amendment in progress</span>}
      </span>
    );
  }
  if (facility.hasDraft) return <span className="badge badge--warn">Draft in progress</span>;
  return <span className="muted">Not assessed</span>;
}

/** One facility in the list, renamed in place or archived from its row. */
export function FacilityRow({ facility, onChanged }: { facility: FacilityListItem; onChanged(message: string): void }) {
  const [editing, setEditing] = useState(false);
  const renameFacility = useCallMutation('renameFacility');
  const setFacilityArchived = useCallMutation('setFacilityArchived');
  const busy = renameFacility.isPending || setFacilityArchived.isPending;
  const [archiveError, setArchiveError] = useState<string | undefined>();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm({ resolver: zodResolver(nameSchema), defaultValues: { name: facility.name } });
  const error = errors.name?.message ?? archiveError;
  const renameButton = useRef<HTMLButtonElement>(null);

  function startEditing() {
    reset({ name: facility.name });
    setArchiveError(undefined);
    setEditing(true);
  }

  function stopEditing() {
    setEditing(false);
    requestAnimationFrame(() => renameButton.current?.focus());
  }

  const saveName = handleSubmit(async ({ name }) => {
    try {
      const updated = await renameFacility.mutateAsync({ id: facility.id, name });
      setEditing(false);
      onChanged(`Renamed to ${updated.name}.`);
    } catch (failure) {
      const unplaced = showHostProblems(failure, setError, ['name']);
      if (unplaced) setError('name', { type: 'host', message: unplaced });
    }
  });

  async function toggleArchived() {
    setArchiveError(undefined);
    try {
      const updated = await setFacilityArchived.mutateAsync({ id: facility.id, archived: !facility.archived });
      onChanged(updated.archived ? `${updated.name} archived.` : `${updated.name} restored.`);
    } catch (failure) {
      setArchiveError(errorMessage(failure));
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      stopEditing();
    }
  }

  return (
    <tr className={facility.archived ? 'row--archived' : undefined}>
      <td>
        {editing ? (
          <form className="inline-form inline-form--compact" onSubmit={(event) => void saveName(event)} onKeyDown={onKeyDown} noValidate>
            <TextField label={`New name for ${facility.name}`} className="inline-form__grow field--compact" autoFocus error={error} {...register('name')} />
            <button type="submit" className="button button--primary button--small" disabled={busy}>
              Save
            </button>
            <button type="button" className="button button--small" onClick={stopEditing}>
              Cancel
            </button>
          </form>
        ) : (
          <>
            <Link className="facility-name" to={`/facilities/${facility.id}`}>
              {facility.name}
            </Link>
            {facility.archived && <span className="badge badge--muted">Archived</span>}
            {facility.ccn && <span className="muted small block">CCN {facility.ccn}</span>}
            {error && (
              <p className="field__error" role="alert">
                {error}
              </p>
            )}
          </>
        )}
      </td>
      <td>{location(facility) || <span className="muted">Not recorded</span>}</td>
      <td>{facility.facilityType || <span className="muted">—</span>}</td>
      <td>
        <ProfileCell facility={facility} />
      </td>
      <td className="cell-actions">
        {!editing && (
          <>
            <button
              type="button"
              ref={renameButton}
              className="button button--small"
              onClick={startEditing}
              disabled={busy}
              aria-label={`Rename ${facility.name}`}
            >
              Rename
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => void toggleArchived()}
              disabled={busy}
              aria-label={`${facility.archived ? 'Restore' : 'Archive'} ${facility.name}`}
            >
              {facility.archived ? 'Restore' : 'Archive'}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
