import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { LetterSummary, LetterView, RegistryEvidence } from '../../shared/case-workup';
import type { IsoDate } from '../../shared/calendar';
import { applyEdits, composeLetter, insurerLetterBlocker, type ComposedLetter, type LetterAudience, type LetterSource } from '../../shared/letters';
import type { UserProfile } from '../../shared/profile';
import { translationReviewStatus, type AppSettings } from '../../shared/settings';
import { FAMILY_LANGUAGE_LABELS } from '../../shared/transfer-case';
import { recordAudit } from './audit';
import type { DatabaseSchema, LettersTable } from './db/schema';
import { DomainError, notFound } from './errors';
import { readSettings } from './settings';
import { letterSourceFor } from './transfer-workup';

type LetterRow = Selectable<LettersTable>;

function toSummary(row: LetterRow): LetterSummary {
  const frozen = row.source_json ? (JSON.parse(row.source_json) as { registryEvidence?: RegistryEvidence }) : null;
  return {
    evidenceFrom: frozen?.registryEvidence ?? null,
    id: row.id,
    audience: row.audience,
    state: row.state,
    sha256: row.sha256,
    issuedAt: row.issued_at,
    issuedByName: row.issued_by_name,
    updatedAt: row.updated_at,
  };
}

export async function listLetters(db: Kysely<DatabaseSchema>, caseId: number): Promise<LetterSummary[]> {
  const rows = await db.selectFrom('letters').selectAll().where('case_id', '=', caseId).orderBy('id', 'desc').execute();
  return rows.map(toSummary);
}

async function getLetterRow(db: Kysely<DatabaseSchema>, letterId: number): Promise<LetterRow> {
  const row = await db.selectFrom('letters').selectAll().where('id', '=', letterId).executeTakeFirst();
  if (!row) throw notFound('That letter');
  return row;
}

/** Where this desktop's copy of the shared registry stands, if it follows one: what an issued letter's evidence came from. */
async function replicaPosition(db: Kysely<DatabaseSchema>): Promise<RegistryEvidence | null> {
  const link = await db.selectFrom('replica_link').select(['server_url', 'registry_id', 'cursor', 'last_pulled_at']).executeTakeFirst();
  return link ? { serverUrl: link.server_url, registryId: link.registry_id, sequence: Number(link.cursor), pulledAt: link.last_pulled_at } : null;
}

/** An issued letter is read back exactly as frozen; a draft is composed afresh with its edits. */
export async function viewLetter(db: Kysely<DatabaseSchema>, letterId: number, today: IsoDate): Promise<LetterView> {
  const row = await getLetterRow(db, letterId);
  const edits = JSON.parse(row.edits_json) as Record<string, string>;
  if (row.state === 'issued') {
    return { ...toSummary(row), caseId: row.case_id, letter: JSON.parse(row.content_json!) as ComposedLetter, edits, issueBlocker: null, translationNotice: null };
  }
  const source = await letterSourceFor(db, row.case_id, today);
  const letter = applyEdits(composeLetter(row.audience, source), edits);
  return {
    ...toSummary(row),
    caseId: row.case_id,
    letter,
    edits,
    issueBlocker: issueBlocker(row.audience, source),
    translationNotice: translationNotice(letter, await readSettings(db)),
  };
}

/**
 * Section 1557 expects translated patient letters to come from a qualified translator: until a
 * review of this wording is recorded in Settings, the physician is told so and must confirm.
 */
function translationNotice(letter: ComposedLetter, settings: AppSettings): string | null {
  const language = letter.language ?? 'en';
  if (translationReviewStatus(settings, language) === 'reviewed') return null;
  return `Translation not yet reviewed by a qualified translator: this ${FAMILY_LANGUAGE_LABELS[language].split(' ')[0]} wording has no review recorded in Settings. You can still issue it; your confirmation is recorded.`;
}

/** Why this letter cannot be issued now, in words that say what would change it; null when it can. */
function issueBlocker(audience: LetterAudience, source: LetterSource): string | null {
  return audience === 'insurer' ? insurerLetterBlocker(source) : null;
}

export async function openLetterDraft(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  input: { caseId: number; audience: LetterAudience },
  today: IsoDate,
  at: Date,
): Promise<LetterView> {
  const id = await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('letters')
      .select('id')
      .where('case_id', '=', input.caseId)
      .where('audience', '=', input.audience)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    if (existing) return existing.id;
    const caseExists = await trx.selectFrom('transfer_cases').select('id').where('id', '=', input.caseId).executeTakeFirst();
    if (!caseExists) throw notFound('That transfer case');
    const stamp = at.toISOString();
    const row = await trx
      .insertInto('letters')
      .values({ case_id: input.caseId, audience: input.audience, state: 'draft', created_at: stamp, updated_at: stamp })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, entityType: 'letter', entityId: row.id, action: 'create', before: undefined, after: { caseId: input.caseId, audience: input.audience }, at });
    return row.id;
  });
  return viewLetter(db, id, today);
}

async function requireDraft(db: Kysely<DatabaseSchema>, letterId: number): Promise<LetterRow> {
  const row = await getLetterRow(db, letterId);
  if (row.state !== 'draft') throw new DomainError('conflict', 'This letter has been issued and cannot change. Open a new draft to write another.');
  return row;
}

export async function saveLetterEdit(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  input: { letterId: number; paragraphId: string; text: string | null },
  today: IsoDate,
  at: Date,
): Promise<LetterView> {
  await db.transaction().execute(async (trx) => {
    const row = await requireDraft(trx, input.letterId);
    const edits = JSON.parse(row.edits_json) as Record<string, string>;
    if (input.text === null) delete edits[input.paragraphId];
    else edits[input.paragraphId] = input.text;
    await trx.updateTable('letters').set({ edits_json: JSON.stringify(edits), updated_at: at.toISOString() }).where('id', '=', input.letterId).execute();
    // The paragraph text may hold patient details: the trail records which paragraph, not what.
    await recordAudit(trx, { actor, entityType: 'letter', entityId: input.letterId, action: input.text === null ? 'restore-paragraph' : 'edit-paragraph', before: undefined, after: { paragraphId: input.paragraphId }, at });
  });
  return viewLetter(db, input.letterId, today);
}

export function letterDigest(contentJson: string): string {
  return createHash('sha256').update(contentJson, 'utf8').digest('hex');
}

export async function issueLetter(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  input: { letterId: number; confirmUnreviewedTranslation: boolean },
  today: IsoDate,
  at: Date,
): Promise<LetterView> {
  const { letterId } = input;
  await db.transaction().execute(async (trx) => {
    const row = await requireDraft(trx, letterId);
    const source = await letterSourceFor(trx, row.case_id, today);
    const blocker = issueBlocker(row.audience, source);
    if (blocker) throw new DomainError('conflict', blocker);
    const content = applyEdits(composeLetter(row.audience, source), JSON.parse(row.edits_json) as Record<string, string>);
    const notice = translationNotice(content, await readSettings(trx));
    if (notice && !input.confirmUnreviewedTranslation) {
      throw new DomainError('conflict', `${notice} Confirm to issue it.`, [{ field: 'confirmUnreviewedTranslation', message: 'Confirm that you issue a translation no qualified translator has reviewed.' }]);
    }
    const contentJson = JSON.stringify(content);
    const sha256 = letterDigest(contentJson);
    const registryEvidence = await replicaPosition(trx);
    await trx
      .updateTable('letters')
      .set({
        state: 'issued',
        content_json: contentJson,
        source_json: JSON.stringify(registryEvidence ? { ...source, registryEvidence } : source),
        sha256,
        issued_at: at.toISOString(),
        issued_by_name: actor.name,
        updated_at: at.toISOString(),
      })
      .where('id', '=', letterId)
      .execute();
    await recordAudit(trx, {
      actor,
      entityType: 'letter',
      entityId: letterId,
      action: 'issue',
      before: { state: 'draft' },
      after: { state: 'issued', sha256, ...(notice ? { unreviewedTranslationConfirmed: true } : {}), ...(registryEvidence ? { registrySequence: registryEvidence.sequence } : {}) },
      at,
    });
  });
  return viewLetter(db, letterId, today);
}
