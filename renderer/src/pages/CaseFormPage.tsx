import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ageInYears, transferCaseSchema } from '../../../shared/transfer-case';
import { fieldProblems } from '../../../shared/validation';
import { ApiError, errorMessage } from '../api';
import { useCall, useCallMutation } from '../calls/cache';
import { useDebounced } from '../calls/debounced';
import { TextField } from '../components/TextField';
import { useSession } from '../session';
import { ClinicalPicture } from './case-form/ClinicalPicture';
import { emptyCaseForm, type CaseForm } from './case-form/CaseFormState';
import { FamilyFields } from './case-form/FamilyFields';
import { FunctionalStatusFields } from './case-form/FunctionalStatusFields';
import { GuardianFields } from './case-form/GuardianFields';
import { TransferRecordFields } from './case-form/TransferRecordFields';
import { TreatmentRows } from './case-form/TreatmentRows';
import { UrgencyOverrideFields } from './case-form/UrgencyOverrideFields';

/** Fields that show their own message beside them. */
const FIELDS_WITH_MESSAGES = [
  'patient.',
  'physician.',
  'guardian.',
  'urgencyOverride.',
  'plasmaExchangeWithinDays',
  'referringFacilityId',
  'clinicalSummary',
  'transferReason',
  'secondaryDiagnoses',
  'functionalStatus.',
  'treatments.',
  'transfer.',
  'familyContact.',
  'preferredLanguage',
];

export function CaseFormPage() {
  const { caseId } = useParams();
  const editingId = caseId ? Number(caseId) : null;
  const { session } = useSession();
  const workup = useCall('getCaseWorkup', { caseId: editingId ?? 0 }, { enabled: editingId !== null });
  if (editingId === null) return <CaseFormEditor key="new" editingId={null} initial={emptyCaseForm(session.profile?.role === 'physician' ? session.profile.name : '')} />;
  if (!workup.data) return workup.errorMessage ? <p className="banner banner--error">{workup.errorMessage}</p> : <p className="loading">Loading…</p>;
  // The form starts from the case as read once; a refetch while typing must not overwrite it.
  return <CaseFormEditor key={editingId} editingId={editingId} initial={workup.data.transferCase} />;
}

function CaseFormEditor({ editingId, initial }: { editingId: number | null; initial: CaseForm }) {
  const navigate = useNavigate();
  const { session } = useSession();
  const createCase = useCallMutation('createCase');
  const updateCase = useCallMutation('updateCase');
  const [form, setForm] = useState<CaseForm>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [facilitySearch, setFacilitySearch] = useState('');
  const referring = useCall('listFacilities', { search: useDebounced(facilitySearch) }, { keepPrevious: true });
  const facilities = referring.data?.items ?? [];

  const set = (patch: Partial<CaseForm>) => setForm({ ...form, ...patch });
  const text = (group: 'patient' | 'physician', field: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextField
      label={label}
      value={(form[group] as Record<string, string>)[field] ?? ''}
      error={errors[`${group}.${field}`]}
      onChange={(event) => set({ [group]: { ...form[group], [field]: event.target.value } } as Partial<CaseForm>)}
      {...extra}
    />
  );
  // A problem named for a part of the case that has no field of its own is listed in the banner, so it is never silent.
  const elsewhere = [...new Set(Object.entries(errors).filter(([field]) => !FIELDS_WITH_MESSAGES.some((prefix) => field.startsWith(prefix))).map(([, message]) => message))];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const parsed = transferCaseSchema.safeParse(form);
    if (!parsed.success) {
      setErrors(Object.fromEntries(fieldProblems(parsed.error).map((problem) => [problem.field, problem.message])));
      setFormError('The case was not saved. Correct what is listed here, beside each field, and save again.');
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = editingId ? await updateCase.mutateAsync({ caseId: editingId, details: form }) : await createCase.mutateAsync(form);
      navigate(`/cases/${saved.id}`);
    } catch (failure) {
      const fields = failure instanceof ApiError ? failure.fields : [];
      setErrors(Object.fromEntries(fields.map((p) => [p.field.replace(/^details\./, ''), p.message])));
      setFormError(fields.length ? 'The case was not saved. Correct what is listed here, beside each field, and save again.' : errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/cases">Transfer cases</Link> <span aria-hidden="true">›</span> <span>{editingId ? 'Edit case' : 'New case'}</span>
      </nav>
      <header className="page-header">
        <h1>{editingId ? 'Edit transfer case' : 'New transfer case'}</h1>
      </header>
      <form onSubmit={submit} noValidate>
        {formError && (
          <div className="banner banner--error" role="alert">
            <p>{formError}</p>
            {elsewhere.length > 0 && (
              <ul className="problem-list">
                {elsewhere.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <section className="card form-grid" aria-labelledby="patient-heading">
          <h2 id="patient-heading" className="form-grid__wide">
            Patient
          </h2>
          {text('patient', 'name', 'Full name', { autoComplete: 'off' })}
          {text('patient', 'dateOfBirth', 'Date of birth', { type: 'date' })}
          {text('patient', 'mrn', 'Medical record number (MRN)', { autoComplete: 'off' })}
          {text('patient', 'insurer', 'Insurer')}
          {text('patient', 'memberId', 'Member ID', { autoComplete: 'off' })}
          <GuardianFields form={form} set={set} errors={errors} age={ageInYears(form.patient.dateOfBirth, session.today)} />
        </section>

        <ClinicalPicture form={form} set={set} errors={errors} />

        <FunctionalStatusFields form={form} set={set} errors={errors} />
        <TreatmentRows form={form} set={set} errors={errors} />
        <UrgencyOverrideFields form={form} set={set} errors={errors} />
        <TransferRecordFields form={form} set={set} errors={errors} />
        <FamilyFields form={form} set={set} errors={errors} />

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
          <div className={`field form-grid__wide${errors.referringFacilityId ? ' field--invalid' : ''}`}>
            <label htmlFor="referring-facility">Referring facility</label>
            <select
              id="referring-facility"
              value={form.referringFacilityId || ''}
              onChange={(event) => set({ referringFacilityId: Number(event.target.value) })}
              aria-invalid={errors.referringFacilityId ? true : undefined}
            >
              <option value="">Choose the facility the patient is in…</option>
              {facilities.map((facility) => (
                <option key={facility.id} value={facility.id}>
                  {facility.name}
                  {facility.city ? ` — ${facility.city}, ${facility.state}` : ''}
                </option>
              ))}
            </select>
            {errors.referringFacilityId && <p className="field__error">Choose the referring facility.</p>}
            {referring.errorMessage && <p className="field__error">The facilities could not be listed: {referring.errorMessage}</p>}
          </div>
          {text('physician', 'name', 'Referring physician')}
          {text('physician', 'credentials', 'Credentials', { placeholder: 'e.g. MD' })}
          {text('physician', 'npi', 'NPI', { inputMode: 'numeric', maxLength: 10, hint: 'Ten digits; the last is a check digit.' })}
          {text('physician', 'phone', 'Phone families and reviewers can call', { type: 'tel' })}
        </section>

        <div className="actions">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : editingId ? 'Save case' : 'Create case'}
          </button>
          <Link className="button" to={editingId ? `/cases/${editingId}` : '/cases'}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
