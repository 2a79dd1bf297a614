import type { TransferCaseInput } from '../../../../shared/transfer-case';
import { EMPTY_TRANSFER_RECORD, type TransferRecord } from '../../../../shared/transfer-record';

/** The case as the form holds it while someone types (react-hook-form's values): possibly incomplete, never thrown away. */
export type CaseForm = TransferCaseInput & { referringFacilityId: number };

export function emptyCaseForm(physicianName: string): CaseForm {
  return {
    patient: { name: '', dateOfBirth: '', mrn: '', insurer: '', memberId: '' },
    guardian: { name: '', relationship: '' },
    gad65: 'positive',
    otherAntibodies: [],
    stage: 'progressive',
    flags: [],
    treatments: [],
    clinicalSummary: '',
    referringFacilityId: 0,
    physician: { name: physicianName, credentials: '', npi: '', phone: '' },
    needOverrides: [],
    plasmaExchangeWithinDays: null,
    urgencyOverride: null,
    stayDecision: null,
    secondaryDiagnoses: [],
    functionalStatus: { fallsLastMonth: null, walkingAid: null, stiffness: '' },
    transferReason: '',
    familyContact: { name: '', phone: '' },
    preferredLanguage: 'en',
    transfer: EMPTY_TRANSFER_RECORD,
  };
}

/** The transfer record with every part present, whatever the form has been given so far. */
export function transferRecordOf(form: CaseForm): TransferRecord {
  const record = form.transfer ?? {};
  const empty = EMPTY_TRANSFER_RECORD;
  return {
    stabilized: record.stabilized ?? empty.stabilized,
    emtalaCertification: { ...empty.emtalaCertification, ...record.emtalaCertification },
    acceptance: { ...empty.acceptance, ...record.acceptance },
    transport: { ...empty.transport, ...record.transport },
    medications: {
      ...empty.medications,
      ...record.medications,
      pump: { ...empty.medications.pump, ...record.medications?.pump },
    },
  };
}
