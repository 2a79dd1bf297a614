import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportJsonBackup, restoreJsonBackup } from '../../electron/core/db/json-backup';
import { generateScaleData } from '../../electron/core/scale-data';
import { CAPABILITY_IDS } from '../../shared/questionnaire';
import { CoreHarness } from '../support/core-harness';
import { makeTempFolder } from '../support/temp-folder';

let harness: CoreHarness;

/** What standing_profiles must hold, worked out independently from the assessments themselves. */
function expectedFrom(h: CoreHarness): Record<string, unknown>[] {
  const answers = h.rows<{ facility_id: number; assessment_id: number; finalized_at: string; capability_id: string; status: string; verified_on: string }>(
    `SELECT a.facility_id, a.id AS assessment_id, a.finalized_at, aa.capability_id, aa.status, aa.verified_on
       FROM assessments a JOIN assessment_answers aa ON aa.assessment_id = a.id
      WHERE a.state = 'finalized'`,
  );
  const byFacility = new Map<number, Record<string, unknown>>();
  for (const answer of answers) {
    let row = byFacility.get(answer.facility_id);
    if (!row) {
      row = { facility_id: answer.facility_id, assessment_id: answer.assessment_id, finalized_at: answer.finalized_at };
      for (const capability of CAPABILITY_IDS) Object.assign(row, { [`${capability}_status`]: null, [`${capability}_verified_on`]: null });
      byFacility.set(answer.facility_id, row);
    }
    row[`${answer.capability_id}_status`] = answer.status;
    row[`${answer.capability_id}_verified_on`] = answer.verified_on;
  }
  return [...byFacility.values()].sort((a, b) => (a.facility_id as number) - (b.facility_id as number));
}

const standing = (h: CoreHarness) => h.rows<Record<string, unknown>>('SELECT * FROM standing_profiles ORDER BY facility_id');

beforeEach(async () => {
  harness = await new CoreHarness().open();
  await harness.value('saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
  await generateScaleData(harness.core.database.db, { facilities: 40, assessments: 200, seed: 11, today: new Date('2026-11-23T00:00:00Z') });
});
afterEach(() => harness.dispose());

describe('the derived standing_profiles table', () => {
  it('holds exactly the finalized assessments after seeding with many superseded revisions', () => {
    const expected = expectedFrom(harness);
    expect(expected.length).toBeGreaterThan(20);
    expect(harness.rows<{ n: number }>("SELECT count(*) AS n FROM assessments WHERE state = 'superseded'")[0]!.n).toBeGreaterThan(100);
    expect(standing(harness)).toEqual(expected);
  });

  it('follows a finalize and an amendment through the contract', async () => {
    const { id: facilityId } = await harness.value('createFacility', { name: 'Harbor General', ccn: '050454' });
    const answer = (status: 'on_site' | 'not_available') => ({
      status,
      details: {},
      evidence: 'Checked with the unit manager.',
      verifiedByName: 'Dr. Priya Natarajan',
      verifiedByRole: 'Neurologist',
      verificationMethod: 'phone' as const,
      verifiedOn: '2026-02-20',
    });
    const draft = await harness.value('startAssessment', { facilityId });
    for (const capabilityId of CAPABILITY_IDS) await harness.value('saveAnswer', { assessmentId: draft.id, capabilityId, answer: answer('on_site') });
    expect(standing(harness).find((row) => row.facility_id === facilityId)).toBeUndefined();
    await harness.value('finalizeAssessment', { assessmentId: draft.id });
    expect(standing(harness).find((row) => row.facility_id === facilityId)).toMatchObject({ assessment_id: draft.id, neuro_icu_status: 'on_site' });

    const amendment = await harness.value('amendAssessment', { assessmentId: draft.id, reason: 'The neuro ICU closed.' });
    await harness.value('saveAnswer', { assessmentId: amendment.id, capabilityId: 'neuro_icu', answer: answer('not_available') });
    expect(standing(harness).find((row) => row.facility_id === facilityId)).toMatchObject({ assessment_id: draft.id, neuro_icu_status: 'on_site' });
    await harness.value('finalizeAssessment', { assessmentId: amendment.id });
    expect(standing(harness).find((row) => row.facility_id === facilityId)).toMatchObject({ assessment_id: amendment.id, neuro_icu_status: 'not_available' });
    expect(standing(harness)).toEqual(expectedFrom(harness));
  });

  it('is rebuilt by a JSON restore, which inserts finalized rows directly', async () => {
    const other = makeTempFolder();
    try {
      await restoreJsonBackup(exportJsonBackup(harness.core.database.sqlite), other.path);
      const restored = await new CoreHarness(other).open();
      expect(standing(restored)).toEqual(expectedFrom(harness));
      await restored.core.close();
    } finally {
      other.remove();
    }
  });

  it('is filled by migration 4 from a database made before it existed', async () => {
    const sqlite = harness.core.database.sqlite;
    sqlite.exec('DROP TABLE standing_profiles; DROP VIEW standing_profile_source; DROP TRIGGER standing_profiles_on_finalize; DROP TRIGGER standing_profiles_on_supersede;');
    sqlite.pragma('user_version = 3');
    await harness.reopen();
    expect(harness.core.database.sqlite.pragma('user_version', { simple: true })).toBe(4);
    expect(standing(harness)).toEqual(expectedFrom(harness));
  });
});
