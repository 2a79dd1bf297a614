import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { facilityRecordSchema, type Facility } from '../../../shared/facility';
import { fieldProblems } from '../../../shared/validation';
import { api, ApiError, errorMessage } from '../api';
import { TextField } from '../components/TextField';

type FormValues = Record<
  'name' | 'ccn' | 'facilityType' | 'ownership' | 'address' | 'city' | 'state' | 'zip' | 'county' | 'phone' | 'latitude' | 'longitude' | 'notes',
  string
>;

function toForm(facility: Facility): FormValues {
  return {
    name: facility.name,
    ccn: facility.ccn ?? '',
    facilityType: facility.facilityType,
    ownership: facility.ownership,
    address: facility.address,
    city: facility.city,
    state: facility.state,
    zip: facility.zip,
    county: facility.county,
    phone: facility.phone,
    latitude: facility.latitude === null ? '' : String(facility.latitude),
    longitude: facility.longitude === null ? '' : String(facility.longitude),
    notes: facility.notes,
  };
}

function toRecordInput(values: FormValues) {
  const coordinate = (text: string) => (text.trim() === '' ? null : Number(text));
  return { ...values, latitude: coordinate(values.latitude), longitude: coordinate(values.longitude) };
}

export function FacilityEditPage() {
  const { facilityId } = useParams();
  const id = Number(facilityId);
  const navigate = useNavigate();
  const [values, setValues] = useState<FormValues | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api.getFacilityOverview({ facilityId: id }).then(
      (overview) => setValues(toForm(overview.facility)),
      (failure: unknown) => setFormError(errorMessage(failure)),
    );
  }, [id]);

  if (!values) return formError ? <p className="banner banner--error">{formError}</p> : <p className="loading">Loading…</p>;

  const field = (name: keyof FormValues, label: string, extra: Record<string, unknown> = {}) => (
    <TextField
      label={label}
      value={values[name]}
      onChange={(event) => setValues({ ...values, [name]: event.target.value })}
      error={errors[name]}
      {...extra}
    />
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!values) return;
    setFormError(null);
    const input = toRecordInput(values);
    const parsed = facilityRecordSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(fieldProblems(parsed.error).map((problem) => [problem.field, problem.message])));
      setFormError('Some details need correcting; see the messages below each field.');
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await api.updateFacility({ id, record: input });
      navigate(`/facilities/${id}`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.fields.length > 0) {
        setErrors(Object.fromEntries(failure.fields.map((problem) => [problem.field.replace(/^record\./, ''), problem.message])));
      }
      setFormError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/facilities">Facilities</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={`/facilities/${id}`}>{values.name || 'Facility'}</Link> <span aria-hidden="true">›</span> <span>Edit</span>
      </nav>
      <header className="page-header">
        <h1>Edit facility details</h1>
      </header>
      <form className="card form-grid" onSubmit={submit} noValidate>
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
          <textarea id="facility-notes" rows={4} value={values.notes} onChange={(event) => setValues({ ...values, notes: event.target.value })} />
          {errors.notes && <p className="field__error">{errors.notes}</p>}
        </div>
        <div className="actions form-grid__wide">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save details'}
          </button>
          <Link className="button" to={`/facilities/${id}`}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
