import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/calendar';
import {
  facilityNameSchema,
  FACILITY_NAME_MAX,
  type FacilityFacets,
  type FacilityListItem,
} from '../../../shared/facility';
import { ApiError, errorMessage } from '../api';
import { useCall, useCallMutation } from '../calls/cache';
import { useDebounced } from '../calls/debounced';
import { TextField } from '../components/TextField';
import { Updating } from '../components/Updating';

function validateName(name: string): string | undefined {
  const parsed = facilityNameSchema.safeParse(name);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

function serverFieldError(error: unknown, field: string): string {
  return (error instanceof ApiError && error.fieldMessage(field)) || errorMessage(error);
}

function location(facility: FacilityListItem): string {
  return [facility.city, [facility.state, facility.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

interface Filters {
  search: string;
  state: string;
  facilityType: string;
  includeArchived: boolean;
}

const NO_FACETS: FacilityFacets = { states: [], facilityTypes: [] };

export function FacilitiesPage() {
  const [filters, setFilters] = useState<Filters>({ search: '', state: '', facilityType: '', includeArchived: false });
  const search = useDebounced(filters.search);
  // The list on screen stays while the next filter's answer is on its way.
  const listing = useCall('listFacilities', { ...filters, search }, { keepPrevious: true });
  const list = listing.data ?? null;
  const loadError = listing.errorMessage;
  // The state and type choices change only when facilities do (a write refetches them), not with each filter keystroke.
  const facets = useCall('facilityFacets', {}).data ?? NO_FACETS;
  const [announcement, setAnnouncement] = useState('');

  const filtered = Boolean(filters.search || filters.state || filters.facilityType);

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Facilities</h1>
          <p className="muted">Hospitals and partners whose transfer capabilities you record.</p>
        </div>
        <Link className="button" to="/import">
          Import from CSV
        </Link>
      </header>

      <AddFacilityForm onAdded={(name) => setAnnouncement(`${name} added.`)} />

      <section className="card card--flush" aria-labelledby="list-heading">
        <div className="toolbar">
          <h2 id="list-heading" className="toolbar__title">
            {filters.includeArchived ? 'All facilities' : 'Active facilities'}
            {list && <span className="count">{list.total.toLocaleString()}</span>}
          </h2>
          <div className="toolbar__controls">
            <label className="search">
              <span className="visually-hidden">Search facilities</span>
              <input
                type="search"
                placeholder="Search name, city or CCN"
                value={filters.search}
                onChange={(event) => setFilters({ ...filters, search: event.target.value })}
              />
            </label>
            <label className="select-filter">
              <span className="visually-hidden">State</span>
              <select value={filters.state} onChange={(event) => setFilters({ ...filters, state: event.target.value })}>
                <option value="">All states</option>
                {facets.states.map((state) => (
                  <option key={state}>{state}</option>
                ))}
              </select>
            </label>
            <label className="select-filter">
              <span className="visually-hidden">Type</span>
              <select value={filters.facilityType} onChange={(event) => setFilters({ ...filters, facilityType: event.target.value })}>
                <option value="">All types</option>
                {facets.facilityTypes.map((type) => (
                  <option key={type}>{type}</option>
                ))}
              </select>
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={filters.includeArchived}
                onChange={(event) => setFilters({ ...filters, includeArchived: event.target.checked })}
              />
              Show archived
            </label>
          </div>
        </div>
        {loadError && (
          <p className="banner banner--error" role="alert">
            {loadError}{' '}
            <button type="button" className="button button--link" onClick={() => void listing.refetch()}>
              Try again
            </button>
          </p>
        )}
        <Updating updating={listing.updating} />
        {list === null && !loadError && <p className="empty">Loading facilities…</p>}
        {list !== null && list.items.length === 0 && (
          <p className="empty">
            {filtered
              ? 'No facility matches these filters.'
              : 'No facilities yet. Add the first one above, or import your state’s hospitals from the CMS file.'}
          </p>
        )}
        {list !== null && list.items.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Location</th>
                <th scope="col">Type</th>
                <th scope="col">Capability profile</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((facility) => (
                <FacilityRow key={facility.id} facility={facility} onChanged={setAnnouncement} />
              ))}
            </tbody>
          </table>
        )}
        {list !== null && list.total > list.items.length && (
          <p className="table-footnote">
            Showing the first {list.items.length.toLocaleString()} of {list.total.toLocaleString()}. Search or filter to
            narrow the list.
          </p>
        )}
      </section>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}

function AddFacilityForm({ onAdded }: { onAdded(name: string): void }) {
  const createFacility = useCallMutation('createFacility');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = validateName(name);
    setError(problem);
    if (problem) return;
    setSaving(true);
    try {
      const created = await createFacility.mutateAsync({ name });
      setName('');
      onAdded(created.name);
    } catch (failure) {
      setError(serverFieldError(failure, 'name'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="card" aria-labelledby="add-heading">
      <h2 id="add-heading">Add a facility</h2>
      <form className="inline-form" onSubmit={submit} noValidate>
        <TextField
          label="Facility name"
          className="inline-form__grow"
          value={name}
          maxLength={FACILITY_NAME_MAX + 50}
          placeholder="e.g. Riverside Regional Medical Center"
          onChange={(event) => {
            setName(event.target.value);
            if (error) setError(undefined);
          }}
          error={error}
        />
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Adding…' : 'Add facility'}
        </button>
      </form>
    </section>
  );
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

function FacilityRow({ facility, onChanged }: { facility: FacilityListItem; onChanged(message: string): void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(facility.name);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const renameFacility = useCallMutation('renameFacility');
  const setFacilityArchived = useCallMutation('setFacilityArchived');
  const renameButton = useRef<HTMLButtonElement>(null);

  function startEditing() {
    setDraft(facility.name);
    setError(undefined);
    setEditing(true);
  }

  function stopEditing() {
    setEditing(false);
    requestAnimationFrame(() => renameButton.current?.focus());
  }

  async function saveName(event?: FormEvent) {
    event?.preventDefault();
    const problem = validateName(draft);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const updated = await renameFacility.mutateAsync({ id: facility.id, name: draft });
      setEditing(false);
      onChanged(`Renamed to ${updated.name}.`);
    } catch (failure) {
      setError(serverFieldError(failure, 'name'));
    } finally {
      setBusy(false);
    }
  }

  async function toggleArchived() {
    setBusy(true);
    try {
      const updated = await setFacilityArchived.mutateAsync({ id: facility.id, archived: !facility.archived });
      onChanged(updated.archived ? `${updated.name} archived.` : `${updated.name} restored.`);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
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
          <form className="inline-form inline-form--compact" onSubmit={saveName} onKeyDown={onKeyDown} noValidate>
            <TextField
              label={`New name for ${facility.name}`}
              className="inline-form__grow field--compact"
              value={draft}
              autoFocus
              onChange={(event) => setDraft(event.target.value)}
              error={error}
            />
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
