import { useState } from 'react';
import { Link } from 'react-router';
import { PARTNER_ARRANGEMENT_LABELS, PARTNER_ARRANGEMENTS, type PartnerArrangement } from '../../../../shared/assessment';
import { useCall } from '../../calls/cache';
import { useDebounced } from '../../calls/debounced';
import { TextField } from '../../components/TextField';

const NO_PARTNER: PartnerArrangement = { facilityId: null, name: '', arrangement: null, deliveryDays: null };
const PARTNER_SEARCH_LIMIT = 20;

/**
 * Who provides a capability "through a partner". A partner chosen from the registry lets its own
 * finalized assessment back the claim; a typed name is kept, but backs nothing by itself.
 */
export function PartnerFields({
  idPrefix,
  ownFacilityId,
  partner,
  problemFor,
  onChange,
}: {
  idPrefix: string;
  ownFacilityId: number;
  partner: PartnerArrangement | null;
  problemFor(field: string): string | undefined;
  onChange(partner: PartnerArrangement): void;
}) {
  const current = partner ?? NO_PARTNER;
  const set = (patch: Partial<PartnerArrangement>) => onChange({ ...current, ...patch });
  const [search, setSearch] = useState('');
  const registry = useCall('listFacilities', { search: useDebounced(search), limit: PARTNER_SEARCH_LIMIT }, { keepPrevious: true });
  const found = (registry.data?.items ?? []).filter((facility) => facility.id !== ownFacilityId);
  const searchError = registry.errorMessage && `The registry could not be searched: ${registry.errorMessage} Type the partner’s name instead.`;
  const id = (name: string) => `${idPrefix}-partner-${name}`;

  // The linked partner stays choosable even when the search no longer lists it.
  const options = current.facilityId !== null && !found.some((f) => f.id === current.facilityId)
    ? [{ id: current.facilityId, name: current.name, city: '', state: '' }, ...found]
    : found;
  const nameError = problemFor('partner.name');
  const arrangementError = problemFor('partner.arrangement');

  return (
    <fieldset className="field partner">
      <legend>The partner that provides it</legend>
      <p className="field__hint">Choose the partner from the registry, so its own assessment can back this answer, or type its name if it is not there.</p>
      <div className="form-grid">
        <TextField
          label="Search the registry for the partner"
          type="search"
          hint="Part of the name, city or CCN."
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <div className="field">
          <label htmlFor={id('facility')}>Partner in the registry</label>
          <select
            id={id('facility')}
            value={current.facilityId ?? ''}
            onChange={(event) => {
              const chosen = options.find((facility) => facility.id === Number(event.target.value));
              set(chosen ? { facilityId: chosen.id, name: chosen.name } : { facilityId: null });
            }}
          >
            <option value="">Not in the registry: type its name below</option>
            {options.map((facility) => (
              <option key={facility.id} value={facility.id}>
                {facility.name}
                {facility.city ? ` — ${facility.city}, ${facility.state}` : ''}
              </option>
            ))}
          </select>
          {searchError && <p className="field__error">{searchError}</p>}
        </div>
      </div>
      {current.facilityId === null ? (
        <TextField
          label="Partner’s name"
          hint="As the partner calls itself, e.g. “Regional Blood Center”."
          value={current.name}
          maxLength={200}
          error={nameError}
          onChange={(event) => set({ name: event.target.value })}
        />
      ) : (
        <p className="partner__linked">
          <span aria-hidden="true">↔ </span>
          Linked to <Link to={`/facilities/${current.facilityId}`}>{current.name}</Link> in the registry: its own finalized assessment backs this answer.
        </p>
      )}
      <fieldset className={`field${arrangementError ? ' field--invalid' : ''}`} aria-describedby={arrangementError ? id('arrangement-error') : undefined}>
        <legend>Arrangement</legend>
        {PARTNER_ARRANGEMENTS.map((arrangement) => (
          <label key={arrangement} className="checkbox">
            <input type="radio" name={id('arrangement')} checked={current.arrangement === arrangement} onChange={() => set({ arrangement })} />
            {PARTNER_ARRANGEMENT_LABELS[arrangement]}
          </label>
        ))}
        {arrangementError && (
          <p className="field__error" id={id('arrangement-error')}>
            {arrangementError}
          </p>
        )}
      </fieldset>
      <TextField
        label="Usually delivers within (days)"
        className="input-days"
        type="number"
        inputMode="numeric"
        min={0}
        max={365}
        hint="Optional. How long the partner usually takes once asked."
        value={current.deliveryDays ?? ''}
        onChange={(event) => {
          // Clamped like the other day counts, so autosave never meets a value it must refuse.
          const value = event.target.value === '' ? null : Math.max(0, Math.min(365, Math.round(Number(event.target.value))));
          set({ deliveryDays: value === null || Number.isNaN(value) ? null : value });
        }}
      />
    </fieldset>
  );
}

/** The partner as the review list and the finalized record show it. */
export function PartnerSummary({ partner }: { partner: PartnerArrangement | null }) {
  if (!partner || !partner.name.trim()) return <span className="muted">Partner not named yet</span>;
  const terms = [
    partner.arrangement ? PARTNER_ARRANGEMENT_LABELS[partner.arrangement] : 'arrangement not chosen',
    partner.deliveryDays !== null ? `usually within ${partner.deliveryDays} day${partner.deliveryDays === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  return (
    <span>
      {partner.facilityId !== null ? <Link to={`/facilities/${partner.facilityId}`}>{partner.name}</Link> : partner.name}
      {` (${terms.join(', ')})`}
      {partner.facilityId === null && <span className="muted"> · not in the registry</span>}
    </span>
  );
}
