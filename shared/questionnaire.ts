/**
 * The transfer questions as data. Wording is ours, paraphrasing the clinical source; an
 * assessment stores the version it was answered under so old answers stay readable.
 */
export const CAPABILITY_IDS = ['plasmapheresis', 'ivig', 'rehab_therapy', 'psychiatry', 'neuro_icu', 'rehab_center'] as const;
export type CapabilityId = (typeof CAPABILITY_IDS)[number];

export const CAPABILITY_STATUSES = ['on_site', 'via_partner', 'not_available', 'unknown'] as const;
export type CapabilityStatus = (typeof CAPABILITY_STATUSES)[number];

export const CAPABILITY_STATUS_LABELS: Record<CapabilityStatus, string> = {
  on_site: 'On site',
  via_partner: 'Through a partner',
  not_available: 'Not available',
  unknown: 'Unknown',
};

export const CAPABILITY_STATUS_DESCRIPTIONS: Record<CapabilityStatus, string> = {
  on_site: 'Regularly available at this facility.',
  via_partner: 'Available through the health system, a network or an agreement, but not regularly here.',
  not_available: 'Not available here or through a partner.',
  unknown: 'Not yet confirmed with the people who would provide it.',
};

/** A yes/no detail; `favourable` says which answer counts in the facility's favour. */
export interface YesNoDetail {
  id: string;
  kind: 'yes_no';
  label: string;
  favourable: 'yes' | 'no';
}

export interface DaysDetail {
  id: string;
  kind: 'days';
  label: string;
}

export type DetailQuestion = YesNoDetail | DaysDetail;

export interface CapabilityQuestion {
  id: CapabilityId;
  /** Where it stands among the source's five questions: 1a, 1b, 2 … 5. */
  number: string;
  /** Short name used in tables, verdicts and letters. */
  name: string;
  question: string;
  /** Why it matters for a patient with SPS, in plain words. */
  why: string;
  details: DetailQuestion[];
}

export interface Questionnaire {
  id: 'sps-transfer';
  version: number;
  title: string;
  capabilities: CapabilityQuestion[];
}

export const VERIFICATION_METHODS = ['phone', 'site_visit', 'document', 'email', 'meeting'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];
export const VERIFICATION_METHOD_LABELS: Record<VerificationMethod, string> = {
  phone: 'Phone call',
  site_visit: 'Site visit',
  document: 'Document or policy',
  email: 'Email',
  meeting: 'Meeting',
};

export const CLINICAL_SOURCE = {
  title: 'Stiff Person Syndrome Treatment & Management',
  authors: 'Nancy Theresa Rodgers-Neame, MD; chief editor Nicholas Lorenzo, MD',
  updated: '2023-09-06',
  summary:
    'A clinical review of how Stiff Person Syndrome is treated, closing with five questions that tell a ' +
    'physician when a patient has outgrown what a facility can offer and should move to a tertiary or ' +
    'university center.',
};

const SPS_TRANSFER_V1: Questionnaire = {
  id: 'sps-transfer',
  version: 1,
  title: 'SPS transfer questions',
  capabilities: [
    {
      id: 'plasmapheresis',
      number: '1a',
      name: 'Plasma exchange',
      question: 'Can this facility provide therapeutic plasma exchange (plasmapheresis) on a regular basis?',
      why:
        'Plasma exchange has helped some people with SPS. A course is usually five sessions, one every ' +
        'other day, run by the blood bank team, and it can cause low blood pressure, bleeding, heart ' +
        'rhythm problems or infection, so the team must be ready to handle those.',
      details: [
        { id: 'onSiteService', kind: 'yes_no', label: 'An apheresis service works on site', favourable: 'yes' },
        { id: 'daysToStart', kind: 'days', label: 'Days until a series can usually start' },
        { id: 'fiveExchangeSeries', kind: 'yes_no', label: 'Can run a five-exchange series, every other day', favourable: 'yes' },
        { id: 'bloodBankDirected', kind: 'yes_no', label: 'Directed by blood bank or transfusion medicine', favourable: 'yes' },
        {
          id: 'managesComplications',
          kind: 'yes_no',
          label: 'Ready for low blood pressure, bleeding, arrhythmia and infection',
          favourable: 'yes',
        },
      ],
    },
    {
      id: 'ivig',
      number: '1b',
      name: 'IVIG',
      question: 'Is intravenous immunoglobulin (IVIG) available on a regular basis?',
      why:
        'IVIG is given in hospital for SPS, typically 2 g/kg spread over two to five days, and courses may ' +
        'continue after discharge. It must not be given to people with IgA deficiency, so IgA should be ' +
        'checked before the first dose.',
      details: [
        { id: 'onFormulary', kind: 'yes_no', label: 'Stocked or on the formulary', favourable: 'yes' },
        { id: 'inpatientCourse', kind: 'yes_no', label: 'Can give 2 g/kg over 2–5 days to inpatients', favourable: 'yes' },
        { id: 'continuesAfterDischarge', kind: 'yes_no', label: 'Can continue infusions after discharge', favourable: 'yes' },
        { id: 'igaTesting', kind: 'yes_no', label: 'Tests IgA levels before the first dose', favourable: 'yes' },
      ],
    },
    {
      id: 'rehab_therapy',
      number: '2',
      name: 'Rehab-grade PT and OT',
      question: 'Does the facility offer physical and occupational therapy at rehabilitation grade?',
      why:
        'Therapy is central to recovery. Treatment can leave patients feeling weak, which often improves ' +
        'with therapy, and many struggle with voluntary movement and fine motor skills.',
      details: [
        { id: 'inpatientPt', kind: 'yes_no', label: 'Inpatient physical therapy', favourable: 'yes' },
        { id: 'inpatientOt', kind: 'yes_no', label: 'Inpatient occupational therapy', favourable: 'yes' },
        { id: 'rehabGrade', kind: 'yes_no', label: 'Rehabilitation grade, not only general therapy', favourable: 'yes' },
        { id: 'fineMotorWork', kind: 'yes_no', label: 'Works on fine motor skills and voluntary movement', favourable: 'yes' },
      ],
    },
    {
      id: 'psychiatry',
      number: '3',
      name: 'Psychiatric consultation',
      question: 'Is there strong inpatient psychiatric consultation for people with chronic illness?',
      why:
        'Depression and anxiety are common in SPS, and the anxiety can come from the disease itself ' +
        '(antibodies against GAD in the brain). A psychiatrist who knows chronic illness helps far more ' +
        'than one called mainly for sedation or behaviour problems.',
      details: [
        { id: 'consultAvailable', kind: 'yes_no', label: 'Inpatient psychiatric consults available', favourable: 'yes' },
        { id: 'chronicDiseaseExperience', kind: 'yes_no', label: 'Experienced with chronic neurological disease', favourable: 'yes' },
        {
          id: 'mostlyRestraintCalls',
          kind: 'yes_no',
          label: 'Called mostly for chemical restraint or behaviour problems',
          favourable: 'no',
        },
        { id: 'gadAntibodyAware', kind: 'yes_no', label: 'Aware that anxiety can stem from GAD antibodies', favourable: 'yes' },
      ],
    },
    {
      id: 'neuro_icu',
      number: '4',
      name: 'Neurologic ICU',
      question: 'Is there an intensive care unit that is used for neurologic acute care?',
      why:
        'Severe spasms, breathing trouble or a failing baclofen pump can become emergencies; deaths have ' +
        'been reported after pump failure. An ICU that mainly handles heart, lung and end-of-life care may ' +
        'not be ready for them.',
      details: [
        { id: 'neuroCoverage', kind: 'yes_no', label: 'Neurology or neurocritical care covers the ICU', favourable: 'yes' },
        {
          id: 'mostlyCardiacRespiratory',
          kind: 'yes_no',
          label: 'ICU mostly does cardiac, respiratory or end-of-life care',
          favourable: 'no',
        },
        {
          id: 'baclofenPumpFailure',
          kind: 'yes_no',
          label: 'Can manage intrathecal baclofen pump failure and withdrawal',
          favourable: 'yes',
        },
        { id: 'neurosurgeryOnCall', kind: 'yes_no', label: 'Neurosurgery on call', favourable: 'yes' },
      ],
    },
    {
      id: 'rehab_center',
      number: '5',
      name: 'Rehabilitation center',
      question: 'Is there an associated rehabilitation center that takes unusual diseases?',
      why:
        'After the acute phase many patients need inpatient rehabilitation, and a center with physiatrists ' +
        'interested in rare conditions is far more likely to accept and help someone with SPS.',
      details: [
        { id: 'affiliatedFacility', kind: 'yes_no', label: 'Affiliated inpatient rehabilitation facility', favourable: 'yes' },
        { id: 'acceptsRareDisease', kind: 'yes_no', label: 'Accepts patients with rare neurological disease', favourable: 'yes' },
        { id: 'interestedPhysiatrists', kind: 'yes_no', label: 'Physiatrists interested in unusual diseases', favourable: 'yes' },
      ],
    },
  ],
};

export const QUESTIONNAIRES: Readonly<Record<number, Questionnaire>> = { 1: SPS_TRANSFER_V1 };
export const CURRENT_QUESTIONNAIRE = SPS_TRANSFER_V1;

export function questionnaireVersion(version: number): Questionnaire {
  const questionnaire = QUESTIONNAIRES[version];
  if (!questionnaire) throw new Error(`Unknown sps-transfer questionnaire version ${version}`);
  return questionnaire;
}

export function capabilityQuestion(questionnaire: Questionnaire, id: CapabilityId): CapabilityQuestion {
  const question = questionnaire.capabilities.find((capability) => capability.id === id);
  if (!question) throw new Error(`Questionnaire ${questionnaire.version} has no capability ${id}`);
  return question;
}
