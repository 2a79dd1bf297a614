import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { FacilityListItem } from '../../../shared/facility';
import {
  CASE_STAGE_LABELS,
  CASE_STAGES,
  CLINICAL_FLAG_LABELS,
  CLINICAL_FLAGS,
  GAD65_LABELS,
  GAD65_STATUSES,
  TREATMENT_LABELS,
  TREATMENT_RESPONSE_LABELS,
  TREATMENT_RESPONSES,
  TREATMENTS,
  transferCaseSchema,
  type TransferCaseInput,
} from '../../../shared/transfer-case';
import { fieldProblems } from '../../../shared/validation';
import { api, ApiError, errorMessage } from '../api';
import { TextField } from '../components/TextField';
import { useSession } from '../session';

type Form = TransferCaseInput & { referringFacilityId: number };

function emptyForm(physicianName: string): Form {
  return {
    patient: { name: '', dateOfBirth: '', mrn: '', insurer: '', memberId: '' },
    gad65: 'positive',
    stage: 'progressive',
    flags: [],
    treatments: [],
    clinicalSummary: '',
    referringFacilityId: 0,
    physician: { name: physicianName, credentials: '', npi: '', phone: '' },
    needOverrides: [],
  };
}

export function CaseFormPage() {
  const { caseId } = useParams();
  const editingId = caseId ? Number(caseId) : null;
  const navigate = useNavigate();
  const { session } = useSession();
  const [form, setForm] = useState<Form | null>(editingId ? null : emptyForm(session.profile?.role === 'physician' ? session.profile.name : ''));
  const [facilities, setFacilities] = useState<FacilityListItem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [facilitySearch, setFacilitySearch] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => {
      api.listFacilities({ search: facilitySearch }).then((list) => setFacilities(list.items), (failure: unknown) => setFormError(errorMessage(failure)));
    }, 150);
    return () => clearTimeout(timer);
  }, [facilitySearch]);

  useEffect(() => {
    if (editingId) {
      api.getCaseWorkup({ caseId: editingId }).then(
        ({ transferCase }) => setForm(transferCase),
        (failure: unknown) => setFormError(errorMessage(failure)),
      );
    }
  }, [editingId]);

  if (!form) return formError ? <p className="banner banner--error">{formError}</p> : <p className="loading">Loading…</p>;

  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const text = (group: 'patient' | 'physician', field: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextField
      label={label}
      value={(form[group] as Record<string, string>)[field] ?? ''}
      error={errors[`${group}.${field}`]}
      onChange={(event) => set({ [group]: { ...form[group], [field]: event.target.value } } as Partial<Form>)}
      {...extra}
    />
  );
  const treatments = form.treatments ?? [];
  const flags = form.flags ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const parsed = transferCaseSchema.safeParse(form);
    if (!parsed.success) {
      setErrors(Object.fromEntries(fieldProblems(parsed.error).map((problem) => [problem.field, problem.message])));
      setFormError('Some details need correcting; see the messages beside each field.');
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = editingId ? await api.updateCase({ caseId: editingId, details: form! }) : await api.createCase(form!);
      navigate(`/cases/${saved.id}`);
    } catch (failure) {
      if (failure instanceof ApiError) setErrors(Object.fromEntries(failure.fields.map((p) => [p.field.replace(/^details\./, ''), p.message])));
      setFormError(errorMessage(failure));
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
          <p className="banner banner--error" role="alert">
            {formError}
          </p>
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
        </section>

        <section className="card" aria-labelledby="clinical-heading">
          <h2 id="clinical-heading">Diagnosis and clinical picture</h2>
          <p className="muted">Stiff person syndrome, ICD-10-CM G25.82.</p>
          <div className="form-grid">
            <fieldset className="field">
              <legend>Anti-GAD65 antibodies</legend>
              {GAD65_STATUSES.map((status) => (
                <label key={status} className="checkbox">
                  <input type="radio" name="gad65" checked={form.gad65 === status} onChange={() => set({ gad65: status })} />
                  {GAD65_LABELS[status]}
                </label>
              ))}
            </fieldset>
            <fieldset className="field">
              <legend>Stage</legend>
              {CASE_STAGES.map((stage) => (
                <label key={stage} className="checkbox">
                  <input type="radio" name="stage" checked={form.stage === stage} onChange={() => set({ stage })} />
                  {CASE_STAGE_LABELS[stage]}
                </label>
              ))}
            </fieldset>
          </div>
          <fieldset className="field flag-grid">
            <legend>Clinical flags</legend>
            {CLINICAL_FLAGS.map((flag) => (
              <label key={flag} className="checkbox">
                <input
                  type="checkbox"
                  checked={flags.includes(flag)}
                  onChange={(event) => set({ flags: event.target.checked ? [...flags, flag] : flags.filter((f) => f !== flag) })}
                />
                {CLINICAL_FLAG_LABELS[flag]}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="clinical-summary">Clinical summary for the insurer (optional)</label>
            <textarea id="clinical-summary" rows={3} value={form.clinicalSummary ?? ''} onChange={(event) => set({ clinicalSummary: event.target.value })} />
          </div>
        </section>

        <section className="card" aria-labelledby="treatments-heading">
          <h2 id="treatments-heading">Treatments tried</h2>
          {treatments.length === 0 && <p className="muted">None recorded yet.</p>}
          {treatments.map((treatment, index) => {
            const update = (patch: Partial<typeof treatment>) =>
              set({ treatments: treatments.map((t, i) => (i === index ? { ...t, ...patch } : t)) });
            return (
              <div className="treatment-row" key={index} role="group" aria-label={`Treatment ${index + 1}`}>
                <label>
                  <span className="visually-hidden">Treatment {index + 1}</span>
                  <select value={treatment.treatment} onChange={(event) => update({ treatment: event.target.value as typeof treatment.treatment })}>
                    {TREATMENTS.map((t) => (
                      <option key={t} value={t}>
                        {TREATMENT_LABELS[t]}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="treatment-row__detail">
                  <span className="visually-hidden">Dose or detail for treatment {index + 1}</span>
                  <input type="text" placeholder="Dose or detail, e.g. 10 mg three times daily" value={treatment.detail ?? ''} onChange={(event) => update({ detail: event.target.value })} />
                </label>
                <label>
                  <span className="visually-hidden">Response to treatment {index + 1}</span>
                  <select value={treatment.response} onChange={(event) => update({ response: event.target.value as typeof treatment.response })}>
                    {TREATMENT_RESPONSES.map((r) => (
                      <option key={r} value={r}>
                        {TREATMENT_RESPONSE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="button" className="button button--small button--quiet" onClick={() => set({ treatments: treatments.filter((_, i) => i !== index) })}>
                  Remove<span className="visually-hidden"> treatment {index + 1}</span>
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className="button button--small"
            onClick={() => set({ treatments: [...treatments, { treatment: 'baclofen', detail: '', response: 'partial' }] })}
          >
            Add a treatment
          </button>
        </section>

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
