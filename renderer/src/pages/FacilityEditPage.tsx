import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { facilityRecordSchema, type Facility, type FacilityRecord } from '../../../shared/facility';
import { errorMessage } from '../api';
import { useCall, useCallMutation } from '../calls/cache';
import { TextField } from '../components/TextField';
import { showHostProblems } from '../forms/host-problems';

type FormValues = z.input<typeof facilityRecordSchema>;
const FIELDS = Object.keys(facilityRecordSchema.shape);

/** An empty coordinate is "none"; anything else is the number it reads as, for the schema to judge. */
const coordinate = (value: unknown) => (value === null || String(value).trim() === '' ? null : Number(value));

export function FacilityEditPage() {
  const { facilityId } = useParams();
  const id = Number(facilityId);
  const { data: overview, errorMessage: loadError } = useCall('getFacilityOverview', { facilityId: id });
  if (!overview) return loadError ? <p className="banner banner--error">{loadError}</p> : <p className="loading">Loading…</p>;
  // The form starts from the facility as read once; a refetch while typing must not overwrite it.
  return <FacilityDetailsForm key={id} facility={overview.facility} />;
}

function FacilityDetailsForm({ facility }: { facility: Facility }) {
  const id = facility.id;
  const navigate = useNavigate();
  const updateFacility = useCallMutation('updateFacility');
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<FormValues, unknown, FacilityRecord>({
    resolver: zodResolver(facilityRecordSchema),
    defaultValues: { ...facility, ccn: facility.ccn ?? '' },
  });
  const [formError, setFormError] = useState<string | null>(null);
  const name = watch('name');

  const submit = handleSubmit(
    async (record) => {
      setFormError(null);
      try {
        await updateFacility.mutateAsync({ id, record });
        navigate(`/facilities/${id}`);
      } catch (failure) {
        showHostProblems(failure, setError, FIELDS, 'record.');
        setFormError(errorMessage(failure));
      }
    },
    () => setFormError('Some details need correcting; see the messages below each field.'),
  );

  const field = (key: Exclude<keyof FormValues, 'notes'>, label: string, extra: Record<string, unknown> = {}) => (
    <TextField
      label={label}
      {...register(key, key === 'latitude' || key === 'longitude' ? { setValueAs: coordinate } : {})}
      error={errors[key]?.message}
      {...extra}
    />
  );

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/facilities">Facilities</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={`/facilities/${id}`}>{name || 'Facility'}</Link> <span aria-hidden="true">›</span> <span>Edit</span>
      </nav>
      <header className="page-header">
        <h1>Edit facility details</h1>
      </header>
      <form className="card form-grid" onSubmit={(event) => void submit(event)} noValidate>
        {formError && (
          <p className="banner banner--error form-grid__wide" role="alert">
            {formError}
          </p>
        )}
        {field('name', 'Facility name', { className: 'form-grid__wide', autoFocus: true })}
        {field('ccn', 'CCN (CMS Certification Number)', { hint: 'Six characters; keep leading zeros.', maxLength: 6 })}
        {field('facilityType', 'Type', { hint: 'e.g. Acute Care Hospitals' })}
        {field('ownership', 'Ownership', { hint: 'e.g. Voluntary non-profit - Private' })}
        {field('phone', 'Phone', { type: 'tel' })}
        {field('address', 'Street address', { className: 'form-grid__wide' })}
        {field('city', 'City')}
        {field('state', 'State', { hint: 'Two-letter postal code', maxLength: 2 })}
        {field('zip', 'ZIP code', { inputMode: 'numeric' })}
        {field('county', 'County')}
        {field('latitude', 'Latitude', { hint: 'Optional, e.g. 33.5186', inputMode: 'decimal' })}
        {field('longitude', 'Longitude', { hint: 'Optional, e.g. -86.8104', inputMode: 'decimal' })}
        <div className={`field form-grid__wide${errors.notes ? ' field--invalid' : ''}`}>
          <label htmlFor="facility-notes">Notes</label>
          <textarea id="facility-notes" rows={4} {...register('notes')} />
          {errors.notes && <p className="field__error">{errors.notes.message}</p>}
        </div>
        <div className="actions form-grid__wide">
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Save details'}
          </button>
          <Link className="button" to={`/facilities/${id}`}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
