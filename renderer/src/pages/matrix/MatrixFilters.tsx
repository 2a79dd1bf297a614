import { useState } from 'react';
import type { MatrixFilter } from '../../../../shared/capability-matrix';
import type { FacilityFacets } from '../../../../shared/facility';
import { CAPABILITY_IDS, type CapabilityId, type CapabilityStatus } from '../../../../shared/questionnaire';
import { CAPABILITY_NAMES } from '../../capability-names';

type StatusChoice = '' | 'on_site' | 'covered' | 'limited' | 'not_available' | 'unknown';
const CHOICE_STATUSES: Record<Exclude<StatusChoice, '' | 'limited'>, CapabilityStatus[]> = {
  on_site: ['on_site'],
  covered: ['on_site', 'via_partner'],
  not_available: ['not_available'],
  unknown: ['unknown'],
};

/** What to show: where, which kind of facility, how recently verified, and each capability's status. */
export function MatrixFilters({ filter, facets, onChange }: { filter: MatrixFilter; facets: FacilityFacets; onChange(filter: MatrixFilter): void }) {
  const [choices, setChoices] = useState<Partial<Record<CapabilityId, StatusChoice>>>({});
  const set = (patch: Partial<MatrixFilter>) => onChange({ ...filter, ...patch });

  function chooseStatus(capability: CapabilityId, choice: StatusChoice) {
    const nextChoices = { ...choices, [capability]: choice };
    setChoices(nextChoices);
    const statuses = Object.fromEntries(
      Object.entries(nextChoices).flatMap(([id, value]) => (value && value !== 'limited' ? [[id, CHOICE_STATUSES[value]]] : [])),
    );
    const limitedAt = CAPABILITY_IDS.filter((id) => nextChoices[id] === 'limited');
    set({ statuses, limitedAt });
  }

  return (
    <section className="card matrix-filters" aria-label="Filters">
      <div className="matrix-filters__row">
        <div className="field">
          <label htmlFor="matrix-search">Search</label>
          <input id="matrix-search" type="search" value={filter.search} placeholder="Name, city or CCN" onChange={(event) => set({ search: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="matrix-state">State</label>
          <select id="matrix-state" value={filter.state} onChange={(event) => set({ state: event.target.value })}>
            <option value="">All states</option>
            {facets.states.map((state) => (
              <option key={state}>{state}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="matrix-type">Type</label>
          <select id="matrix-type" value={filter.facilityType} onChange={(event) => set({ facilityType: event.target.value })}>
            <option value="">All types</option>
            {facets.facilityTypes.map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="matrix-since">Verified since</label>
          <input id="matrix-since" type="date" value={filter.verifiedSince ?? ''} onChange={(event) => set({ verifiedSince: event.target.value || null })} />
        </div>
        <label className="checkbox matrix-filters__check">
          <input type="checkbox" checked={filter.staleOnly} onChange={(event) => set({ staleOnly: event.target.checked })} />
          Stale only
        </label>
        <label className="checkbox matrix-filters__check">
          <input type="checkbox" checked={filter.detailsMustPass} aria-describedby="matrix-details-hint" onChange={(event) => set({ detailsMustPass: event.target.checked })} />
          Only where required details pass
        </label>
      </div>
      <div className="matrix-filters__row">
        {CAPABILITY_IDS.map((id) => (
          <div className="field" key={id}>
            <label htmlFor={`matrix-status-${id}`}>{CAPABILITY_NAMES[id]}</label>
            <select id={`matrix-status-${id}`} value={choices[id] ?? ''} onChange={(event) => chooseStatus(id, event.target.value as StatusChoice)}>
              <option value="">Any status</option>
              <option value="on_site">On site</option>
              <option value="covered">On site or partner</option>
              <option value="limited">Details against or not sure</option>
              <option value="not_available">Not available</option>
              <option value="unknown">Unknown</option>
            </select>
          </div>
        ))}
      </div>
      <p className="small muted" id="matrix-details-hint">
        {filter.detailsMustPass
          ? '“On site” and “On site or partner” leave out cells whose details every patient needs were answered against them or “not sure”, as transfer workups judge them. Untick to filter on the statuses as facilities attested them.'
          : '“On site” and “On site or partner” match the statuses as facilities attested them, whatever their details say.'}
      </p>
    </section>
  );
}
