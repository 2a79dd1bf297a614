import { useState } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import { useCall } from '../../calls/cache';
import { useDebounced } from '../../calls/debounced';
import { TextField } from '../../components/TextField';
import { messageAt } from '../../forms/field-errors';
import type { CaseForm } from './CaseFormState';

/** Where the patient is now and the physician who refers them, as the letters sign it. */
export function ReferralFields() {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CaseForm>();
  // Controlled: its options arrive after the form has its value, and change with the search.
  const { field: referring } = useController({ control, name: 'referringFacilityId' });
  const [facilitySearch, setFacilitySearch] = useState('');
  const found = useCall('listFacilities', { search: useDebounced(facilitySearch) }, { keepPrevious: true });
  const facilities = found.data?.items ?? [];
  const referringError = messageAt(errors, 'referringFacilityId');
  const field = (name: 'name' | 'credentials' | 'npi' | 'phone', label: string, extra: Record<string, unknown> = {}) => (
    <TextField label={label} error={messageAt(errors, `physician.${name}`)} {...extra} {...register(`physician.${name}`)} />
  );

  return (
    <section className="card form-grid" aria-labelledby="referral-heading">
      <h2 id="referral-heading" className="form-grid__wide">
        Referral
      </h2>
      <TextField
        label="Find the referring facility"
        className="form-grid__wide"
        type="search"
        hint="Type part of the name, city or CCN to narrow the list below."
        value={facilitySearch}
        onChange={(event) => setFacilitySearch(event.target.value)}
      />
      <div className={`field form-grid__wide${referringError ? ' field--invalid' : ''}`}>
        <label htmlFor="referring-facility">Referring facility</label>
        <select
          id="referring-facility"
          name={referring.name}
          ref={referring.ref}
          value={referring.value || ''}
          onChange={(event) => referring.onChange(Number(event.target.value))}
          onBlur={referring.onBlur}
          aria-invalid={referringError ? true : undefined}
        >
          <option value="">Choose the facility the patient is in…</option>
          {facilities.map((facility) => (
            <option key={facility.id} value={facility.id}>
              {facility.name}
              {facility.city ? ` — ${facility.city}, ${facility.state}` : ''}
            </option>
          ))}
        </select>
        {referringError && <p className="field__error">Choose the referring facility.</p>}
        {found.errorMessage && <p className="field__error">The facilities could not be listed: {found.errorMessage}</p>}
      </div>
      {field('name', 'Referring physician')}
      {field('credentials', 'Credentials', { placeholder: 'e.g. MD' })}
      {field('npi', 'NPI', { inputMode: 'numeric', maxLength: 10, hint: 'Ten digits; the last is a check digit.' })}
      {field('phone', 'Phone families and reviewers can call', { type: 'tel' })}
    </section>
  );
}
