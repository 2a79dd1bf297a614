import type { Kysely } from 'kysely';
import { profileVerdict } from '../../shared/assessment';
import { CANDIDATES_SHOWN, type CaseWorkup } from '../../shared/case-workup';
import type { IsoDate } from '../../shared/calendar';
import { distanceBetween } from '../../shared/geography';
import type { LetterSource } from '../../shared/letters';
import { deriveNeeds, rankCandidates, recommendTransfer } from '../../shared/transfer-rules';
import { facilityProfile, loadStandingProfiles } from './assessments';
import { getCase } from './cases';
import type { DatabaseSchema } from './db/schema';
import { getFacility } from './facilities';
import { listLetters } from './letters';
import { facilityLocation } from './locations';
import { readSettings } from './settings';

export async function caseWorkup(db: Kysely<DatabaseSchema>, caseId: number, today: IsoDate): Promise<CaseWorkup> {
  const transferCase = await getCase(db, caseId);
  const { expiryMonths } = await readSettings(db);
  const needs = deriveNeeds(transferCase);
  const referringFacility = await getFacility(db, transferCase.referringFacilityId);
  const referringProfile = await facilityProfile(db, referringFacility.id, today, expiryMonths);
  const origin = facilityLocation(referringFacility);

  const pool = await loadStandingProfiles(db, today, expiryMonths);
  const candidates = rankCandidates(
    needs.needs.map((need) => need.capabilityId),
    pool.map(({ facility, profile }) => ({
      facilityId: facility.id,
      name: facility.name,
      city: facility.city,
      state: facility.state,
      location: facilityLocation(facility),
      profile,
    })),
    origin,
    referringFacility.id,
  );

  let receiving: CaseWorkup['receiving'] = null;
  if (transferCase.receivingFacilityId !== null) {
    const facility = await getFacility(db, transferCase.receivingFacilityId);
    const location = facilityLocation(facility);
    receiving = {
      facility,
      profile: await facilityProfile(db, facility.id, today, expiryMonths),
      distance: origin && location ? distanceBetween(origin, location) : null,
    };
  }

  return {
    transferCase,
    needs,
    recommendation: recommendTransfer(transferCase, needs.needs, referringProfile),
    referring: { facility: referringFacility, profile: referringProfile, verdict: profileVerdict(referringProfile) },
    receiving,
    candidates: candidates.slice(0, CANDIDATES_SHOWN),
    candidateCount: candidates.length,
    letters: await listLetters(db, caseId),
  };
}

/** What a letter for this case is composed from, as of today. */
export async function letterSourceFor(db: Kysely<DatabaseSchema>, caseId: number, today: IsoDate): Promise<LetterSource> {
  const workup = await caseWorkup(db, caseId, today);
  const settings = await readSettings(db);
  return {
    transferCase: workup.transferCase,
    needs: workup.needs.needs,
    warnings: workup.needs.warnings,
    recommendation: workup.recommendation,
    referring: { facility: workup.referring.facility, profile: workup.referring.profile },
    receiving: workup.receiving,
    settings: { letterhead: settings.letterhead, paperSize: settings.paperSize, expiryMonths: settings.expiryMonths },
    date: today,
  };
}
