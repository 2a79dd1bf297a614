import { createHash } from 'node:crypto';
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
