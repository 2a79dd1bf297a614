import { useState } from 'react';
import { Link } from 'react-router';
import type { FacilityFacets } from '../../../shared/facility';
import { useCall } from '../calls/cache';
import { useDebounced } from '../calls/debounced';
import { Updating } from '../components/Updating';
import { AddFacilityForm } from './facilities/AddFacilityForm';
import { FacilityRow } from './facilities/FacilityRow';

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
