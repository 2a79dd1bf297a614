import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capabilityMatrix } from '../../electron/core/capability-matrix';
import { backupSource, exportJsonBackup, restoreJsonBackup, type JsonBackup } from '../../electron/core/db/json-backup';
import { restoreIntoSharedRegistry } from '../../electron/core/db/shared-registry-backup';
import { generateScaleData } from '../../electron/core/scale-data';
import type { DetailValue } from '../../shared/assessment';
import { unpackMatrix, type MatrixRow } from '../../shared/capability-matrix';
import { matrixFilterSchema } from '../../shared/matrix-filter';
import { CAPABILITY_IDS } from '../../shared/questionnaire';
import { checkedAnswer } from '../support/clinical-fixtures';
import { CoreHarness } from '../support/core-harness';
import { makeTempFolder } from '../support/temp-folder';

let harness: CoreHarness;

/**
 * A second registry holding the backup, on the project's engine: a new data folder restored
 * from it, or a new, empty shared registry loaded with it. Disposing the harness removes it.
 */
async function registryRestoredFrom(backup: JsonBackup): Promise<CoreHarness> {
  if (harness.engine === 'sqlite') {
    const folder = makeTempFolder();
    try {
      await restoreJsonBackup(backup, folder.path);
    } catch (error) {
      folder.remove();
      throw error;
    }
    return new CoreHarness(folder, 'sqlite').open();
  }
  const restored = await new CoreHarness(undefined, 'postgresql').open();
  try {
    const registry = restored.core.database;
    if (registry.backend !== 'postgresql') throw new Error('The restored harness should be on the shared registry.');
    await restoreIntoSharedRegistry(registry, backupSource(backup));
  } catch (error) {
    await restored.dispose();
    throw error;
  }
  return restored;
}

/** What standing_profiles must hold, worked out independently from the assessments themselves. */
async function expectedFrom(h: CoreHarness): Promise<Record<string, unknown>[]> {
  const answers = await h.rows<{
    facility_id: number;
    assessment_id: number;
    finalized_at: string;
    questionnaire_version: number;
    capability_id: string;
    status: string;
    verified_on: string;
    details_json: string;
  }>(
    `SELECT a.facility_id, a.id AS assessment_id, a.finalized_at, a.questionnaire_version, aa.capability_id, aa.status, aa.verified_on, aa.details_json
       FROM assessments a JOIN assessment_answers aa ON aa.assessment_id = a.id
      WHERE a.state = 'finalized'`,
  );
  const byFacility = new Map<number, Record<string, unknown>>();
  for (const answer of answers) {
    let row = byFacility.get(answer.facility_id);
    if (!row) {
      row = { facility_id: answer.facility_id, assessment_id: answer.assessment_id, finalized_at: answer.finalized_at, questionnaire_version: answer.questionnaire_version };
      for (const capability of CAPABILITY_IDS) {
        Object.assign(row, { [`${capability}_status`]: null, [`${capability}_verified_on`]: null, [`${capability}_details_json`]: null });
      }
      byFacility.set(answer.facility_id, row);
    }
    row[`${answer.capability_id}_status`] = answer.status;
    row[`${answer.capability_id}_verified_on`] = answer.verified_on;
    row[`${answer.capability_id}_details_json`] = answer.details_json;
  }
  return [...byFacility.values()].sort((a, b) => (a.facility_id as number) - (b.facility_id as number));
}

/** Takes away what migration 7 (users and roles) added, so the file is as an older version left it. */
const UNDO_USERS_AND_ROLES = `
  DROP TABLE role_grants; DROP TABLE users;
  DROP INDEX transfer_cases_by_author; DROP INDEX transfer_cases_by_referring;
  ALTER TABLE transfer_cases DROP COLUMN created_by_identity;
  ALTER TABLE audit_events DROP COLUMN actor_issuer; ALTER TABLE audit_events DROP COLUMN actor_subject; ALTER TABLE audit_events DROP COLUMN actor_email;`;

/** Migration 9's change feed, gone again, so the registry reads as one made before it. */
const UNDO_CHANGE_FEED_SQLITE = `
  DROP TABLE desktop_sessions; DROP TABLE registry_changes; DROP TABLE registry_feed; DROP TABLE replica_link; DROP TABLE replica_people; DROP TABLE assessment_submissions; DROP TABLE replica_outbox;
  ${['facility_added', 'facility_changed', 'assessment_state', 'assessment_added', 'person_added', 'person_changed', 'role_granted', 'role_revoked'].map((name) => `DROP TRIGGER registry_changes_${name};`).join(' ')}`;
const UNDO_CHANGE_FEED_POSTGRESQL = [
  'DROP TRIGGER registry_changes_facility ON facilities',
  'DROP TRIGGER registry_changes_assessment ON assessments',
  'DROP TRIGGER registry_changes_person ON users',
  'DROP TRIGGER registry_changes_role ON role_grants',
  'DROP FUNCTION registry_changes_follow()',
  'DROP FUNCTION note_registry_change(text, integer)',
  'DROP SEQUENCE registry_change_seq',
  'DROP TABLE desktop_sessions, registry_changes, registry_feed, replica_link, replica_people, assessment_submissions, replica_outbox',
];

/** A backup as schema 5 wrote it: without the tables and columns migration 7 added. */
function asSchema5(backup: JsonBackup): JsonBackup {
  const { users: _users, role_grants: _grants, ...tables } = backup.tables;
  const without = (rows: Record<string, unknown>[] | undefined, columns: string[]) =>
    (rows ?? []).map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !columns.includes(column))));
  return {
    ...backup,
    schemaVersion: 5,
    tables: {
      ...tables,
      audit_events: without(tables.audit_events, ['actor_issuer', 'actor_subject', 'actor_email']),
      transfer_cases: without(tables.transfer_cases, ['created_by_identity']),
    },
  };
}

const standing = (h: CoreHarness) => h.rows<Record<string, unknown>>('SELECT * FROM standing_profiles ORDER BY facility_id');

/** Finalizes an assessment with every capability on site, the given details answered. */
async function finalizeWith(h: CoreHarness, facilityId: number, details: Partial<Record<(typeof CAPABILITY_IDS)[number], Record<string, DetailValue>>>, amend?: number) {
  const draft = amend ? await h.value('amendAssessment', { assessmentId: amend, reason: 'Asked the ICU director again.' }) : await h.value('startAssessment', { facilityId });
  for (const capabilityId of CAPABILITY_IDS) await h.value('saveAnswer', { assessmentId: draft.id, capabilityId, answer: checkedAnswer('on_site', { details: details[capabilityId] }) });
  await h.value('finalizeAssessment', { assessmentId: draft.id });
  return draft.id;
}

async function matrixRow(h: CoreHarness, facilityId: number): Promise<MatrixRow | undefined> {
  return unpackMatrix(await h.value('capabilityMatrix', {})).find((row) => row.facilityId === facilityId);
}

const CARDIAC_ICU = { neuroCoverage: 'yes', mostlyCardiacRespiratory: 'yes' } as const;
const UNSURE_PSYCHIATRY = { consultAvailable: 'yes', chronicDiseaseExperience: 'unknown', mostlyRestraintCalls: 'no' } as const;

beforeEach(async () => {
  harness = await new CoreHarness().open();
  await harness.value('saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
  await generateScaleData(harness.core.database.db, { facilities: 40, assessments: 200, seed: 11, today: new Date('2026-11-23T00:00:00Z') });
});
afterEach(() => harness.dispose());

describe('the derived standing_profiles table', () => {
  it('holds exactly the finalized assessments after seeding with many superseded revisions', async () => {
    const expected = await expectedFrom(harness);
    expect(expected.length).toBeGreaterThan(20);
    const [superseded] = await harness.rows<{ n: number }>("SELECT count(*) AS n FROM assessments WHERE state = 'superseded'");
    expect(superseded!.n).toBeGreaterThan(100);
    expect(await standing(harness)).toEqual(expected);
  });

  it('follows a finalize and an amendment through the contract', async () => {
    const { id: facilityId } = await harness.value('createFacility', { name: 'Harbor General', ccn: '050454' });
    const draft = await harness.value('startAssessment', { facilityId });
    for (const capabilityId of CAPABILITY_IDS) await harness.value('saveAnswer', { assessmentId: draft.id, capabilityId, answer: checkedAnswer('on_site') });
    expect((await standing(harness)).find((row) => row.facility_id === facilityId)).toBeUndefined();
    await harness.value('finalizeAssessment', { assessmentId: draft.id });
    expect((await standing(harness)).find((row) => row.facility_id === facilityId)).toMatchObject({ assessment_id: draft.id, neuro_icu_status: 'on_site' });

    const amendment = await harness.value('amendAssessment', { assessmentId: draft.id, reason: 'The neuro ICU closed.' });
    await harness.value('saveAnswer', { assessmentId: amendment.id, capabilityId: 'neuro_icu', answer: checkedAnswer('not_available') });
    expect((await standing(harness)).find((row) => row.facility_id === facilityId)).toMatchObject({ assessment_id: draft.id, neuro_icu_status: 'on_site' });
    await harness.value('finalizeAssessment', { assessmentId: amendment.id });
    expect((await standing(harness)).find((row) => row.facility_id === facilityId)).toMatchObject({ assessment_id: amendment.id, neuro_icu_status: 'not_available' });
    expect(await standing(harness)).toEqual(await expectedFrom(harness));
  });

  it('is rebuilt by a JSON restore, which inserts finalized rows directly', async () => {
    const restored = await registryRestoredFrom(await exportJsonBackup(harness.core.database));
    try {
      expect(await standing(restored)).toEqual(await expectedFrom(harness));
    } finally {
      await restored.dispose();
    }
  });

  it('is filled by migrations 4 and 6 from a database made before it existed', async () => {
    // The registry taken back to schema 3: no standing profiles, no partner column (migration 5 adds
    // it), and none of migration 7's users, roles and identity columns.
    if (harness.engine === 'sqlite') {
      const { sqlite } = harness;
      sqlite.exec(UNDO_CHANGE_FEED_SQLITE);
      sqlite.exec('DROP TABLE standing_profiles; DROP VIEW standing_profile_source; DROP TRIGGER standing_profiles_on_finalize; DROP TRIGGER standing_profiles_on_supersede;');
      sqlite.exec('ALTER TABLE assessment_answers DROP COLUMN partner_json');
      sqlite.exec(UNDO_USERS_AND_ROLES);
      sqlite.pragma('user_version = 3');
    } else {
      for (const statement of [
        ...UNDO_CHANGE_FEED_POSTGRESQL,
        'DROP TRIGGER standing_profiles_follow ON assessments',
        'DROP FUNCTION standing_profiles_follow()',
        'DROP VIEW standing_profile_source',
        'DROP TABLE standing_profiles',
        'ALTER TABLE assessment_answers DROP COLUMN partner_json',
        ...UNDO_USERS_AND_ROLES.split(';').map((part) => part.trim()).filter(Boolean),
        'UPDATE transferready_registry SET schema_version = 3',
      ]) {
        await harness.rows(statement);
      }
    }
    await harness.reopen();
    const schemaVersion =
      harness.engine === 'sqlite'
        ? (harness.sqlite.pragma('user_version', { simple: true }) as number)
        : (await harness.rows<{ schema_version: number }>('SELECT schema_version FROM transferready_registry'))[0]!.schema_version;
    expect(schemaVersion).toBeGreaterThanOrEqual(6);
    expect(await standing(harness)).toEqual(await expectedFrom(harness));
    expect((await standing(harness)).some((row) => row.neuro_icu_details_json !== '{}' && row.neuro_icu_details_json !== null), 'the seed answers details').toBe(true);
  });

  it('carries each cell’s details, so the matrix, map and coverage judge them, through finalize and amendment', async () => {
    const seeded = (await harness.value('coverageSummary', {})).byCapability;
    const { id: facilityId } = await harness.value('createFacility', { name: 'Harbor General', ccn: '050454', state: 'MA', zip: '02114' });
    const first = await finalizeWith(harness, facilityId, { neuro_icu: CARDIAC_ICU, psychiatry: UNSURE_PSYCHIATRY });
    expect((await standing(harness)).find((row) => row.facility_id === facilityId)).toMatchObject({
      assessment_id: first,
      questionnaire_version: 1,
      neuro_icu_details_json: JSON.stringify(CARDIAC_ICU),
      ivig_details_json: '{}',
    });

    const cells = (await matrixRow(harness, facilityId))!.cells!;
    expect(cells.neuro_icu).toMatchObject({ status: 'on_site', limitation: { provision: 'gap', details: [{ id: 'mostlyCardiacRespiratory', answer: 'yes' }] } });
    expect(cells.psychiatry).toMatchObject({ status: 'on_site', limitation: { provision: 'uncertain', details: [{ id: 'chronicDiseaseExperience', answer: 'unknown' }] } });
    expect(cells.ivig.limitation).toBeNull();
    const onSiteIcu = unpackMatrix(await harness.value('capabilityMatrix', { statuses: { neuro_icu: ['on_site'] } }));
    expect(onSiteIcu.map((row) => row.facilityId)).not.toContain(facilityId);
    const asAttested = unpackMatrix(await harness.value('capabilityMatrix', { statuses: { neuro_icu: ['on_site'] }, detailsMustPass: false }));
    expect(asAttested.map((row) => row.facilityId)).toContain(facilityId);

    const mapped = (await harness.value('facilityMap', { capabilities: ['neuro_icu', 'ivig'], state: 'MA', verifiedSince: null })).find((entry) => entry.facilityId === facilityId);
    expect(mapped).toMatchObject({
      facilityId,
      coverage: 'gap',
      shortfalls: [{ capability: 'neuro_icu', reason: 'details_against', details: ['“ICU mostly does cardiac, respiratory or end-of-life care” answered Yes'] }],
    });
    const limited = (await harness.value('coverageSummary', {})).byCapability;
    expect(limited.neuro_icu).toMatchObject({ on_site: seeded.neuro_icu.on_site, details_against: seeded.neuro_icu.details_against + 1 });
    expect(limited.psychiatry).toMatchObject({ on_site: seeded.psychiatry.on_site, details_not_sure: seeded.psychiatry.details_not_sure + 1 });
    expect(limited.ivig).toMatchObject({ on_site: seeded.ivig.on_site + 1 });

    // The ICU director answers again: it is a neurologic ICU after all.
    const second = await finalizeWith(harness, facilityId, { neuro_icu: { neuroCoverage: 'yes', mostlyCardiacRespiratory: 'no' } }, first);
    expect((await standing(harness)).find((row) => row.facility_id === facilityId)).toMatchObject({ assessment_id: second, neuro_icu_details_json: '{"neuroCoverage":"yes","mostlyCardiacRespiratory":"no"}' });
    expect((await matrixRow(harness, facilityId))!.cells!.neuro_icu.limitation).toBeNull();
    const remapped = (await harness.value('facilityMap', { capabilities: ['neuro_icu', 'ivig'], state: 'MA', verifiedSince: null })).find((entry) => entry.facilityId === facilityId);
    expect(remapped).toMatchObject({ coverage: 'on_site', shortfalls: [] });
    expect((await harness.value('coverageSummary', {})).byCapability.neuro_icu).toMatchObject({ on_site: seeded.neuro_icu.on_site + 1, details_against: seeded.neuro_icu.details_against });
    expect(await standing(harness)).toEqual(await expectedFrom(harness));
  });

  it('keeps the details and their judgement through a JSON restore, and migration 6 fills them for a backup made before it', async () => {
    const { id: facilityId } = await harness.value('createFacility', { name: 'Harbor General', ccn: '050454', state: 'MA' });
    await finalizeWith(harness, facilityId, { neuro_icu: CARDIAC_ICU });
    const expected = await expectedFrom(harness);
    const backup = await exportJsonBackup(harness.core.database);
    // On SQLite a schema-5 backup is restored at schema 5 and migrated; the shared registry, always
    // at the latest schema, takes it in and rebuilds its standing profiles the same way.
    for (const made of [backup, asSchema5(backup)]) {
      const restored = await registryRestoredFrom(made);
      try {
        expect(await standing(restored)).toEqual(expected);
        const cell = (await matrixRow(restored, facilityId))!.cells!.neuro_icu;
        expect(cell.limitation?.provision).toBe('gap');
      } finally {
        await restored.dispose();
      }
    }
  });

  it('shows the seeded details that count against their capability in the matrix read', async () => {
    const rows = await capabilityMatrix(harness.core.database, matrixFilterSchema.parse({}), '2026-11-23', 12);
    const limited = rows.flatMap((row) => (row.cells ? CAPABILITY_IDS.filter((id) => row.cells![id].limitation) : []));
    expect(rows.length).toBe(40);
    expect(limited.length, 'the seeded answers put some details against their capability').toBeGreaterThan(0);
  });
});
