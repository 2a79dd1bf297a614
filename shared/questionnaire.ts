import type { ClinicalReferenceId } from './clinical-sources';

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

/**
 * What about a patient makes a detail decide whether a capability counts for them. `always`: for
 * every patient who needs the capability; otherwise only for a patient with one of the conditions.
 */
export const CASE_CONDITIONS = [
  'always',
  'inpatient',
  'baclofenPump',
  'intrathecalBaclofenWithdrawalRisk',
  'gad65Positive',
] as const;
export type CaseCondition = (typeof CASE_CONDITIONS)[number];

export interface DetailRequirement {
  /** The patients for whom this detail decides the capability. */
  when: readonly CaseCondition[];
  /** Why, in words that complete "Needed because …", and where that comes from. */
  because: string;
  source: ClinicalReferenceId;
}

/** A yes/no detail; `favourable` says which answer counts in the facility's favour. */
export interface YesNoDetail {
  id: string;
  kind: 'yes_no';
  label: string;
  favourable: 'yes' | 'no';
  requirement?: DetailRequirement;
}

/**
 * Days until a service can start: it counts when it is no more than the days the patient can
 * wait (set on the case, or `DEFAULT_START_WITHIN_DAYS`).
 */
export interface DaysDetail {
  id: string;
  kind: 'days';
  label: string;
  requirement?: DetailRequirement;
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
  /** Where `why` comes from. */
  source: ClinicalReferenceId;
}

export interface Questionnaire {
  id: 'sps-transfer';
  version: number;
  title: string;
  capabilities: CapabilityQuestion[];
}

/**
 * How soon a plasma-exchange series must be able to start when the case does not say: a rule of
 * this app (the source gives no figure), shown beside every result it decides.
 */
export const DEFAULT_START_WITHIN_DAYS = 7;

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

const ALWAYS = ['always'] as const;

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
        'Plasma exchange has helped some people with SPS. A usual course is five sessions, one every ' +
        'other day, set up by the pathologist who runs the blood bank, and it can cause low blood pressure, ' +
        'bleeding, heart rhythm problems or infection, so the team must be ready to handle those.',
      source: 'seed',
      details: [
        { id: 'onSiteService', kind: 'yes_no', label: 'An apheresis service works on site', favourable: 'yes' },
        {
          id: 'daysToStart',
          kind: 'days',
          label: 'Days until a series can usually start',
          requirement: { when: ALWAYS, because: 'the series must start within the days the patient can wait', source: 'stageRule' },
        },
        {
          id: 'fiveExchangeSeries',
          kind: 'yes_no',
          label: 'Can run a five-exchange series, every other day',
          favourable: 'yes',
          requirement: { when: ALWAYS, because: 'five exchanges every other day is the standard series', source: 'seed' },
        },
        { id: 'bloodBankDirected', kind: 'yes_no', label: 'Directed by blood bank or transfusion medicine', favourable: 'yes' },
        {
          id: 'managesComplications',
          kind: 'yes_no',
          label: 'Ready for low blood pressure, bleeding, arrhythmia and infection',
          favourable: 'yes',
          requirement: { when: ALWAYS, because: 'these are the known harms of plasma exchange', source: 'seed' },
        },
      ],
    },
    {
      id: 'ivig',
      number: '1b',
      name: 'IVIG',
      question: 'Is intravenous immunoglobulin (IVIG) available on a regular basis?',
      why:
        'IVIG has also been used in hospital for SPS, usually 2 g/kg spread over two to five days, and ' +
        'courses may continue after discharge. The source warns against IVIG in IgA deficiency; current ' +
        'labeling limits that to IgA deficiency with antibodies against IgA and a past reaction, so IgA ' +
        'should be checked before the first dose.',
      source: 'seed',
      details: [
        {
          id: 'onFormulary',
          kind: 'yes_no',
          label: 'Stocked or on the formulary',
          favourable: 'yes',
          requirement: { when: ALWAYS, because: 'IVIG must be on hand to be given regularly', source: 'seed' },
        },
        {
          id: 'inpatientCourse',
          kind: 'yes_no',
          label: 'Can give 2 g/kg over 2–5 days to inpatients',
          favourable: 'yes',
          requirement: { when: ['inpatient'], because: 'an inpatient course is 2 g/kg over 2–5 days', source: 'seed' },
        },
        { id: 'continuesAfterDischarge', kind: 'yes_no', label: 'Can continue infusions after discharge', favourable: 'yes' },
        {
          id: 'igaTesting',
          kind: 'yes_no',
          label: 'Tests IgA levels before the first dose',
          favourable: 'yes',
          requirement: { when: ALWAYS, because: 'IgA deficiency must be ruled out before the first dose', source: 'ivigLabeling' },
        },
      ],
    },
    {
      id: 'rehab_therapy',
      number: '2',
      name: 'Rehab-grade PT and OT',
      question: 'Does the facility offer physical and occupational therapy at rehabilitation grade?',
      why:
        'Therapy is central to recovery. Treatment can leave patients feeling weak, which often improves ' +
        'with therapy, and many struggle with voluntary movement and fine motor skills. Activity and ' +
        'exercise can also bring on spasms, so therapists must know the disease.',
      source: 'seed',
      details: [
        {
          id: 'inpatientPt',
          kind: 'yes_no',
          label: 'Inpatient physical therapy',
          favourable: 'yes',
          requirement: { when: ALWAYS, because: 'physical therapy is critical to recovery', source: 'seed' },
        },
        {
          id: 'inpatientOt',
          kind: 'yes_no',
          label: 'Inpatient occupational therapy',
          favourable: 'yes',
          requirement: { when: ALWAYS, because: 'occupational therapy is critical to recovery', source: 'seed' },
        },
        {
          id: 'rehabGrade',
          kind: 'yes_no',
          label: 'Rehabilitation grade, not only general therapy',
          favourable: 'yes',
          requirement: { when: ALWAYS, because: 'the source asks for rehabilitation-grade therapy', source: 'seed' },
        },
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
        '(antibodies against GAD in the brain and spinal cord). The source asks for a psychiatrist with ' +
        'knowledge of and interest in chronic disease, rather than one consulted mostly for chemical ' +
        'restraint or behaviour problems.',
      source: 'seed',
      details: [
        {
          id: 'consultAvailable',
          kind: 'yes_no',
          label: 'Inpatient psychiatric consults available',
          favourable: 'yes',
          requirement: { when: ALWAYS, because: 'the patient needs an inpatient psychiatric consultation', source: 'seed' },
        },
        {
          id: 'chronicDiseaseExperience',
          kind: 'yes_no',
          label: 'Experienced with chronic neurological disease',
          favourable: 'yes',
          requirement: { when: ALWAYS, because: 'the source asks for psychiatrists who know chronic disease', source: 'seed' },
        },
        {
          id: 'mostlyRestraintCalls',
          kind: 'yes_no',
          label: 'Called mostly for chemical restraint or behaviour problems',
          favourable: 'no',
          requirement: { when: ALWAYS, because: 'a service called mostly for restraint does not meet the source’s test', source: 'seed' },
        },
        {
          id: 'gadAntibodyAware',
          kind: 'yes_no',
          label: 'Aware that anxiety can stem from GAD antibodies',
          favourable: 'yes',
          requirement: { when: ['gad65Positive'], because: 'the anxiety of an anti-GAD65-positive patient can come from the antibodies', source: 'seed' },
        },
      ],
    },
    {
      id: 'neuro_icu',
      number: '4',
      name: 'Neurologic ICU',
      question: 'Is there an intensive care unit that is used for neurologic acute care?',
      why:
        'Severe spasms, breathing trouble or a failing baclofen pump can become emergencies; deaths have ' +
        'been reported after pump failure. The source asks whether the ICU is used for neurologic acute ' +
        'care, or mostly for cardiac, respiratory and end-of-life care.',
      source: 'seed',
      details: [
        {
          id: 'neuroCoverage',
          kind: 'yes_no',
          label: 'Neurology or neurocritical care covers the ICU',
          favourable: 'yes',
          requirement: { when: ALWAYS, because: 'a neurologic ICU needs neurologic cover', source: 'seed' },
        },
        {
          id: 'mostlyCardiacRespiratory',
          kind: 'yes_no',
          label: 'ICU mostly does cardiac, respiratory or end-of-life care',
          favourable: 'no',
          requirement: { when: ALWAYS, because: 'an ICU used mostly for cardiac, respiratory or end-of-life care is not a neurologic ICU', source: 'seed' },
        },
        {
          id: 'baclofenPumpFailure',
          kind: 'yes_no',
          label: 'Can manage intrathecal baclofen pump failure and withdrawal',
          favourable: 'yes',
          requirement: {
            when: ['baclofenPump', 'intrathecalBaclofenWithdrawalRisk'],
            because: 'pump failure and baclofen withdrawal can be fatal',
            source: 'intrathecalBaclofenLabeling',
          },
        },
        {
          id: 'neurosurgeryOnCall',
          kind: 'yes_no',
          label: 'Neurosurgery on call',
          favourable: 'yes',
          requirement: { when: ['baclofenPump'], because: 'a failing pump or catheter may need the neurosurgeon', source: 'seed' },
        },
      ],
    },
    {
      id: 'rehab_center',
      number: '5',
      name: 'Rehabilitation center',
      question: 'Is there an associated rehabilitation center that takes unusual diseases?',
      why:
        'After the acute phase many patients need inpatient rehabilitation; the source asks for a center ' +
        'able to handle unusual diseases, with physiatrists interested in them.',
      source: 'seed',
      details: [
        {
          id: 'affiliatedFacility',
          kind: 'yes_no',
          label: 'Affiliated inpatient rehabilitation facility',
          favourable: 'yes',
          requirement: { when: ALWAYS, because: 'the source asks for an associated rehabilitation center', source: 'seed' },
        },
        {
          id: 'acceptsRareDisease',
          kind: 'yes_no',
          label: 'Accepts patients with rare neurological disease',
          favourable: 'yes',
          requirement: { when: ALWAYS, because: 'the center must handle unusual diseases', source: 'seed' },
        },
        {
          id: 'interestedPhysiatrists',
          kind: 'yes_no',
          label: 'Physiatrists interested in unusual diseases',
          favourable: 'yes',
          requirement: { when: ALWAYS, because: 'the source asks for physiatrists interested in unusual diseases', source: 'seed' },
        },
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
