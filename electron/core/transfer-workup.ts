import type { Kysely } from 'kysely';
import { partnerLookup, profileVerdict } from '../../shared/capability-judgement';
import { CANDIDATES_SHOWN, type CaseWorkup } from '../../shared/case-workup';
import type { IsoDate } from '../../shared/calendar';
import { distanceBetween } from '../../shared/geography';
import type { LetterSource } from '../../shared/letters';
import { deriveNeeds, patientContext, rankCandidates, recommendTransfer } from '../../shared/transfer-rules';
import { facilityProfile, loadStandingProfiles, partnerProfiles } from './assessments';
import { getCase } from './cases';
import type { DatabaseSchema } from './db/schema';
import { getFacility } from './facilities';
import { listLetters } from './letters';
import { facilityLocation } from './locations';
import { readSettings } from './settings';

/** The case with its needs, recommendation and both facilities: what letters and the workup share. */
async function caseBasics(db: Kysely<DatabaseSchema>, caseId: number, today: IsoDate) {
  const transferCase = await getCase(db, caseId);
  const settings = await readSettings(db);
  const needs = deriveNeeds(transferCase, today);
  const referringFacility = await getFacility(db, transferCase.referringFacilityId);
  const referringProfile = await facilityProfile(db, referringFacility.id, today, settings.expiryMonths);
  const origin = facilityLocation(referringFacility);

  let receiving: CaseWorkup['receiving'] = null;
  if (transferCase.receivingFacilityId !== null) {
    const facility = await getFacility(db, transferCase.receivingFacilityId);
    const location = facilityLocation(facility);
    receiving = {
      facility,
      profile: await facilityProfile(db, facility.id, today, settings.expiryMonths),
      distance: origin && location ? distanceBetween(origin, location) : null,
    };
  }
  const partners = await partnerProfiles(db, [referringProfile, receiving?.profile ?? null], today, settings.expiryMonths);
  return {
    transferCase,
    settings,
    needs,
    recommendation: recommendTransfer(transferCase, needs.needs, referringProfile, partnerLookup(partners)),
    referring: { facility: referringFacility, profile: referringProfile },
    origin,
    receiving,
    partners,
  };
}

export async function caseWorkup(db: Kysely<DatabaseSchema>, caseId: number, today: IsoDate): Promise<CaseWorkup> {
  const basics = await caseBasics(db, caseId, today);
  const pool = await loadStandingProfiles(db, today, basics.settings.expiryMonths);
  const poolPartners = partnerLookup(pool.map(({ facility, profile }) => ({ facilityId: facility.id, name: facility.name, profile })));
  const candidates = rankCandidates(
    basics.needs.needs.map((need) => need.capabilityId),
    pool.map(({ facility, profile }) => ({
      facilityId: facility.id,
      name: facility.name,
      city: facility.city,
      state: facility.state,
      location: facilityLocation(facility),
      profile,
    })),
    basics.origin,
    basics.referring.facility.id,
    patientContext(basics.transferCase),
    poolPartners,
    CANDIDATES_SHOWN,
  );
  return {
    transferCase: basics.transferCase,
    needs: basics.needs,
    recommendation: basics.recommendation,
    referring: { ...basics.referring, verdict: profileVerdict(basics.referring.profile, partnerLookup(basics.partners)) },
    receiving: basics.receiving,
    candidates: candidates.slice(0, CANDIDATES_SHOWN),
    candidateCount: candidates.length,
    letters: await listLetters(db, caseId),
  };
}

/** What a letter for this case is composed from, as of today: no candidate search, no letter list. */
export async function letterSourceFor(db: Kysely<DatabaseSchema>, caseId: number, today: IsoDate): Promise<LetterSource> {
  const basics = await caseBasics(db, caseId, today);
  const { letterhead, paperSize, expiryMonths } = basics.settings;
  return {
    transferCase: basics.transferCase,
    needs: basics.needs.needs,
    warnings: basics.needs.warnings,
    recommendation: basics.recommendation,
    partners: basics.partners,
    referring: basics.referring,
    receiving: basics.receiving,
    settings: { letterhead, paperSize, expiryMonths },
    date: today,
  };
}
