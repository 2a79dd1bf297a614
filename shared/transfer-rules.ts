import type { CapabilityProfile, ProfileCapability } from './assessment';
import type { IsoDate } from './calendar';
import {
  ANY_PATIENT,
  assessCapability,
  capabilityName,
  describeJudgement,
  judgeCapability,
  type CapabilityJudgement,
  type PartnerLookup,
  type PatientContext,
} from './capability-judgement';
import type { ClinicalReferenceId } from './clinical-sources';
import { distanceBetween, type Distance, type Location } from './geography';
import { CAPABILITY_IDS, DEFAULT_START_WITHIN_DAYS, type CapabilityId, type CaseCondition } from './questionnaire';
import { inSentence } from './sentence-case';
import {
  ADULT_AGE,
  ageInYears,
  hasFlag,
  URGENCY_LABELS,
  type ClinicalFlag,
  type StayDecision,
  type TransferCaseDetails,
  type Urgency,
  type UrgencyOverride,
} from './transfer-case';

const nameInSentence = (id: CapabilityId) => inSentence(capabilityName(id));

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What the rules read from a case. */
export type CaseFacts = Pick<
  TransferCaseDetails,
  'stage' | 'flags' | 'needOverrides' | 'gad65' | 'otherAntibodies' | 'plasmaExchangeWithinDays' | 'urgencyOverride' | 'stayDecision'
> & { patient: Pick<TransferCaseDetails['patient'], 'dateOfBirth'>; guardian: TransferCaseDetails['guardian'] };

/* ---------------- 1. needs and alerts ---------------- */

export interface NeedReason {
  text: string;
  source: ClinicalReferenceId;
}

export interface Need {
  capabilityId: CapabilityId;
  reasons: string[];
  /** Where each reason comes from, in the same order. */
  sources: ClinicalReferenceId[];
  /** Derived from the clinical flags, or added by the physician. */
  source: 'derived' | 'added';
}

/** Something the physician must see beside the needs: a conflict, a danger, a work-up the six capabilities do not cover. */
export interface CaseAlert {
  id: string;
  severity: 'danger' | 'warning' | 'info';
  text: string;
  sources: ClinicalReferenceId[];
}

export interface NeedsResult {
  needs: Need[];
  removed: { capabilityId: CapabilityId; reason: string }[];
  alerts: CaseAlert[];
  /** The alerts' texts that a payer must read (danger and warning), for the insurer letter. */
  warnings: string[];
}

const NEED_RULES: { when: (facts: CaseFacts) => boolean; capabilityId: CapabilityId; text: string; source: ClinicalReferenceId }[] = [
  { when: (f) => hasFlag(f, 'plannedIvig'), capabilityId: 'ivig', text: 'An IVIG course is planned.', source: 'seed' },
  { when: (f) => hasFlag(f, 'plannedPlasmaExchange'), capabilityId: 'plasmapheresis', text: 'Plasma exchange is planned.', source: 'seed' },
  {
    when: (f) => hasFlag(f, 'inpatientAdmission') || f.stage === 'acute',
    capabilityId: 'rehab_therapy',
    text: 'Inpatient treatment calls for rehabilitation-grade physical and occupational therapy.',
    source: 'seed',
  },
  { when: (f) => hasFlag(f, 'prominentAnxietyOrDepression'), capabilityId: 'psychiatry', text: 'Anxiety or depression is prominent.', source: 'seed' },
  { when: (f) => hasFlag(f, 'suicidality'), capabilityId: 'psychiatry', text: 'Suicidal thoughts or behaviour need urgent psychiatric care.', source: 'suicideRisk' },
  {
    when: (f) => f.stage === 'acute',
    capabilityId: 'neuro_icu',
    text: 'The disease is in an acute stage, when spasms can become an emergency.',
    source: 'stageRule',
  },
  {
    when: (f) => hasFlag(f, 'baclofenPump'),
    capabilityId: 'neuro_icu',
    text: 'An intrathecal baclofen pump is in place; deaths have been reported after pump failure.',
    source: 'seed',
  },
  {
    when: (f) => hasFlag(f, 'pumpFailureSuspected'),
    capabilityId: 'neuro_icu',
    text: 'Pump failure or baclofen withdrawal is suspected.',
    source: 'intrathecalBaclofenLabeling',
  },
  { when: (f) => hasFlag(f, 'severeSpasmsOrFalls'), capabilityId: 'neuro_icu', text: 'Spasms or falls are severe.', source: 'stageRule' },
  { when: (f) => hasFlag(f, 'statusSpasticus'), capabilityId: 'neuro_icu', text: 'Spasms are continuous (status spasticus).', source: 'stageRule' },
  { when: (f) => hasFlag(f, 'breathingInvolvement'), capabilityId: 'neuro_icu', text: 'Breathing is involved.', source: 'glycineReceptor' },
  {
    when: (f) => hasFlag(f, 'benzodiazepineWithdrawalRisk'),
    capabilityId: 'neuro_icu',
    text: 'A high benzodiazepine dose carries a risk of dangerous withdrawal if it is interrupted.',
    source: 'benzodiazepineBoxedWarning',
  },
  {
    when: (f) => hasFlag(f, 'baclofenWithdrawalRisk'),
    capabilityId: 'neuro_icu',
    text: 'A high baclofen dose carries a risk of dangerous withdrawal if it is interrupted.',
    source: 'intrathecalBaclofenLabeling',
  },
  {
    when: (f) => f.otherAntibodies.includes('glycine_receptor'),
    capabilityId: 'neuro_icu',
    text: 'Glycine receptor antibodies (PERM) bring brainstem, autonomic and breathing involvement.',
    source: 'glycineReceptor',
  },
  { when: (f) => hasFlag(f, 'lastingDisability'), capabilityId: 'rehab_center', text: 'Lasting disability is expected after the acute phase.', source: 'seed' },
];

function caseAlerts(facts: CaseFacts, needIds: Set<CapabilityId>, today: IsoDate): CaseAlert[] {
  const alerts: CaseAlert[] = [];
  const alert = (id: string, severity: CaseAlert['severity'], text: string, ...sources: ClinicalReferenceId[]) => alerts.push({ id, severity, text, sources });
  if (hasFlag(facts, 'pumpFailureSuspected')) {
    alert(
      'pump-failure',
      'danger',
      'Suspected baclofen pump failure or withdrawal is an emergency: withdrawal can bring high fever, confusion, rebound rigidity, muscle breakdown and death. Restore baclofen without delay and involve the team that manages the pump.',
      'intrathecalBaclofenLabeling',
      'seed',
    );
  }
  if (hasFlag(facts, 'breathingInvolvement')) {
    alert('breathing', 'danger', 'Breathing involvement can progress to respiratory failure: the patient needs intensive-care monitoring.', 'glycineReceptor');
  }
  if (hasFlag(facts, 'statusSpasticus')) {
    alert('status-spasticus', 'danger', 'Continuous spasms (status spasticus) need intensive care; this app treats them as an emergency.', 'stageRule');
  }
  if (hasFlag(facts, 'suicidality')) {
    alert(
      'suicidality',
      'danger',
      'Suicide risk: keep the patient in a safe setting under your facility’s observation policy, get psychiatry the same day, and send any transfer with an escort.',
      'suicideRisk',
    );
  }
  if (hasFlag(facts, 'benzodiazepineWithdrawalRisk')) {
    alert(
      'benzodiazepine-withdrawal',
      'danger',
      'Do not interrupt the benzodiazepine, in transit or on arrival: stopping abruptly can cause life-threatening withdrawal, including seizures.',
      'benzodiazepineBoxedWarning',
    );
  }
  if (hasFlag(facts, 'baclofenWithdrawalRisk')) {
    alert(
      'baclofen-withdrawal',
      'danger',
      hasFlag(facts, 'baclofenPump')
        ? 'Do not interrupt baclofen: check the pump’s reservoir, next refill date and alarms before any move, and send the pump details with the patient.'
        : 'Do not interrupt oral baclofen: send enough doses for the journey and the first day, and give them on time.',
      'intrathecalBaclofenLabeling',
    );
  }
  if (hasFlag(facts, 'igaDeficiency') && needIds.has('ivig')) {
    alert(
      'iga-ivig',
      'warning',
      'IgA deficiency with IVIG planned: the source review contraindicates IVIG in IgA deficiency, and current labeling does so when there are antibodies against IgA and a history of hypersensitivity. Check anti-IgA antibodies and any prior reaction; consider a low-IgA product or plasma exchange. The IVIG need stays until you remove it.',
      'seed',
      'ivigLabeling',
    );
  }
  const age = ageInYears(facts.patient.dateOfBirth, today);
  if (age !== null && age < ADULT_AGE) {
    alert(
      'minor',
      'warning',
      `The patient is ${age} year${age === 1 ? '' : 's'} old: choose a receiving center that admits children, and address the family letter to the parent or guardian${facts.guardian.name.trim() ? '' : ' (record their name and relationship on the case)'}.`,
      'pediatricConsent',
    );
  }
  if (hasFlag(facts, 'pregnancyOrPostpartum')) {
    alert(
      'pregnancy',
      'warning',
      'Pregnant or postpartum: review benzodiazepine and baclofen doses with obstetrics, choose a center with obstetric care, and have the newborn watched for sedation and withdrawal.',
      'pregnancyLabeling',
    );
  }
  if (facts.otherAntibodies.includes('amphiphysin')) {
    alert(
      'amphiphysin',
      'warning',
      'Amphiphysin antibodies point to a paraneoplastic cause: arrange a cancer work-up (most often breast or small-cell lung cancer) with oncology; this is not one of the six assessed capabilities, so confirm it with the receiving center.',
      'amphiphysin',
    );
  }
  if (facts.otherAntibodies.includes('glycine_receptor')) {
    alert(
      'glycine-receptor',
      'warning',
      'Glycine receptor antibodies (PERM): watch for brainstem signs, autonomic instability and breathing trouble.',
      'glycineReceptor',
    );
  }
  if (hasFlag(facts, 'cancerHistory') && !facts.otherAntibodies.includes('amphiphysin')) {
    alert(
      'cancer-history',
      'warning',
      'A history of cancer raises the question of a paraneoplastic cause: test for amphiphysin antibodies and screen for a recurrence.',
      'amphiphysin',
    );
  }
  if (facts.gad65 === 'negative' && facts.otherAntibodies.length === 0) {
    alert(
      'antibody-negative',
      'info',
      'No SPS antibody has been found: the diagnosis rests on the clinical picture and EMG, which an expert center can confirm.',
      'antibodyNegative',
    );
  }
  return alerts;
}

export function deriveNeeds(facts: CaseFacts, today: IsoDate): NeedsResult {
  const reasons = new Map<CapabilityId, NeedReason[]>();
  const need = (id: CapabilityId, reason: NeedReason) => reasons.set(id, [...(reasons.get(id) ?? []), reason]);
  for (const rule of NEED_RULES) if (rule.when(facts)) need(rule.capabilityId, { text: rule.text, source: rule.source });

  const added = new Set<CapabilityId>();
  const removed: NeedsResult['removed'] = [];
  for (const override of facts.needOverrides) {
    if (override.action === 'add') {
      added.add(override.capabilityId);
      need(override.capabilityId, { text: `Added by the physician: ${override.reason}`, source: 'stageRule' });
    } else {
      reasons.delete(override.capabilityId);
      added.delete(override.capabilityId);
      removed.push({ capabilityId: override.capabilityId, reason: override.reason });
    }
  }
  const needs = CAPABILITY_IDS.filter((id) => reasons.has(id)).map((capabilityId): Need => {
    const list = reasons.get(capabilityId)!;
    return {
      capabilityId,
      reasons: list.map((reason) => reason.text),
      sources: list.map((reason) => reason.source),
      source: added.has(capabilityId) && list.length === 1 ? 'added' : 'derived',
    };
  });
  const alerts = caseAlerts(facts, new Set(needs.map((n) => n.capabilityId)), today);
  return { needs, removed, alerts, warnings: alerts.filter((a) => a.severity !== 'info').map((a) => a.text) };
}

/** The case as the questionnaire's detail requirements see it. */
export function patientContext(facts: Pick<CaseFacts, 'stage' | 'flags' | 'gad65' | 'plasmaExchangeWithinDays'>): PatientContext {
  const conditions = new Set<CaseCondition>(['always']);
  // An emergency is treated in hospital whether or not admission is ticked.
  if (hasFlag(facts, 'inpatientAdmission') || hasEmergencyTrigger(facts)) conditions.add('inpatient');
  if (hasFlag(facts, 'baclofenPump')) conditions.add('baclofenPump');
  if (hasFlag(facts, 'pumpFailureSuspected') || (hasFlag(facts, 'baclofenWithdrawalRisk') && hasFlag(facts, 'baclofenPump'))) {
    conditions.add('intrathecalBaclofenWithdrawalRisk');
  }
  if (facts.gad65 === 'positive') conditions.add('gad65Positive');
  return { conditions, startWithinDays: facts.plasmaExchangeWithinDays ?? DEFAULT_START_WITHIN_DAYS };
}

/* ---------------- 2. urgency ---------------- */

const EMERGENT_FLAGS: readonly ClinicalFlag[] = ['breathingInvolvement', 'statusSpasticus', 'pumpFailureSuspected'];
const URGENT_FLAGS: readonly ClinicalFlag[] = ['severeSpasmsOrFalls', 'suicidality'];
const URGENCY_RANK: Record<Urgency, number> = { elective: 0, urgent: 1, emergent: 2 };

export interface UrgencyResult {
  urgency: Urgency;
  /** What the rules alone say. */
  derived: Urgency;
  reasons: string[];
  /** The physician's setting, when it stands. */
  override: UrgencyOverride | null;
  /** Why the physician's setting could not stand, when it could not. */
  overrideRefused: string | null;
}

/** Acute stage or a life-threatening flag: the case can never be elective, and staying is the physician's call. */
export function hasEmergencyTrigger(facts: Pick<CaseFacts, 'stage' | 'flags'>): boolean {
  return facts.stage === 'acute' || [...EMERGENT_FLAGS, ...URGENT_FLAGS].some((flag) => hasFlag(facts, flag));
}

export function deriveUrgency(facts: Pick<CaseFacts, 'stage' | 'flags' | 'urgencyOverride'>): UrgencyResult {
  const reasons: string[] = [];
  const emergent = EMERGENT_FLAGS.filter((flag) => hasFlag(facts, flag));
  const urgent = URGENT_FLAGS.filter((flag) => hasFlag(facts, flag));
  const phrase: Partial<Record<ClinicalFlag, string>> = {
    breathingInvolvement: 'breathing is involved',
    statusSpasticus: 'spasms are continuous (status spasticus)',
    pumpFailureSuspected: 'baclofen pump failure or withdrawal is suspected',
    severeSpasmsOrFalls: 'spasms or falls are severe',
    suicidality: 'there is a suicide risk',
  };
  let derived: Urgency = 'elective';
  if (emergent.length) {
    derived = 'emergent';
    reasons.push(`Emergent because ${listOf(emergent.map((flag) => phrase[flag]!))}.`);
  }
  if (facts.stage === 'acute' || urgent.length) {
    if (derived === 'elective') derived = 'urgent';
    const why = [...(facts.stage === 'acute' ? ['the disease is in an acute stage'] : []), ...urgent.map((flag) => phrase[flag]!)];
    reasons.push(`${derived === 'urgent' ? 'Urgent' : 'Also urgent'} because ${listOf(why)}.`);
  }
  if (derived === 'elective') reasons.push('Elective: no acute stage and no life-threatening flag is recorded.');

  const override = facts.urgencyOverride;
  if (!override) return { urgency: derived, derived, reasons, override: null, overrideRefused: null };
  if (override.urgency === 'elective' && hasEmergencyTrigger(facts)) {
    return {
      urgency: derived,
      derived,
      reasons,
      override: null,
      overrideRefused: 'Your setting “Elective” was not applied: an acute stage or a life-threatening flag is recorded, so the case is at least urgent. Change the stage or the flags if they are no longer true.',
    };
  }
  const direction = URGENCY_RANK[override.urgency] > URGENCY_RANK[derived] ? 'raised' : override.urgency === derived ? 'confirmed' : 'lowered';
  return {
    urgency: override.urgency,
    derived,
    reasons: [...reasons, `${URGENCY_LABELS[override.urgency]}, ${direction} by the physician: ${override.reason}`],
    override,
    overrideRefused: null,
  };
}

/* ---------------- 3. recommendation ---------------- */

export const RECOMMENDATION_LEVELS = ['outpatient', 'outpatient_referral', 'not_indicated', 'consider', 'recommended'] as const;
export type RecommendationLevel = (typeof RECOMMENDATION_LEVELS)[number];

export const RECOMMENDATION_LABELS: Record<RecommendationLevel, string> = {
  outpatient: 'Outpatient care; no transfer',
  outpatient_referral: 'Refer for outpatient treatment',
  not_indicated: 'Transfer not indicated',
  consider: 'Consider transfer',
  recommended: 'Transfer recommended',
};

/** The heading people read: the level, with the urgency when a move is on the table. */
export function recommendationHeading(recommendation: Pick<Recommendation, 'level' | 'urgency'>): string {
  const label = RECOMMENDATION_LABELS[recommendation.level];
  return recommendation.level === 'recommended' || recommendation.level === 'consider'
    ? `${label} — ${URGENCY_LABELS[recommendation.urgency.urgency].toLowerCase()}`
    : label;
}

export type RecommendationReason = CapabilityJudgement;

export interface Recommendation {
  level: RecommendationLevel;
  urgency: UrgencyResult;
  summary: string;
  reasons: RecommendationReason[];
  /** The physician's decision to keep the patient, when it decided the level. */
  stayDecision: StayDecision | null;
  /** Why a recorded decision to keep the patient was not applied. */
  stayDecisionRefused: string | null;
}

const WHERE_REFERRING = 'at the referring facility';

function isCurrent(judgement: CapabilityJudgement): boolean {
  return judgement.provision === 'provides' && !judgement.stale;
}

export function recommendTransfer(
  facts: CaseFacts,
  needs: Need[],
  referringProfile: CapabilityProfile | null,
  partners?: PartnerLookup,
): Recommendation {
  const urgency = deriveUrgency(facts);
  const context = patientContext(facts);
  const reasons = needs.map((need) => judgeCapability(need.capabilityId, referringProfile, context, WHERE_REFERRING, partners));
  const result = (level: RecommendationLevel, summary: string, shown = reasons): Recommendation => ({
    level,
    urgency,
    summary,
    reasons: shown,
    stayDecision: null,
    stayDecisionRefused: null,
  });

  const gaps = reasons.filter((r) => r.provision === 'gap');
  const unsure = reasons.filter((r) => r.provision !== 'gap' && !isCurrent(r));
  const emergency = hasEmergencyTrigger(facts);
  const inpatient = emergency || hasFlag(facts, 'inpatientAdmission');

  if (facts.stage === 'early' && !inpatient) {
    if (gaps.length === 0 && unsure.length === 0) {
      return result(
        'outpatient',
        needs.length === 0
          ? 'Early-stage SPS without an inpatient need is usually treated well as an outpatient; no transfer is needed.'
          : `Early-stage SPS without an inpatient need: ${listOf(needs.map((n) => nameInSentence(n.capabilityId)))} can be given here as an outpatient; no transfer is needed.`,
      );
    }
    const refer = [...gaps, ...unsure];
    return result(
      'outpatient_referral',
      `Early-stage SPS without an inpatient need: refer for outpatient ${listOf(refer.map((r) => nameInSentence(r.capabilityId)))} at a center that provides ${refer.length === 1 ? 'it' : 'them'}; an inpatient transfer is not needed now.`,
      refer,
    );
  }

  const icu = reasons.find((r) => r.capabilityId === 'neuro_icu') ?? judgeCapability('neuro_icu', referringProfile, context, WHERE_REFERRING, partners);
  let decided: Recommendation;
  if (emergency && !isCurrent(icu)) {
    const urgent = URGENCY_LABELS[urgency.urgency].toLowerCase();
    decided = result(
      'recommended',
      `An ${urgent} transfer is recommended: the patient’s condition can need a neurologic ICU at any moment, and the referring facility has none that is verified on site, current and able to meet this patient’s needs.`,
      [icu, ...reasons.filter((r) => r !== icu && (r.provision === 'gap' || !isCurrent(r)))],
    );
  } else if (gaps.length > 0) {
    decided = result(
      'recommended',
      `The referring facility cannot provide ${listOf(gaps.map((r) => nameInSentence(r.capabilityId)))} as this patient needs ${gaps.length === 1 ? 'it' : 'them'}.`,
      [...gaps, ...unsure],
    );
  } else if (unsure.length > 0) {
    decided = result(
      'consider',
      `At the referring facility, ${listOf(unsure.map((r) => nameInSentence(r.capabilityId)))} ${unsure.length === 1 ? 'is' : 'are'} only available through a partner, unknown, not sure in a detail this patient needs, or not recently verified.`,
      unsure,
    );
  } else if (!referringProfile) {
    decided = result('consider', 'The referring facility has no finalized capability assessment, so whether it can care for this patient is not established.');
  } else if (referringProfile.capabilities.some((capability) => capability.stale)) {
    const stale = referringProfile.capabilities.filter((capability) => capability.stale);
    decided = result(
      'consider',
      `Part of the referring facility’s assessment is out of date (${listOf(stale.map((c) => nameInSentence(c.capabilityId)))}), so it cannot by itself show that a transfer is not needed.`,
    );
  } else if (emergency) {
    decided = result(
      'consider',
      'Every need is met on site with current verification, including a neurologic ICU that fits this patient; with an acute stage or a life-threatening flag, keeping the patient here is the physician’s decision, to be recorded with a reason.',
    );
  } else {
    return result(
      'not_indicated',
      needs.length === 0
        ? 'No capability need is recorded and the referring facility’s assessment is current, so a transfer is not indicated.'
        : 'The referring facility provides every need on site with current, favourable verification, so a transfer is not indicated.',
    );
  }

  if (!facts.stayDecision) return decided;
  if (decided.level === 'consider') {
    return {
      ...decided,
      level: 'not_indicated',
      summary: `Transfer not indicated, by the physician’s decision: ${facts.stayDecision.reason} (The rules alone said: ${decided.summary})`,
      stayDecision: facts.stayDecision,
    };
  }
  return {
    ...decided,
    stayDecisionRefused:
      'Your decision to keep the patient here was not applied: the rules find a capability the patient needs that the referring facility cannot provide. Correct the needs or the facility’s assessment if they are wrong.',
  };
}

/* ---------------- 4. receiving candidates ---------------- */

export interface CandidateFacility {
  facilityId: number;
  name: string;
  city: string;
  state: string;
  location: Location | null;
  profile: CapabilityProfile;
}

export interface Candidate {
  facilityId: number;
  name: string;
  city: string;
  state: string;
  /** Every need provided here or through a partner, with no detail answered against it. */
  covers: boolean;
  allOnSiteAndFresh: boolean;
  viaPartner: number;
  stale: number;
  /** Needs a detail speaks against (gap) or leaves open (not sure, not recorded). */
  shortfalls: number;
  distance: Distance | null;
  provides: ProfileCapability[];
  /**
   * How each need stands here, in the order of the needs, with its sentence for the first
   * `describe` candidates (those a person will read); further candidates carry an empty sentence.
   */
  judgements: CapabilityJudgement[];
}

/**
 * Facilities that offer every need on site or through a partner, best first (DESIGN.md, Rules 3):
 * those that cover every need with no detail against them, all on site and fresh, then fewer
 * shortfalls, fewer partners, fewer stale answers, nearer, by name.
 */
export function rankCandidates(
  needs: CapabilityId[],
  facilities: CandidateFacility[],
  origin: Location | null,
  excludeFacilityId: number | null,
  context: PatientContext = ANY_PATIENT,
  partners?: PartnerLookup,
  describe = Number.POSITIVE_INFINITY,
): Candidate[] {
  const candidates: Candidate[] = [];
  const profiles = new Map<number, CapabilityProfile>();
  for (const facility of facilities) {
    if (facility.facilityId === excludeFacilityId) continue;
    const provides: ProfileCapability[] = [];
    let offered = true;
    for (const need of needs) {
      const entry = facility.profile.capabilities.find((capability) => capability.capabilityId === need);
      if (!entry || (entry.status !== 'on_site' && entry.status !== 'via_partner')) {
        offered = false;
        break;
      }
      provides.push(entry);
    }
    if (!offered) continue;
    profiles.set(facility.facilityId, facility.profile);
    const judgements = needs.map((need) => ({ ...assessCapability(need, facility.profile, context, partners), text: '' }));
    const shortfalls = judgements.filter((j) => j.provision === 'gap' || j.provision === 'uncertain').length;
    const viaPartner = provides.filter((entry) => entry.status === 'via_partner').length;
    const stale = provides.filter((entry) => entry.stale).length;
    candidates.push({
      facilityId: facility.facilityId,
      name: facility.name,
      city: facility.city,
      state: facility.state,
      covers: shortfalls === 0,
      allOnSiteAndFresh: shortfalls === 0 && viaPartner === 0 && stale === 0,
      viaPartner,
      stale,
      shortfalls,
      distance: origin && facility.location ? distanceBetween(origin, facility.location) : null,
      provides,
      judgements,
    });
  }
  candidates.sort(
    (a, b) =>
      Number(b.covers) - Number(a.covers) ||
      Number(b.allOnSiteAndFresh) - Number(a.allOnSiteAndFresh) ||
      a.shortfalls - b.shortfalls ||
      a.viaPartner - b.viaPartner ||
      a.stale - b.stale ||
      (a.distance?.kilometres ?? Number.POSITIVE_INFINITY) - (b.distance?.kilometres ?? Number.POSITIVE_INFINITY) ||
      a.name.localeCompare(b.name),
  );
  for (const candidate of candidates.slice(0, describe)) {
    const profile = profiles.get(candidate.facilityId)!;
    candidate.judgements = candidate.judgements.map((judgement) => describeJudgement(judgement, profile, `at ${candidate.name}`));
  }
  return candidates;
}

/* ---------------- 5. the rules as a reviewer reads them ---------------- */

export interface CaseRuleStatement {
  kind: 'need' | 'alert';
  /** For a need: the capability it asks for; for an alert: its id. */
  subject: string;
  text: string;
  sources: ClinicalReferenceId[];
}

/** Every sentence the case rules can show, with its source, for the Questions page. */
export function caseRuleStatements(): CaseRuleStatement[] {
  const needs = NEED_RULES.map((rule): CaseRuleStatement => ({ kind: 'need', subject: rule.capabilityId, text: rule.text, sources: [rule.source] }));
  const base = { needOverrides: [], plasmaExchangeWithinDays: null, urgencyOverride: null, stayDecision: null, guardian: { name: '', relationship: '' } };
  // Two patients between them raise every alert: one with everything, one antibody-negative with a cancer history and oral baclofen.
  const variants: CaseFacts[] = [
    { ...base, stage: 'acute', flags: [...CLINICAL_FLAGS_FOR_STATEMENTS], gad65: 'positive', otherAntibodies: ['amphiphysin', 'glycine_receptor'], patient: { dateOfBirth: '2000-01-01' } },
    { ...base, stage: 'progressive', flags: ['cancerHistory', 'baclofenWithdrawalRisk'], gad65: 'negative', otherAntibodies: [], patient: { dateOfBirth: '2000-01-01' } },
  ];
  const alerts = new Map<string, CaseRuleStatement>();
  for (const facts of variants) {
    for (const alert of caseAlerts(facts, new Set<CapabilityId>(['ivig']), '2010-01-01')) {
      const text =
        alert.id === 'minor'
          ? `A patient under ${ADULT_AGE}: choose a receiving center that admits children, and address the family letter to the parent or guardian.`
          : alert.text;
      alerts.set(text, { kind: 'alert', subject: alert.id, text, sources: alert.sources });
    }
  }
  return [...needs, ...alerts.values()];
}

const CLINICAL_FLAGS_FOR_STATEMENTS: ClinicalFlag[] = [
  'plannedIvig',
  'igaDeficiency',
  'baclofenPump',
  'pumpFailureSuspected',
  'breathingInvolvement',
  'statusSpasticus',
  'suicidality',
  'benzodiazepineWithdrawalRisk',
  'baclofenWithdrawalRisk',
  'pregnancyOrPostpartum',
];
