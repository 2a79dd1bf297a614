import { useFormContext } from 'react-hook-form';
import { TextField } from '../../components/TextField';
import { messageAt } from '../../forms/field-errors';
import type { CaseForm } from './CaseFormState';
import { GuardianFields } from './GuardianFields';

/** Who the patient is, as the insurer letter's "Re" block names them, and who decides for a minor. */
export function PatientFields() {
  const {
    register,
    formState: { errors },
  } = useFormContext<CaseForm>();
  const field = (name: 'name' | 'dateOfBirth' | 'mrn' | 'insurer' | 'memberId', label: string, extra: Record<string, unknown> = {}) => (
    <TextField label={label} error={messageAt(errors, `patient.${name}`)} {...extra} {...register(`patient.${name}`)} />
  );
  return (
    <section className="card form-grid" aria-labelledby="patient-heading">
      <h2 id="patient-heading" className="form-grid__wide">
        Patient
      </h2>
      {field('name', 'Full name', { autoComplete: 'off' })}
      {field('dateOfBirth', 'Date of birth', { type: 'date' })}
      {field('mrn', 'Medical record number (MRN)', { autoComplete: 'off' })}
      {field('insurer', 'Insurer')}
      {field('memberId', 'Member ID', { autoComplete: 'off' })}
      <GuardianFields />
    </section>
  );
}
