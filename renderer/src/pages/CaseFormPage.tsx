import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { transferCaseSchema, type TransferCaseDetails } from '../../../shared/transfer-case';
import { useCall, useCallMutation } from '../calls/cache';
import { messagesByPath } from '../forms/field-errors';
import { showHostProblems } from '../forms/host-problems';
import { useSession } from '../session';
import { ClinicalPicture } from './case-form/ClinicalPicture';
import { emptyCaseForm, transferRecordOf, type CaseForm } from './case-form/CaseFormState';
import { FamilyFields } from './case-form/FamilyFields';
import { FunctionalStatusFields } from './case-form/FunctionalStatusFields';
import { PatientFields } from './case-form/PatientFields';
import { ReferralFields } from './case-form/ReferralFields';
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
const CASE_FIELDS = Object.keys(transferCaseSchema.shape);
const NOT_SAVED = 'The case was not saved. Correct what is listed here, beside each field, and save again.';

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
  const createCase = useCallMutation('createCase');
  const updateCase = useCallMutation('updateCase');
  // The same schema the host checks the case with: a case it would refuse is not sent.
  const form = useForm<CaseForm, unknown, TransferCaseDetails>({
    resolver: zodResolver(transferCaseSchema),
    // Every part present, so each input starts from its stored value.
    defaultValues: { ...initial, transfer: transferRecordOf(initial) },
  });
  const {
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = form;
  const [formError, setFormError] = useState<string | null>(null);

  // A problem named for a part of the case that has no field of its own is listed in the banner, so it is never silent.
  const elsewhere = [...new Set(messagesByPath(errors).filter(([field]) => !FIELDS_WITH_MESSAGES.some((prefix) => field.startsWith(prefix))).map(([, message]) => message))];

  const submit = handleSubmit(
    async (details) => {
      setFormError(null);
      try {
        const saved = editingId ? await updateCase.mutateAsync({ caseId: editingId, details }) : await createCase.mutateAsync(details);
        navigate(`/cases/${saved.id}`);
      } catch (failure) {
        // What was typed stays; the host's messages go beside the fields it names.
        const unplaced = showHostProblems(failure, setError, CASE_FIELDS, editingId ? 'details.' : '');
        setFormError(unplaced === null ? NOT_SAVED : unplaced);
      }
    },
    () => setFormError(NOT_SAVED),
  );

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/cases">Transfer cases</Link> <span aria-hidden="true">›</span> <span>{editingId ? 'Edit case' : 'New case'}</span>
      </nav>
      <header className="page-header">
        <h1>{editingId ? 'Edit transfer case' : 'New transfer case'}</h1>
      </header>
      <FormProvider {...form}>
        <form onSubmit={(event) => void submit(event)} noValidate>
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
          <PatientFields />
          <ClinicalPicture />
          <FunctionalStatusFields />
          <TreatmentRows />
          <UrgencyOverrideFields />
          <TransferRecordFields />
          <FamilyFields />
          <ReferralFields />

          <div className="actions">
            <button type="submit" className="button button--primary" disabled={isSubmitting}>
              {isSubmitting ? 'Saving…' : editingId ? 'Save case' : 'Create case'}
            </button>
            <Link className="button" to={editingId ? `/cases/${editingId}` : '/cases'}>
              Cancel
            </Link>
          </div>
        </form>
      </FormProvider>
    </>
  );
}
