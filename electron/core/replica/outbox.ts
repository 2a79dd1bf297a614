import { v7 as uuidv7 } from 'uuid';
import type { AssessmentSubmission, OutboxEntry, SubmissionReceipt } from '../../../shared/assessment-submission';
import type { IsoDate } from '../../../shared/calendar';
import { CAPABILITY_IDS } from '../../../shared/questionnaire';
import type { Assessment } from '../../../shared/assessment';
import { FINALIZED_IS_READ_ONLY, LOCAL_DRAFT_ID_FLOOR, requireComplete, requireDraft, standingAssessment } from '../assessments';
import type { AppDatabase } from '../db/connection';
import { DomainError } from '../errors';
import { recordAudit } from '../audit';
import type { UserProfile } from '../../../shared/profile';

/**
 * A desktop's outbox (issue 16). Finalizing on a desktop that follows the shared registry does
 * not make the assessment stand here: it queues the whole attestation, under an id made here,
 * for the registry to accept. The draft stays until the registry's own copy arrives in the feed,
 * so what the assessor verified is never only in flight.
 */

/** What the registry said to one submission. */
export type SubmitOutcome = { kind: 'delivered'; receipt: SubmissionReceipt } | { kind: 'conflict'; message: string } | { kind: 'refused'; message: string };

/** Sends one submission; throws RegistryUnreachable when the registry could not be asked. */
export type Submitter = (submission: AssessmentSubmission) => Promise<SubmitOutcome>;

/**
 * Queues the local draft's answers as a submission; finalizing the same draft again returns the entry already queued.
 * Returns the draft as read: queueing changes no row of it, so the caller need not read it again.
 */
export async function queueSubmission(database: AppDatabase, actor: UserProfile, localAssessmentId: number, today: IsoDate, at: Date): Promise<Assessment> {
  const { db } = database;
  const assessment = await requireDraft(db, localAssessmentId);
  // Only a draft made here, under this desktop's own ids, is this desktop's to send.
  if (assessment.id < LOCAL_DRAFT_ID_FLOOR) throw new DomainError('conflict', FINALIZED_IS_READ_ONLY);
  const queued = await db.selectFrom('replica_outbox').select('client_id').where('local_assessment_id', '=', assessment.id).where('state', 'in', ['pending', 'delivered', 'conflict', 'refused']).executeTakeFirst();
  if (queued) return assessment;
  requireComplete(assessment, today);
  const submission: AssessmentSubmission = {
    clientId: uuidv7(),
    facilityId: assessment.facilityId,
    basedOnAssessmentId: assessment.amendsId,
    amendmentReason: assessment.amendmentReason,
    questionnaireVersion: assessment.questionnaireVersion,
    answers: assessment.answers,
  };
  await db.transaction().execute(async (trx) => {
    await insertEntry(trx, assessment.id, submission, at);
    await recordAudit(trx, { actor, entityType: 'assessment', entityId: assessment.id, action: 'queue-for-registry', before: { state: 'draft' }, after: { clientId: submission.clientId, basedOn: submission.basedOnAssessmentId }, at });
  });
  return assessment;
}

async function insertEntry(db: AppDatabase['db'], localAssessmentId: number, submission: AssessmentSubmission, at: Date): Promise<void> {
  await db
    .insertInto('replica_outbox')
    .values({
      client_id: submission.clientId,
      local_assessment_id: localAssessmentId,
      facility_id: submission.facilityId,
      submission_json: JSON.stringify(submission),
      state: 'pending',
      queued_at: at.toISOString(),
    })
    .execute();
}

/** True when the local draft has been finalized here and waits in the outbox (its answers no longer change). */
export async function isQueued(database: AppDatabase, localAssessmentId: number): Promise<boolean> {
  const row = await database.db.selectFrom('replica_outbox').select('state').where('local_assessment_id', '=', localAssessmentId).where('state', '<>', 'withdrawn').executeTakeFirst();
  return row !== undefined;
}

/** The pending submissions, oldest first. */
export async function pendingSubmissions(database: AppDatabase): Promise<AssessmentSubmission[]> {
  const rows = await database.db.selectFrom('replica_outbox').select('submission_json').where('state', '=', 'pending').orderBy('queued_at').orderBy('client_id').execute();
  return rows.map((row) => JSON.parse(row.submission_json) as AssessmentSubmission);
}

/** Records what the registry said to one submission. */
export async function recordOutcome(database: AppDatabase, clientId: string, outcome: SubmitOutcome, at: Date): Promise<void> {
  const stamp = at.toISOString();
  await database.db
    .updateTable('replica_outbox')
    .set(
      outcome.kind === 'delivered'
        ? { state: 'delivered', attempted_at: stamp, delivered_at: stamp, server_assessment_id: outcome.receipt.assessmentId, server_message: null }
        : { state: outcome.kind, attempted_at: stamp, server_message: outcome.message },
    )
    .where('client_id', '=', clientId)
    .where('state', '=', 'pending')
    .execute();
}

/**
 * Once the registry's copy of a delivered submission has arrived in the feed, the local draft it
 * came from has done its work and goes; the outbox entry stays as the record of the delivery.
 */
export async function retireDeliveredDrafts(database: AppDatabase): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    const arrived = await trx
      .selectFrom('replica_outbox')
      .innerJoin('assessments', 'assessments.id', 'replica_outbox.server_assessment_id')
      .select('replica_outbox.local_assessment_id')
      .where('replica_outbox.state', '=', 'delivered')
      .execute();
    const drafts = arrived.map((row) => row.local_assessment_id);
    await removeLocalDrafts(trx, drafts);
  });
}

async function removeLocalDrafts(db: AppDatabase['db'], ids: number[]): Promise<void> {
  const drafts = ids.filter((id) => id >= LOCAL_DRAFT_ID_FLOOR);
  if (drafts.length === 0) return;
  const stillDrafts = (await db.selectFrom('assessments').select('id').where('id', 'in', drafts).where('state', '=', 'draft').execute()).map((row) => row.id);
  if (stillDrafts.length === 0) return;
  await db.deleteFrom('assessment_answers').where('assessment_id', 'in', stillDrafts).execute();
  await db.deleteFrom('assessments').where('id', 'in', stillDrafts).execute();
}

/** The outbox as the assessor sees it, newest first; a conflict shows what the registry has now beside it. */
export async function listOutbox(database: AppDatabase): Promise<OutboxEntry[]> {
  const { db } = database;
  const rows = await db
    .selectFrom('replica_outbox')
    .leftJoin('facilities', 'facilities.id', 'replica_outbox.facility_id')
    .selectAll('replica_outbox')
    .select('facilities.name as facility_name')
    .orderBy('replica_outbox.queued_at', 'desc')
    .execute();
  return Promise.all(
    rows.map(async (row) => {
      // A refusal is decided like a conflict (keep theirs, or send again), so it shows theirs too.
      const standing = row.state === 'conflict' || row.state === 'refused' ? await standingAssessment(db, row.facility_id) : null;
      return {
        clientId: row.client_id,
        localAssessmentId: row.local_assessment_id,
        facilityId: row.facility_id,
        facilityName: row.facility_name ?? `Facility ${row.facility_id}`,
        state: row.state,
        queuedAt: row.queued_at,
        attemptedAt: row.attempted_at,
        deliveredAt: row.delivered_at,
        serverMessage: row.server_message,
        submission: JSON.parse(row.submission_json) as AssessmentSubmission,
        theirs: standing
          ? { assessmentId: standing.id, revision: standing.revision, finalizedAt: standing.finalizedAt ?? '', assessorName: standing.assessorName, answers: standing.answers }
          : null,
      };
    }),
  );
}

/**
 * A person's decision on a conflict or a refusal: keep the registry's version (this one is
 * withdrawn, and its draft goes), or send these answers again as an amendment of what stands
 * on the registry now, with the reason they give.
 */
export async function resolveOutboxEntry(
  database: AppDatabase,
  actor: UserProfile,
  input: { clientId: string; decision: 'keep-theirs' } | { clientId: string; decision: 'submit-mine'; reason: string },
  at: Date,
): Promise<void> {
  const { db } = database;
  await db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom('replica_outbox').selectAll().where('client_id', '=', input.clientId).executeTakeFirst();
    if (!entry) throw new DomainError('not_found', 'That submission is not in this desktop’s outbox.');
    if (entry.state !== 'conflict' && entry.state !== 'refused') {
      throw new DomainError('conflict', entry.state === 'pending' ? 'This submission has not been answered yet; it is sent when the shared registry is reachable.' : 'This submission was already settled.');
    }
    await trx.updateTable('replica_outbox').set({ state: 'withdrawn' }).where('client_id', '=', entry.client_id).execute();
    await recordAudit(trx, {
      actor,
      entityType: 'assessment',
      entityId: entry.local_assessment_id,
      action: input.decision === 'keep-theirs' ? 'keep-registry-version' : 'resubmit-as-amendment',
      before: { clientId: entry.client_id, state: entry.state, registrySaid: entry.server_message },
      after: input.decision === 'keep-theirs' ? { state: 'withdrawn' } : { state: 'withdrawn', reason: input.reason },
      at,
    });
    if (input.decision === 'keep-theirs') {
      await removeLocalDrafts(trx, [entry.local_assessment_id]);
      return;
    }
    const previous = JSON.parse(entry.submission_json) as AssessmentSubmission;
    const standing = await trx.selectFrom('assessments').select('id').where('facility_id', '=', entry.facility_id).where('state', '=', 'finalized').executeTakeFirst();
    const submission: AssessmentSubmission = {
      ...previous,
      clientId: uuidv7(),
      basedOnAssessmentId: standing?.id ?? null,
      amendmentReason: standing ? input.reason : null,
      answers: Object.fromEntries(CAPABILITY_IDS.map((id) => [id, previous.answers[id]])) as AssessmentSubmission['answers'],
    };
    await insertEntry(trx, entry.local_assessment_id, submission, at);
  });
}
