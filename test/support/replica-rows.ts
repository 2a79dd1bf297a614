import { createHash } from 'node:crypto';
import type { CapabilityAnswer } from '../../shared/assessment';
import type { Core } from '../../electron/core/core';

/**
 * What a desktop replica must hold of a registry, read the same way from either engine: every
 * facility, every standing (finalized) assessment with its answers, the derived standing
 * profiles, and the people with their grants. A replica and its server compare equal by this.
 */
export async function replicatedRows(core: Core) {
  const { db } = core.database;
  const facilities = (await db.selectFrom('facilities').selectAll().orderBy('id').execute()).map((row) => ({ ...row, archived: Number(row.archived) }));
  const assessments = (await db.selectFrom('assessments').selectAll().where('state', '=', 'finalized').orderBy('id').execute()).map(({ amends_id: _amends, ...row }) => row);
  const answers = await db
    .selectFrom('assessment_answers')
    .innerJoin('assessments', 'assessments.id', 'assessment_answers.assessment_id')
    .selectAll('assessment_answers')
    .where('assessments.state', '=', 'finalized')
    .orderBy('assessment_answers.assessment_id')
    .orderBy('assessment_answers.capability_id')
    .execute();
  const standing = await db.selectFrom('standing_profiles').selectAll().orderBy('facility_id').execute();
  return { facilities, assessments, answers, standing };
}

/** One fingerprint of replicatedRows, for "equal by hash" checks and messages that stay short. */
export async function replicaFingerprint(core: Core): Promise<string> {
  return createHash('sha256').update(JSON.stringify(await replicatedRows(core))).digest('hex');
}

/** The registry's latest sequence number, read from its database. */
export async function serverHead(core: Core): Promise<number> {
  const row = await core.database.db.selectFrom('registry_changes').select((eb) => eb.fn.max('seq').as('head')).executeTakeFirst();
  return Number(row?.head ?? 0);
}

/**
 * An answer whose evidence carries a note, so each write differs from the last and a replica
 * that kept an older one shows. The wording and method are the callers' own, kept as each test
 * first wrote its data.
 */
export function noteAnswer(
  status: CapabilityAnswer['status'],
  note: string,
  { checked = 'Confirmed', verificationMethod = 'site_visit' }: { checked?: 'Confirmed' | 'Checked'; verificationMethod?: CapabilityAnswer['verificationMethod'] } = {},
): CapabilityAnswer {
  return {
    status,
    details: {},
    partner: null,
    evidence: `${checked} with the service lead (${note}).`,
    verifiedByName: 'Dr. Lena Ortiz',
    verifiedByRole: 'Department chief',
    verificationMethod,
    verifiedOn: '2026-02-12',
  };
}
