import type { Kysely, Selectable } from 'kysely';
import {
  assessmentProblems,
  buildProfile,
  EMPTY_ANSWER,
  type Assessment,
  type AssessmentSummary,
  type CapabilityAnswer,
  type CapabilityProfile,
  type DetailValue,
  type PartnerArrangement,
} from '../../shared/assessment';
import type { PartnerProfile } from '../../shared/capability-judgement';
import type { IsoDate } from '../../shared/calendar';
import type { Facility } from '../../shared/facility';
import { CAPABILITY_IDS, CURRENT_QUESTIONNAIRE, type CapabilityId, type CapabilityStatus, type VerificationMethod } from '../../shared/questionnaire';
import type { UserProfile } from '../../shared/profile';
import { recordAudit } from './audit';
import type { AssessmentSubmission, SubmissionReceipt } from '../../shared/assessment-submission';
import type { AssessmentAnswersTable, AssessmentsTable, DatabaseSchema } from './db/schema';
import { DomainError, notFound } from './errors';
import { getFacility, toFacility } from './facilities';

type AssessmentRow = Selectable<AssessmentsTable> & { facility_name: string };
type AnswerRow = Selectable<AssessmentAnswersTable>;

function toSummary(row: AssessmentRow): AssessmentSummary {
  return {
    id: row.id,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    questionnaireId: 'sps-transfer',
    questionnaireVersion: row.questionnaire_version,
    state: row.state,
    revision: row.revision,
    amendsId: row.amends_id,
    amendmentReason: row.amendment_reason,
    assessorName: row.assessor_name,
    assessorRole: row.assessor_role,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finalizedAt: row.finalized_at,
    supersededAt: row.superseded_at,
  };
}

function toAnswer(row: AnswerRow): CapabilityAnswer {
  return {
    status: row.status as CapabilityStatus | null,
    details: JSON.parse(row.details_json) as Record<string, DetailValue>,
    partner: row.partner_json === null ? null : (JSON.parse(row.partner_json) as PartnerArrangement),
    evidence: row.evidence,
    verifiedByName: row.verified_by_name,
    verifiedByRole: row.verified_by_role,
    verificationMethod: row.verification_method as VerificationMethod | null,
    verifiedOn: row.verified_on,
  };
}

function answerColumns(answer: CapabilityAnswer) {
  return {
    status: answer.status,
    details_json: JSON.stringify(answer.details),
    partner_json: answer.partner === null ? null : JSON.stringify(answer.partner),
    evidence: answer.evidence,
    verified_by_name: answer.verifiedByName,
    verified_by_role: answer.verifiedByRole,
    verification_method: answer.verificationMethod,
    verified_on: answer.verifiedOn,
  };
}

function selectAssessments(db: Kysely<DatabaseSchema>) {
  return db
    .selectFrom('assessments')
    .innerJoin('facilities', 'facilities.id', 'assessments.facility_id')
    .selectAll('assessments')
    .select('facilities.name as facility_name');
}

/** All six answers; a capability never answered reads as the empty answer. */
function answersFrom(rows: AnswerRow[]): Record<CapabilityId, CapabilityAnswer> {
  const answers = Object.fromEntries(CAPABILITY_IDS.map((id) => [id, { ...EMPTY_ANSWER }])) as Record<CapabilityId, CapabilityAnswer>;
  for (const row of rows) answers[row.capability_id as CapabilityId] = toAnswer(row);
  return answers;
}

async function withAnswers(db: Kysely<DatabaseSchema>, row: AssessmentRow): Promise<Assessment> {
  const answerRows = await db.selectFrom('assessment_answers').selectAll().where('assessment_id', '=', row.id).execute();
  return { ...toSummary(row), answers: answersFrom(answerRows) };
}

export async function getAssessment(db: Kysely<DatabaseSchema>, id: number): Promise<Assessment> {
  const row = await selectAssessments(db).where('assessments.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That assessment');
  return withAnswers(db, row);
}

/** Every revision of a facility's assessment, newest first. */
export async function listFacilityAssessments(db: Kysely<DatabaseSchema>, facilityId: number): Promise<AssessmentSummary[]> {
  const rows = await selectAssessments(db)
    .where('assessments.facility_id', '=', facilityId)
    .orderBy('assessments.revision', 'desc')
    .execute();
  return rows.map(toSummary);
}

export async function facilityProfile(
  db: Kysely<DatabaseSchema>,
  facilityId: number,
  today: IsoDate,
  expiryMonths: number,
): Promise<CapabilityProfile | null> {
  const row = await selectAssessments(db)
    .where('assessments.facility_id', '=', facilityId)
    .where('assessments.state', '=', 'finalized')
    .executeTakeFirst();
  return row ? buildProfile(await withAnswers(db, row), today, expiryMonths) : null;
}

/**
 * A facility's next revision number, its open draft and its standing assessment, read together
 * through its own revisions (assessments_by_facility). Asking for the draft by state would go
 * through the small index of drafts, one page holding every facility's: on the shared registry,
 * whose transactions are SERIALIZABLE, each transaction that read that page collided with each
 * that wrote a draft, so people opening amendments of different facilities aborted each other.
 */
async function facilityRevisions(db: Kysely<DatabaseSchema>, facilityId: number): Promise<{ nextRevision: number; draftId: number | null; standingId: number | null }> {
  const row = await db
    .selectFrom('assessments')
    .select((eb) => [
      eb.fn.max('revision').as('latest'),
      eb.fn.max(eb.case().when('state', '=', 'draft').then(eb.ref('id')).end()).as('draft_id'),
      eb.fn.max(eb.case().when('state', '=', 'finalized').then(eb.ref('id')).end()).as('standing_id'),
    ])
    .where('facility_id', '=', facilityId)
    .executeTakeFirstOrThrow();
  return { nextRevision: Number(row.latest ?? 0) + 1, draftId: row.draft_id ?? null, standingId: row.standing_id ?? null };
}

/**
 * Where a new draft's id comes from: the registry's own sequence, or, on a desktop that follows
 * a shared registry, a range of its own far above the registry's ids, so a draft made here never
 * takes the id of an assessment the feed brings later.
 */
export type DraftIds = 'registry' | 'local';
export const LOCAL_DRAFT_ID_FLOOR = 2_000_000_000;

async function draftIdFor(db: Kysely<DatabaseSchema>, draftIds: DraftIds): Promise<{ id?: number }> {
  if (draftIds === 'registry') return {};
  const { highest } = await db.selectFrom('assessments').select((eb) => eb.fn.max('id').as('highest')).executeTakeFirstOrThrow();
  return { id: Math.max(LOCAL_DRAFT_ID_FLOOR, Number(highest ?? 0) + 1) };
}

interface NewDraft {
  /** Set only for a desktop's own range of ids (draftIdFor); otherwise the sequence gives it. */
  id?: number;
  facilityId: number;
  questionnaireId: string;
  questionnaireVersion: number;
  revision: number;
  amendsId: number | null;
  amendmentReason: string | null;
}

/** Starting, amending and taking a desktop's submission all create the draft row one way; a first draft starts without answers. */
async function insertDraft(
  trx: Kysely<DatabaseSchema>,
  actor: UserProfile,
  draft: NewDraft,
  answers: Record<CapabilityId, CapabilityAnswer> | null,
  at: Date,
): Promise<number> {
  const stamp = at.toISOString();
  const created = await trx
    .insertInto('assessments')
    .values({
      ...(draft.id === undefined ? {} : { id: draft.id }),
      facility_id: draft.facilityId,
      questionnaire_id: draft.questionnaireId,
      questionnaire_version: draft.questionnaireVersion,
      state: 'draft',
      revision: draft.revision,
      amends_id: draft.amendsId,
      amendment_reason: draft.amendmentReason,
      assessor_name: actor.name,
      assessor_role: actor.role,
      created_at: stamp,
      updated_at: stamp,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (answers) {
    await trx
      .insertInto('assessment_answers')
      .values(CAPABILITY_IDS.map((capabilityId) => ({ assessment_id: created.id, capability_id: capabilityId, ...answerColumns(answers[capabilityId]), updated_at: stamp })))
      .execute();
  }
  return created.id;
}

/** Finalizing here and taking a desktop's submission make a draft stand the same way, with the same audit trail. */
async function finalizeDraft(trx: Kysely<DatabaseSchema>, actor: UserProfile, draft: { id: number; amendsId: number | null; amendmentReason: string | null }, at: Date): Promise<void> {
  const stamp = at.toISOString();
  if (draft.amendsId !== null) {
    // Retire the amended version first: only one finalized assessment may stand per facility.
    await trx
      .updateTable('assessments')
      .set({ state: 'superseded', superseded_at: stamp, updated_at: stamp })
      .where('id', '=', draft.amendsId)
      .execute();
    await recordAudit(trx, {
      actor,
      entityType: 'assessment',
      entityId: draft.amendsId,
      action: 'supersede',
      before: { state: 'finalized' },
      after: { state: 'superseded', supersededBy: draft.id, reason: draft.amendmentReason },
      at,
    });
  }
  await trx.updateTable('assessments').set({ state: 'finalized', finalized_at: stamp, updated_at: stamp }).where('id', '=', draft.id).execute();
  await recordAudit(trx, { actor, entityType: 'assessment', entityId: draft.id, action: 'finalize', before: { state: 'draft' }, after: { state: 'finalized' }, at });
}

/** Opens the facility's draft, creating the first assessment if there is none. */
export async function startAssessment(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  facilityId: number,
  at: Date,
  draftIds: DraftIds = 'registry',
): Promise<Assessment> {
  const id = await db.transaction().execute(async (trx) => {
    const facility = await getFacility(trx, facilityId);
    if (facility.archived) {
      throw new DomainError('conflict', `${facility.name} is archived. Restore it before assessing it.`);
    }
    const revisions = await facilityRevisions(trx, facilityId);
    if (revisions.draftId !== null) return revisions.draftId;
    if (revisions.standingId !== null) {
      throw new DomainError('conflict', `${facility.name} already has a finalized assessment. Amend it to record what has changed.`);
    }
    const created = await insertDraft(
      trx,
      actor,
      {
        ...(await draftIdFor(trx, draftIds)),
        facilityId,
        questionnaireId: CURRENT_QUESTIONNAIRE.id,
        questionnaireVersion: CURRENT_QUESTIONNAIRE.version,
        revision: revisions.nextRevision,
        amendsId: null,
        amendmentReason: null,
      },
      null,
      at,
    );
    await recordAudit(trx, { actor, entityType: 'assessment', entityId: created, action: 'create', before: undefined, after: { facilityId, revision: 1 }, at });
    return created;
  });
  return getAssessment(db, id);
}

/** Exported with requireDraft for the desktop's outbox, which refuses a finalized assessment in the same words. */
export const FINALIZED_IS_READ_ONLY = 'This assessment is finalized and read-only. Amend it to change an answer.';

export async function requireDraft(db: Kysely<DatabaseSchema>, id: number): Promise<Assessment> {
  const assessment = await getAssessment(db, id);
  if (assessment.state !== 'draft') throw new DomainError('conflict', FINALIZED_IS_READ_ONLY);
  return assessment;
}

export async function saveAnswer(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  input: { assessmentId: number; capabilityId: CapabilityId; answer: CapabilityAnswer },
  at: Date,
): Promise<{ savedAt: string }> {
  return db.transaction().execute(async (trx) => {
    // Only the draft's state and the one answer being replaced (for the audit's "before"): on the
    // shared registry, reading all six answers locks their whole page under SERIALIZABLE (more
    // than two rows of a page lock the page), and other people's drafts keep answers there too.
    const assessment = await trx.selectFrom('assessments').select('state').where('id', '=', input.assessmentId).executeTakeFirst();
    if (!assessment) throw notFound('That assessment');
    if (assessment.state !== 'draft') throw new DomainError('conflict', FINALIZED_IS_READ_ONLY);
    const replaced = await trx
      .selectFrom('assessment_answers')
      .selectAll()
      .where('assessment_id', '=', input.assessmentId)
      .where('capability_id', '=', input.capabilityId)
      .executeTakeFirst();
    const before = replaced ? toAnswer(replaced) : { ...EMPTY_ANSWER };
    const stamp = at.toISOString();
    const columns = answerColumns(input.answer);
    await trx
      .insertInto('assessment_answers')
      .values({ assessment_id: input.assessmentId, capability_id: input.capabilityId, ...columns, updated_at: stamp })
      .onConflict((conflict) => conflict.columns(['assessment_id', 'capability_id']).doUpdateSet({ ...columns, updated_at: stamp }))
      .execute();
    await trx.updateTable('assessments').set({ updated_at: stamp }).where('id', '=', input.assessmentId).execute();
    await recordAudit(trx, {
      actor,
      entityType: 'assessment',
      entityId: input.assessmentId,
      action: `answer:${input.capabilityId}`,
      before,
      after: input.answer,
      at,
    });
    return { savedAt: stamp };
  });
}

/** Exported for the desktop's outbox: wherever an assessment is finalized, the assessor is refused in the same words. */
export function requireComplete(assessment: Pick<Assessment, 'answers'>, today: IsoDate): void {
  const problems = assessmentProblems(assessment, today);
  if (problems.length > 0) {
    throw new DomainError('invalid_input', `${problems.length} answer${problems.length === 1 ? ' needs' : 's need'} attention before finalizing.`, problems);
  }
}

export async function finalizeAssessment(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  id: number,
  today: IsoDate,
  at: Date,
): Promise<Assessment> {
  await db.transaction().execute(async (trx) => {
    const assessment = await requireDraft(trx, id);
    requireComplete(assessment, today);
    await finalizeDraft(trx, actor, assessment, at);
  });
  return getAssessment(db, id);
}

export async function amendAssessment(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  input: { assessmentId: number; reason: string },
  at: Date,
  draftIds: DraftIds = 'registry',
): Promise<Assessment> {
  const notStanding = () => new DomainError('conflict', 'Only the standing finalized assessment can be amended; this one is a draft or already superseded.');
  // Read before the transaction: a finalized assessment's answers never change (the database
  // refuses it), so they are still its answers as long as it is still finalized, which the
  // transaction checks. Reading its six answers inside would lock their page under SERIALIZABLE,
  // which people saving answers on drafts kept there write to: the amendment, the one transaction
  // between many saves, was then the one aborted, again and again.
  const source = await getAssessment(db, input.assessmentId);
  if (source.state !== 'finalized') throw notStanding();
  const id = await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('assessments').select('state').where('id', '=', source.id).executeTakeFirstOrThrow();
    if (current.state !== 'finalized') throw notStanding();
    const revisions = await facilityRevisions(trx, source.facilityId);
    if (revisions.draftId !== null) {
      throw new DomainError('conflict', `An amendment of ${source.facilityName} is already open as a draft. Continue that one.`);
    }
    const revision = revisions.nextRevision;
    const created = await insertDraft(
      trx,
      actor,
      {
        ...(await draftIdFor(trx, draftIds)),
        facilityId: source.facilityId,
        questionnaireId: source.questionnaireId,
        questionnaireVersion: source.questionnaireVersion,
        revision,
        amendsId: source.id,
        amendmentReason: input.reason,
      },
      source.answers,
      at,
    );
    await recordAudit(trx, {
      actor,
      entityType: 'assessment',
      entityId: created,
      action: 'amend',
      before: { revision: source.revision },
      after: { revision, amends: source.id, reason: input.reason },
      at,
    });
    return created;
  });
  return getAssessment(db, id);
}

/** Every active facility with a standing (finalized) profile: the pool receiving candidates come from. */
export async function loadStandingProfiles(
  db: Kysely<DatabaseSchema>,
  today: IsoDate,
  expiryMonths: number,
): Promise<{ facility: Facility; profile: CapabilityProfile }[]> {
  const rows = await db
    .selectFrom('assessments')
    .innerJoin('facilities', 'facilities.id', 'assessments.facility_id')
    .selectAll('facilities')
    .select([
      'assessments.id as assessment_id',
      'assessments.questionnaire_version',
      'assessments.state as assessment_state',
      'assessments.revision',
      'assessments.amends_id',
      'assessments.amendment_reason',
      'assessments.assessor_name',
      'assessments.assessor_role',
      'assessments.created_at as assessment_created_at',
      'assessments.updated_at as assessment_updated_at',
      'assessments.finalized_at',
      'assessments.superseded_at',
    ])
    .where('assessments.state', '=', 'finalized')
    .where('facilities.archived', '=', 0)
    .execute();
  const answerRows = await db
    .selectFrom('assessment_answers')
    .innerJoin('assessments', 'assessments.id', 'assessment_answers.assessment_id')
    .selectAll('assessment_answers')
    .where('assessments.state', '=', 'finalized')
    .execute();
  const answersByAssessment = new Map<number, AnswerRow[]>();
  for (const row of answerRows) {
    const list = answersByAssessment.get(row.assessment_id);
    if (list) list.push(row);
    else answersByAssessment.set(row.assessment_id, [row]);
  }
  return rows.map((row) => {
    const assessment: Assessment = {
      id: row.assessment_id,
      facilityId: row.id,
      facilityName: row.name,
      questionnaireId: 'sps-transfer',
      questionnaireVersion: row.questionnaire_version,
      state: row.assessment_state,
      revision: row.revision,
      amendsId: row.amends_id,
      amendmentReason: row.amendment_reason,
      assessorName: row.assessor_name,
      assessorRole: row.assessor_role,
      createdAt: row.assessment_created_at,
      updatedAt: row.assessment_updated_at,
      finalizedAt: row.finalized_at,
      supersededAt: row.superseded_at,
      answers: answersFrom(answersByAssessment.get(row.assessment_id) ?? []),
    };
    return { facility: toFacility(row), profile: buildProfile(assessment, today, expiryMonths) };
  });
}

/** The standing (finalized) assessment of a facility, in full, or null. */
export async function standingAssessment(db: Kysely<DatabaseSchema>, facilityId: number): Promise<Assessment | null> {
  const row = await selectAssessments(db).where('assessments.facility_id', '=', facilityId).where('assessments.state', '=', 'finalized').executeTakeFirst();
  return row ? withAnswers(db, row) : null;
}

/** The partners named in these profiles, with their own standing profiles: what backs a "through a partner" answer. */
export async function partnerProfiles(
  db: Kysely<DatabaseSchema>,
  profiles: (CapabilityProfile | null)[],
  today: IsoDate,
  expiryMonths: number,
): Promise<PartnerProfile[]> {
  const ids = new Set<number>();
  for (const profile of profiles) {
    for (const capability of profile?.capabilities ?? []) if (capability.partner?.facilityId) ids.add(capability.partner.facilityId);
  }
  const partners: PartnerProfile[] = [];
  for (const facilityId of ids) {
    const facility = await db.selectFrom('facilities').select(['id', 'name']).where('id', '=', facilityId).executeTakeFirst();
    if (facility) partners.push({ facilityId, name: facility.name, profile: await facilityProfile(db, facilityId, today, expiryMonths) });
  }
  return partners;
}

/**
 * Stores an assessment finalized on a desktop (issue 16) in one transaction: a new assessment,
 * its answers, the supersession of the one it was based on, and the receipt under the
 * desktop's id. The same submission again returns the first receipt. One based on an assessment
 * that no longer stands, or arriving while someone has a draft open, is a conflict: nothing is
 * stored, and the desktop keeps its version for the assessor to decide.
 */
export async function submitAssessment(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  submission: AssessmentSubmission,
  today: IsoDate,
  at: Date,
): Promise<SubmissionReceipt> {
  return db.transaction().execute(async (trx) => {
    const receipt = await submissionReceipt(trx, submission.clientId);
    if (receipt) return receipt;
    const facility = await getFacility(trx, submission.facilityId);
    if (facility.archived) throw new DomainError('conflict', `${facility.name} was archived on the shared registry, so it takes no new assessment.`);
    // assessments_one_profile lets one finalized assessment stand per facility, so the revisions'
    // standingId is the one the submission must name; its row is read only to say who replaced it.
    const revisions = await facilityRevisions(trx, facility.id);
    const standingId = revisions.standingId;
    if (standingId !== submission.basedOnAssessmentId) {
      const standing = standingId === null ? undefined : await trx.selectFrom('assessments').select(['revision', 'assessor_name']).where('id', '=', standingId).executeTakeFirstOrThrow();
      throw new DomainError(
        'conflict',
        standing
          ? `${facility.name} has a newer assessment on the shared registry (revision ${standing.revision}, finalized by ${standing.assessor_name}) than the one this was based on. Compare the two and decide which stands.`
          : `The assessment this was based on no longer stands for ${facility.name} on the shared registry. Compare and decide.`,
      );
    }
    if (revisions.draftId !== null) throw new DomainError('conflict', `Someone has an assessment of ${facility.name} open as a draft on the shared registry. It can be sent once that draft is finalized; then compare the two.`);
    if (standingId !== null && submission.amendmentReason === null) throw new DomainError('invalid_input', 'Say why the assessment was amended.');
    requireComplete(submission, today);
    const stamp = at.toISOString();
    const revision = revisions.nextRevision;
    const draft = {
      facilityId: facility.id,
      questionnaireId: CURRENT_QUESTIONNAIRE.id,
      questionnaireVersion: submission.questionnaireVersion,
      revision,
      amendsId: standingId,
      amendmentReason: standingId !== null ? submission.amendmentReason : null,
    };
    const created = await insertDraft(trx, actor, draft, submission.answers, at);
    await recordAudit(trx, { actor, entityType: 'assessment', entityId: created, action: 'submit', before: undefined, after: { ...submission, revision }, at });
    await finalizeDraft(trx, actor, { ...draft, id: created }, at);
    await trx.insertInto('assessment_submissions').values({ client_id: submission.clientId, assessment_id: created, submitted_at: stamp }).execute();
    return { clientId: submission.clientId, assessmentId: created, facilityId: facility.id, finalizedAt: stamp };
  });
}

async function submissionReceipt(db: Kysely<DatabaseSchema>, clientId: string): Promise<SubmissionReceipt | null> {
  const row = await db
    .selectFrom('assessment_submissions')
    .innerJoin('assessments', 'assessments.id', 'assessment_submissions.assessment_id')
    .select(['assessment_submissions.assessment_id', 'assessments.facility_id', 'assessments.finalized_at'])
    .where('assessment_submissions.client_id', '=', clientId)
    .executeTakeFirst();
  return row ? { clientId, assessmentId: row.assessment_id, facilityId: row.facility_id, finalizedAt: row.finalized_at ?? '' } : null;
}
