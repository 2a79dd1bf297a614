import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { facilityNameSchema, FACILITY_NAME_MAX, type Facility } from '../../../shared/facility';
import { api, ApiError, errorMessage } from '../api';
import { TextField } from '../components/TextField';

function validateName(name: string): string | undefined {
  const parsed = facilityNameSchema.safeParse(name);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

function serverFieldError(error: unknown, field: string): string {
  return (error instanceof ApiError && error.fieldMessage(field)) || errorMessage(error);
}

function location(facility: Facility): string {
  return [facility.city, facility.state].filter(Boolean).join(', ');
}

export function FacilitiesPage() {
  const [facilities, setFacilities] = useState<Facility[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [search, setSearch] = useState('');
  const [announcement, setAnnouncement] = useState('');

  const load = useCallback(async () => {
    try {
      setFacilities(await api.listFacilities({ includeArchived: showArchived }));
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [showArchived]);

  useEffect(() => {
    void load();
  }, [load]);

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    if (!facilities || !needle) return facilities ?? [];
    return facilities.filter((facility) =>
      [facility.name, facility.city, facility.state].some((value) => value.toLowerCase().includes(needle)),
    );
  }, [facilities, search]);

  function changed(updated: Facility, message: string) {
    setFacilities((current) => {
      const others = (current ?? []).filter((facility) => facility.id !== updated.id);
      const list = updated.archived && !showArchived ? others : [...others, updated];
      return list.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id - b.id);
    });
    setAnnouncement(message);
  }

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Facilities</h1>
          <p className="muted">Hospitals and partners whose transfer capabilities you record.</p>
        </div>
      </header>

      <AddFacilityForm onAdded={(facility) => changed(facility, `${facility.name} added.`)} />

      <section className="card card--flush" aria-labelledby="list-heading">
        <div className="toolbar">
          <h2 id="list-heading" className="toolbar__title">
            {showArchived ? 'All facilities' : 'Active facilities'}
            {facilities && <span className="count">{shown.length}</span>}
          </h2>
          <div className="toolbar__controls">
            <label className="search">
              <span className="visually-hidden">Search facilities</span>
              <input
                type="search"
                placeholder="Search by name, city or state"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
              />
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} />
              Show archived
            </label>
          </div>
        </div>
        {loadError && (
          <p className="banner banner--error" role="alert">
            {loadError}{' '}
            <button type="button" className="button button--link" onClick={() => void load()}>
              Try again
            </button>
          </p>
        )}
        {facilities === null && !loadError && <p className="empty">Loading facilities…</p>}
        {facilities !== null && shown.length === 0 && (
          <p className="empty">
            {facilities.length === 0
              ? 'No facilities yet. Add the first one above: start with your own hospital.'
              : 'No facility matches that search.'}
          </p>
        )}
        {shown.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Location</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((facility) => (
                <FacilityRow key={facility.id} facility={facility} onChanged={changed} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}

function AddFacilityForm({ onAdded }: { onAdded(facility: Facility): void }) {
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
      onAdded(await api.createFacility({ name }));
      setName('');
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

function FacilityRow({ facility, onChanged }: { facility: Facility; onChanged(facility: Facility, message: string): void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(facility.name);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
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
      const updated = await api.renameFacility({ id: facility.id, name: draft });
      onChanged(updated, `Renamed to ${updated.name}.`);
      stopEditing();
    } catch (failure) {
      setError(serverFieldError(failure, 'name'));
    } finally {
      setBusy(false);
    }
  }

  async function toggleArchived() {
    setBusy(true);
    try {
      const updated = await api.setFacilityArchived({ id: facility.id, archived: !facility.archived });
      onChanged(updated, updated.archived ? `${updated.name} archived.` : `${updated.name} restored.`);
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
            <span className="facility-name">{facility.name}</span>
            {facility.ccn && <span className="muted small"> · CCN {facility.ccn}</span>}
            {error && (
              <p className="field__error" role="alert">
                {error}
              </p>
            )}
          </>
        )}
      </td>
      <td>{location(facility) || <span className="muted">Not recorded</span>}</td>
      <td>
        <span className={`badge ${facility.archived ? 'badge--muted' : 'badge--ok'}`}>
          {facility.archived ? 'Archived' : 'Active'}
        </span>
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
