import { PARTNER_ARRANGEMENT_LABELS, describeDetailValue, type CapabilityProfile, type DetailValue, type PartnerArrangement, type ProfileCapability } from './assessment';
import { formatDate } from './calendar';
import type { ClinicalReferenceId } from './clinical-sources';
import {
  CAPABILITY_STATUS_LABELS,
  DEFAULT_START_WITHIN_DAYS,
  capabilityQuestion,
  questionnaireVersion,
  CURRENT_QUESTIONNAIRE,
  type CapabilityId,
  type CapabilityStatus,
  type CaseCondition,
  type DetailQuestion,
} from './questionnaire';

/** What about the patient decides which details count (see DetailRequirement in the questionnaire). */
export interface PatientContext {
  conditions: ReadonlySet<CaseCondition>;
  /** Days the patient can wait for a service to start (plasma exchange). */
  startWithinDays: number;
}

/** No particular patient: only the details every patient needs. Used by the matrix, map and verdicts. */
export const ANY_PATIENT: PatientContext = { conditions: new Set<CaseCondition>(['always']), startWithinDays: DEFAULT_START_WITHIN_DAYS };

/**
 * How a capability stands for one patient: provided here, provided through a partner, uncertain
 * (unknown, not sure, not assessed) or a gap (not available, or a detail the patient needs answered
 * against it).
 */
export type Provision = 'provides' | 'partner' | 'uncertain' | 'gap';

export interface DetailFinding {
  detailId: string;
  label: string;
  /** The answer as people read it: "No", "Not sure", "9 days", "not recorded". */
  answer: string;
  outcome: 'unfavourable' | 'not_sure' | 'not_recorded';
  because: string;
  source: ClinicalReferenceId;
}

export interface PartnerJudgement {
  name: string;
  arrangement: PartnerArrangement['arrangement'];
  deliveryDays: number | null;
  inRegistry: boolean;
  /** How the capability stands at the partner itself; null when the partner is not in the registry. */
  atPartner: Provision | null;
}

export interface CapabilityJudgement {
  capabilityId: CapabilityId;
  status: CapabilityStatus | 'not_assessed';
  provision: Provision;
  stale: boolean;
  assessmentFinalizedAt: string | null;
  verifiedOn: string | null;
  verifiedByName: string;
  findings: DetailFinding[];
  partner: PartnerJudgement | null;
  /** One sentence naming the status, the assessment, the verifier and any detail that decided it. */
  text: string;
}

/** A partner's standing profile, when the partner is in the registry. */
export type PartnerLookup = (facilityId: number) => { name: string; profile: CapabilityProfile | null } | undefined;

/** A partner facility as the registry holds it, for building a lookup and for a letter's snapshot. */
export interface PartnerProfile {
  facilityId: number;
  name: string;
  profile: CapabilityProfile | null;
}

export function partnerLookup(partners: readonly PartnerProfile[]): PartnerLookup {
  const byId = new Map(partners.map((partner) => [partner.facilityId, partner]));
  return (facilityId) => byId.get(facilityId);
}

export const capabilityName = (id: CapabilityId): string => capabilityQuestion(CURRENT_QUESTIONNAIRE, id).name;

function applies(detail: DetailQuestion, context: PatientContext): boolean {
  return detail.requirement !== undefined && detail.requirement.when.some((condition) => context.conditions.has(condition));
}

/**
 * The required details that speak against this capability for this patient. An answer never given
 * is held against it only for a detail this patient in particular needs (a pump, an inpatient
 * course): older assessments are judged by the details they have.
 */
export function detailFindings(capability: ProfileCapability, questionnaireVersionNumber: number, context: PatientContext): DetailFinding[] {
  let findings: DetailFinding[] | null = null;
  for (const detail of requiredDetails(questionnaireVersionNumber, capability.capabilityId, context)) {
    const requirement = detail.requirement!;
    const value: DetailValue | undefined = capability.details[detail.id];
    let outcome: DetailFinding['outcome'] | null = null;
    if (value === undefined) outcome = requirement.when.includes('always') ? null : 'not_recorded';
    else if (value === 'unknown') outcome = 'not_sure';
    else if (detail.kind === 'days') outcome = typeof value === 'number' && value > context.startWithinDays ? 'unfavourable' : null;
    else if (value !== detail.favourable) outcome = 'unfavourable';
    if (outcome === null) continue;
    (findings ??= []).push({
      detailId: detail.id,
      label: detail.label,
      answer: value === undefined ? 'not recorded' : describeDetailValue(value),
      outcome,
      because:
        detail.kind === 'days' ? `${requirement.because} (${context.startWithinDays} day${context.startWithinDays === 1 ? '' : 's'} here)` : requirement.because,
      source: requirement.source,
    });
  }
  return findings ?? NO_FINDINGS;
}

const NO_FINDINGS: DetailFinding[] = [];

// Ranking judges thousands of facilities for one patient: which details count is worked out once per patient.
const REQUIRED_DETAILS = new WeakMap<PatientContext, Map<string, DetailQuestion[]>>();

function requiredDetails(version: number, capabilityId: CapabilityId, context: PatientContext): DetailQuestion[] {
  let byCapability = REQUIRED_DETAILS.get(context);
  if (!byCapability) REQUIRED_DETAILS.set(context, (byCapability = new Map()));
  const key = `${version}:${capabilityId}`;
  let details = byCapability.get(key);
  if (!details) {
    details = capabilityQuestion(questionnaireVersion(version), capabilityId).details.filter((detail) => applies(detail, context));
    byCapability.set(key, details);
  }
  return details;
}

function verificationPhrase(capability: ProfileCapability): string {
  return capability.verifiedOn
    ? `verified ${formatDate(capability.verifiedOn)} by ${[capability.verifiedByName || 'an unnamed verifier', capability.verifiedByRole].filter(Boolean).join(', ')}`
    : 'never verified';
}

function findingPhrase(finding: DetailFinding): string {
  const answered = finding.outcome === 'not_recorded' ? 'is not recorded' : `was answered “${finding.answer}”`;
  return `“${finding.label}” ${answered}, and it matters because ${finding.because}`;
}

function judgePartner(partner: PartnerArrangement | null, capabilityId: CapabilityId, context: PatientContext, lookup: PartnerLookup | undefined): PartnerJudgement | null {
  if (!partner) return null;
  const found = partner.facilityId !== null ? lookup?.(partner.facilityId) : undefined;
  let atPartner: Provision | null = null;
  if (partner.facilityId !== null && found) {
    const own = found.profile?.capabilities.find((entry) => entry.capabilityId === capabilityId);
    if (!found.profile || !own) atPartner = 'uncertain';
    else if (own.status === 'on_site') {
      const findings = detailFindings(own, found.profile.questionnaireVersion, context);
      atPartner = findings.some((f) => f.outcome === 'unfavourable') ? 'gap' : findings.length > 0 || own.stale ? 'uncertain' : 'provides';
    } else atPartner = own.status === 'not_available' || own.status === 'via_partner' ? 'gap' : 'uncertain';
  }
  return {
    name: found?.name ?? partner.name,
    arrangement: partner.arrangement,
    deliveryDays: partner.deliveryDays,
    inRegistry: partner.facilityId !== null && found !== undefined,
    atPartner,
  };
}

function partnerPhrase(partner: PartnerJudgement): string {
  const terms = [
    partner.arrangement ? PARTNER_ARRANGEMENT_LABELS[partner.arrangement].toLowerCase() : null,
    partner.deliveryDays !== null ? `usually within ${partner.deliveryDays} day${partner.deliveryDays === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  const who = `the partner is ${partner.name || 'not named'}${terms.length ? ` (${terms.join(', ')})` : ''}`;
  if (!partner.inRegistry) return `${who}, which is not in the registry, so no assessment of its own backs this`;
  if (partner.atPartner === 'gap') return `${who}, whose own finalized assessment does not show it providing this`;
  if (partner.atPartner === 'uncertain') return `${who}, whose own assessment leaves this unknown, unverified or out of date`;
  return `${who}, backed by its own finalized assessment`;
}

/**
 * How one capability of one facility stands for one patient. `where` names the facility in the
 * sentence ("at the referring facility", "at Lakeshore General").
 */
export function judgeCapability(
  capabilityId: CapabilityId,
  profile: CapabilityProfile | null,
  context: PatientContext,
  where: string,
  partners?: PartnerLookup,
): CapabilityJudgement {
  return describeJudgement(assessCapability(capabilityId, profile, context, partners), profile, where);
}

/**
 * The judgement without its sentence: what ranking thousands of candidates needs, without building
 * a dated sentence for each of them.
 */
export function assessCapability(
  capabilityId: CapabilityId,
  profile: CapabilityProfile | null,
  context: PatientContext,
  partners?: PartnerLookup,
): Omit<CapabilityJudgement, 'text'> {
  const entry = profile?.capabilities.find((capability) => capability.capabilityId === capabilityId);
  if (!profile || !entry) {
    return { capabilityId, status: 'not_assessed', provision: 'uncertain', stale: true, assessmentFinalizedAt: null, verifiedOn: null, verifiedByName: '', findings: [], partner: null };
  }
  const findings = entry.status === 'on_site' || entry.status === 'via_partner' ? detailFindings(entry, profile.questionnaireVersion, context) : [];
  const partner = entry.status === 'via_partner' ? judgePartner(entry.partner, capabilityId, context, partners) : null;
  let provision: Provision;
  if (entry.status === 'not_available') provision = 'gap';
  else if (entry.status === 'unknown') provision = 'uncertain';
  else if (findings.some((finding) => finding.outcome === 'unfavourable') || partner?.atPartner === 'gap') provision = 'gap';
  else if (findings.length > 0 || partner?.atPartner === 'uncertain') provision = 'uncertain';
  else provision = entry.status === 'on_site' ? 'provides' : 'partner';
  return {
    capabilityId,
    status: entry.status,
    provision,
    stale: entry.stale,
    assessmentFinalizedAt: profile.finalizedAt,
    verifiedOn: entry.verifiedOn,
    verifiedByName: entry.verifiedByName,
    findings,
    partner,
  };
}

/** The sentence people read: the status, the assessment, the verifier and any detail or partner that decided it. */
export function describeJudgement(judgement: Omit<CapabilityJudgement, 'text'>, profile: CapabilityProfile | null, where: string): CapabilityJudgement {
  const name = capabilityName(judgement.capabilityId);
  const entry = profile?.capabilities.find((capability) => capability.capabilityId === judgement.capabilityId);
  if (!profile || !entry || judgement.status === 'not_assessed') {
    return { ...judgement, text: `${name}: no finalized assessment ${where.replace(/^at /, 'of ')}, so its availability is unknown.` };
  }
  const evidence = `assessment finalized ${formatDate(profile.finalizedAt)}, ${verificationPhrase(entry)}`;
  const stale = entry.stale && entry.status !== 'unknown' ? ' (verification out of date)' : '';
  const decided = judgement.findings.filter((finding) => (judgement.provision === 'gap' ? finding.outcome === 'unfavourable' : true));
  const clauses = [...(judgement.partner ? [partnerPhrase(judgement.partner)] : []), ...decided.map(findingPhrase)];
  const because = clauses.length ? `; ${clauses.join('; ')}` : '';
  return { ...judgement, text: `${name}: ${CAPABILITY_STATUS_LABELS[entry.status].toLowerCase()} ${where} (${evidence})${stale}${because}.` };
}

/** One line an administrator can read aloud, which never claims more than the assessment says. */
export function profileVerdict(profile: CapabilityProfile | null, partners?: PartnerLookup): string {
  if (!profile) return 'Not assessed yet: no finalized assessment.';
  const groups: Record<'provides' | 'partner' | 'gap' | 'uncertain' | 'stale', string[]> = { provides: [], partner: [], gap: [], uncertain: [], stale: [] };
  for (const capability of profile.capabilities) {
    const judgement = judgeCapability(capability.capabilityId, profile, ANY_PATIENT, 'here', partners);
    const name = capabilityName(capability.capabilityId);
    const failed = judgement.findings.filter((finding) => finding.outcome === 'unfavourable');
    const label = failed.length ? `${name} (${failed.map((finding) => `${finding.label.toLowerCase()}: ${finding.answer.toLowerCase()}`).join('; ')})` : name;
    groups[judgement.provision].push(label);
    if (judgement.stale && (judgement.provision === 'provides' || judgement.provision === 'partner')) groups.stale.push(name);
  }
  const parts = [
    groups.provides.length ? `Provides: ${groups.provides.join(', ')}` : 'Provides none of the six on site',
    groups.partner.length ? `through a partner: ${groups.partner.join(', ')}` : null,
    groups.gap.length ? `cannot provide: ${groups.gap.join(', ')}` : null,
    groups.uncertain.length ? `unknown: ${groups.uncertain.join(', ')}` : null,
    groups.stale.length ? `verification out of date: ${groups.stale.join(', ')}` : null,
  ].filter((part): part is string => part !== null);
  return `${parts.join('; ')}.`;
}
