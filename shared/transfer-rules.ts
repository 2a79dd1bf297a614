import type { CapabilityProfile, ProfileCapability } from './assessment';
import { formatDate } from './calendar';
import { distanceBetween, type Distance, type Location } from './geography';
import { CAPABILITY_IDS, CAPABILITY_STATUS_LABELS, CURRENT_QUESTIONNAIRE, type CapabilityId } from './questionnaire';
import { inSentence } from './sentence-case';
import { hasFlag, type TransferCaseDetails } from './transfer-case';

const capabilityName = (id: CapabilityId) => CURRENT_QUESTIONNAIRE.capabilities.find((c) => c.id === id)!.name;
const capabilityNameInSentence = (id: CapabilityId) => inSentence(capabilityName(id));

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/* ---------------- 1. needs ---------------- */

export interface Need {
  capabilityId: CapabilityId;
  reasons: string[];
  /** Derived from the clinical flags, or added by the physician. */
  source: 'derived' | 'added';
}

export interface NeedsResult {
  needs: Need[];
  removed: { capabilityId: CapabilityId; reason: string }[];
  warnings: string[];
}

export function deriveNeeds(details: Pick<TransferCaseDetails, 'flags' | 'needOverrides'>): NeedsResult {
  const reasons = new Map<CapabilityId, string[]>();
  const need = (id: CapabilityId, reason: string) => reasons.set(id, [...(reasons.get(id) ?? []), reason]);
  const warnings: string[] = [];
  const iga = hasFlag(details, 'igaDeficiency');

  if (hasFlag(details, 'plannedIvig')) {
    if (iga) {
      warnings.push(
        'Conflict: an IVIG course is planned but the patient has IgA deficiency, in which IVIG is contraindicated (risk of anaphylaxis). Plasma exchange is taken as the immunotherapy need instead.',
      );
      need('plasmapheresis', 'IVIG is contraindicated by IgA deficiency, so plasma exchange is the immunotherapy option.');
    } else {
      need('ivig', 'An IVIG course is planned.');
    }
  }
  if (hasFlag(details, 'plannedPlasmaExchange')) need('plasmapheresis', 'Plasma exchange is planned.');
  if (hasFlag(details, 'inpatientAdmission')) need('rehab_therapy', 'Inpatient treatment calls for rehabilitation-grade physical and occupational therapy.');
  if (hasFlag(details, 'prominentAnxietyOrDepression')) need('psychiatry', 'Anxiety or depression is prominent.');
  if (hasFlag(details, 'baclofenPump')) need('neuro_icu', 'An intrathecal baclofen pump is in place; pump failure or withdrawal is an emergency.');
  if (hasFlag(details, 'severeSpasmsOrFalls')) need('neuro_icu', 'Spasms or falls are severe.');
  if (hasFlag(details, 'breathingInvolvement')) need('neuro_icu', 'Breathing is involved.');
  if (hasFlag(details, 'lastingDisability')) need('rehab_center', 'Lasting disability is expected after the acute phase.');

  const added = new Set<CapabilityId>();
  const removed: NeedsResult['removed'] = [];
  for (const override of details.needOverrides) {
    if (override.action === 'add') {
      added.add(override.capabilityId);
      need(override.capabilityId, `Added by the physician: ${override.reason}`);
    } else {
      reasons.delete(override.capabilityId);
      added.delete(override.capabilityId);
      removed.push({ capabilityId: override.capabilityId, reason: override.reason });
    }
  }
  const needs = CAPABILITY_IDS.filter((id) => reasons.has(id)).map((capabilityId) => ({
    capabilityId,
    reasons: reasons.get(capabilityId)!,
    source: added.has(capabilityId) && reasons.get(capabilityId)!.length === 1 ? ('added' as const) : ('derived' as const),
  }));
  return { needs, removed, warnings };
}

/* ---------------- 2. recommendation ---------------- */

export type RecommendationLevel = 'not_indicated' | 'consider' | 'recommended';

export const RECOMMENDATION_LABELS: Record<RecommendationLevel, string> = {
  not_indicated: 'Transfer not indicated',
  consider: 'Consider transfer',
  recommended: 'Transfer recommended',
};

export interface RecommendationReason {
  capabilityId: CapabilityId;
  status: ProfileCapability['status'] | 'not_assessed';
  stale: boolean;
  assessmentFinalizedAt: string | null;
  verifiedOn: string | null;
  verifiedByName: string;
  text: string;
}

export interface Recommendation {
  level: RecommendationLevel;
  summary: string;
  reasons: RecommendationReason[];
}

function describeCapability(capabilityId: CapabilityId, profile: CapabilityProfile | null): RecommendationReason {
  const entry = profile?.capabilities.find((capability) => capability.capabilityId === capabilityId);
  const name = capabilityName(capabilityId);
  if (!profile || !entry) {
    return {
      capabilityId,
      status: 'not_assessed',
      stale: true,
      assessmentFinalizedAt: null,
      verifiedOn: null,
      verifiedByName: '',
      text: `${name}: the referring facility has no finalized assessment, so its availability is unknown.`,
    };
  }
  const verified = entry.verifiedOn
    ? `verified ${formatDate(entry.verifiedOn)} by ${entry.verifiedByName || 'an unnamed verifier'}`
    : 'never verified';
  const stale = entry.stale && entry.status !== 'unknown' ? ' (verification out of date)' : '';
  return {
    capabilityId,
    status: entry.status,
    stale: entry.stale,
    assessmentFinalizedAt: profile.finalizedAt,
    verifiedOn: entry.verifiedOn,
    verifiedByName: entry.verifiedByName,
    text: `${name}: ${CAPABILITY_STATUS_LABELS[entry.status].toLowerCase()} at the referring facility (assessment finalized ${formatDate(profile.finalizedAt)}, ${verified})${stale}.`,
  };
}

export function recommendTransfer(
  details: Pick<TransferCaseDetails, 'stage' | 'flags'>,
  needs: Need[],
  referringProfile: CapabilityProfile | null,
): Recommendation {
  if (details.stage === 'early' && !hasFlag(details, 'inpatientAdmission') && needs.length === 0) {
    return {
      level: 'not_indicated',
      summary: 'Early-stage SPS with no inpatient need: outpatient care is appropriate and a transfer is not indicated.',
      reasons: [],
    };
  }
  const reasons = needs.map((need) => describeCapability(need.capabilityId, referringProfile));
  const missing = reasons.filter((reason) => reason.status === 'not_available');
  const uncertain = reasons.filter(
    (reason) => reason.status === 'via_partner' || reason.status === 'unknown' || reason.status === 'not_assessed' || reason.stale,
  );
  if (missing.length > 0) {
    return {
      level: 'recommended',
      summary: `The referring facility cannot provide ${listOf(missing.map((r) => capabilityNameInSentence(r.capabilityId)))}, which the patient needs.`,
      reasons: [...missing, ...uncertain.filter((reason) => !missing.includes(reason))],
    };
  }
  if (uncertain.length > 0) {
    return {
      level: 'consider',
      summary: `At the referring facility, ${listOf(uncertain.map((r) => capabilityNameInSentence(r.capabilityId)))} ${uncertain.length === 1 ? 'is' : 'are'} only available through a partner, unknown or not recently verified.`,
      reasons: uncertain,
    };
  }
  return {
    level: 'not_indicated',
    summary:
      needs.length === 0
        ? 'No capability need is recorded, so a transfer is not indicated.'
        : 'The referring facility provides every need on site with current verification, so a transfer is not indicated.',
    reasons,
  };
}

/* ---------------- 3. receiving candidates ---------------- */

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
  allOnSiteAndFresh: boolean;
  viaPartner: number;
  stale: number;
  distance: Distance | null;
  provides: ProfileCapability[];
}

/** Facilities whose profile covers every need, best first (DESIGN.md, Rules 3). */
export function rankCandidates(
  needs: CapabilityId[],
  facilities: CandidateFacility[],
  origin: Location | null,
  excludeFacilityId: number | null,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const facility of facilities) {
    if (facility.facilityId === excludeFacilityId) continue;
    const provides: ProfileCapability[] = [];
    let covers = true;
    for (const need of needs) {
      const entry = facility.profile.capabilities.find((capability) => capability.capabilityId === need);
      if (!entry || (entry.status !== 'on_site' && entry.status !== 'via_partner')) {
        covers = false;
        break;
      }
      provides.push(entry);
    }
    if (!covers) continue;
    const viaPartner = provides.filter((entry) => entry.status === 'via_partner').length;
    const stale = provides.filter((entry) => entry.stale).length;
    candidates.push({
      facilityId: facility.facilityId,
      name: facility.name,
      city: facility.city,
      state: facility.state,
      allOnSiteAndFresh: viaPartner === 0 && stale === 0,
      viaPartner,
      stale,
      distance: origin && facility.location ? distanceBetween(origin, facility.location) : null,
      provides,
    });
  }
  return candidates.sort(
    (a, b) =>
      Number(b.allOnSiteAndFresh) - Number(a.allOnSiteAndFresh) ||
      a.viaPartner - b.viaPartner ||
      a.stale - b.stale ||
      (a.distance?.kilometres ?? Number.POSITIVE_INFINITY) - (b.distance?.kilometres ?? Number.POSITIVE_INFINITY) ||
      a.name.localeCompare(b.name),
  );
}
