import type { Kysely, Selectable } from 'kysely';
import { identityKey, type Actor, type Caller } from '../../shared/permissions';
import { transferCaseSchema, type CaseSummary, type TransferCase, type TransferCaseDetails } from '../../shared/transfer-case';
import { recordAudit } from './audit';
import type { DatabaseSchema, TransferCasesTable } from './db/schema';
import { DomainError, notFound } from './errors';
import { getFacility } from './facilities';

type CaseRow = Selectable<TransferCasesTable>;

function toCase(row: CaseRow): TransferCase {
  return {
    ...transferCaseSchema.parse(JSON.parse(row.details_json)),
    id: row.id,
    receivingFacilityId: row.receiving_facility_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdByName: row.created_by_name,
  };
}

export async function getCase(db: Kysely<DatabaseSchema>, id: number): Promise<TransferCase> {
  const row = await db.selectFrom('transfer_cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That transfer case');
  return toCase(row);
}

/**
 * Cases hold patient data: on a shared host a person sees the cases they opened and those
 * referred from facilities they are a physician for, nobody else's (administrators included).
 */
export async function listCases(db: Kysely<DatabaseSchema>, caller: Caller): Promise<CaseSummary[]> {
  let query = db
    .selectFrom('transfer_cases')
    .innerJoin('facilities as referring', 'referring.id', 'transfer_cases.referring_facility_id')
    .leftJoin('facilities as receiving', 'receiving.id', 'transfer_cases.receiving_facility_id')
    .selectAll('transfer_cases')
    .select(['referring.name as referring_name', 'receiving.name as receiving_name'])
    .select((eb) =>
      eb
        .selectFrom('letters')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('letters.case_id', '=', 'transfer_cases.id')
        .where('letters.state', '=', 'issued')
        .as('issued_letters'),
    )
    .orderBy('transfer_cases.updated_at', 'desc');
  if (caller.kind === 'person') {
    const facilityIds = caller.grants.flatMap((grant) => (grant.role === 'physician' && grant.facilityId !== null ? [grant.facilityId] : []));
    const author = identityKey(caller.identity);
    query = query.where((eb) =>
      facilityIds.length > 0
        ? eb.or([eb('transfer_cases.created_by_identity', '=', author), eb('transfer_cases.referring_facility_id', 'in', facilityIds)])
        : eb('transfer_cases.created_by_identity', '=', author),
    );
  }
  const rows = await query.execute();
  return rows.map((row) => {
    const details = toCase(row);
    return {
      id: row.id,
      patientName: details.patient.name,
      stage: details.stage,
      referringFacilityName: row.referring_name,
      receivingFacilityName: row.receiving_name,
      updatedAt: row.updated_at,
      issuedLetters: Number(row.issued_letters ?? 0),
    };
  });
}

async function requireReferring(db: Kysely<DatabaseSchema>, facilityId: number): Promise<void> {
  const facility = await getFacility(db, facilityId).catch(() => null);
  if (!facility) {
    throw new DomainError('invalid_input', 'Choose the referring facility from the registry.', [
      { field: 'referringFacilityId', message: 'That facility no longer exists.' },
    ]);
  }
}

/** Audit entries for cases name what changed, never the values: they are patient data. */
function changedFields(before: TransferCaseDetails | null, after: TransferCaseDetails): string[] {
  if (!before) return Object.keys(after);
  return (Object.keys(after) as (keyof TransferCaseDetails)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

export async function createCase(db: Kysely<DatabaseSchema>, actor: Actor, details: TransferCaseDetails, at: Date): Promise<TransferCase> {
  const id = await db.transaction().execute(async (trx) => {
    await requireReferring(trx, details.referringFacilityId);
    const stamp = at.toISOString();
    const row = await trx
      .insertInto('transfer_cases')
      .values({
        referring_facility_id: details.referringFacilityId,
        receiving_facility_id: null,
        details_json: JSON.stringify(details),
        created_by_name: actor.name,
        created_by_identity: actor.identity ? identityKey(actor.identity) : null,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, entityType: 'case', entityId: row.id, action: 'create', before: undefined, after: { fields: changedFields(null, details) }, at });
    return row.id;
  });
  return getCase(db, id);
}

export async function updateCase(
  db: Kysely<DatabaseSchema>,
  actor: Actor,
  input: { caseId: number; details: TransferCaseDetails },
  at: Date,
): Promise<TransferCase> {
  await db.transaction().execute(async (trx) => {
    const before = await getCase(trx, input.caseId);
    await requireReferring(trx, input.details.referringFacilityId);
    await trx
      .updateTable('transfer_cases')
      .set({
        referring_facility_id: input.details.referringFacilityId,
        details_json: JSON.stringify(input.details),
        updated_at: at.toISOString(),
      })
      .where('id', '=', input.caseId)
      .execute();
    await recordAudit(trx, { actor, entityType: 'case', entityId: input.caseId, action: 'update', before: undefined, after: { fields: changedFields(before, input.details) }, at });
  });
  return getCase(db, input.caseId);
}

export async function chooseReceivingFacility(
  db: Kysely<DatabaseSchema>,
  actor: Actor,
  input: { caseId: number; facilityId: number | null },
  at: Date,
): Promise<TransferCase> {
  await db.transaction().execute(async (trx) => {
    const before = await getCase(trx, input.caseId);
    if (input.facilityId !== null) await getFacility(trx, input.facilityId);
    await trx
      .updateTable('transfer_cases')
      .set({ receiving_facility_id: input.facilityId, updated_at: at.toISOString() })
      .where('id', '=', input.caseId)
      .execute();
    await recordAudit(trx, {
      actor,
      entityType: 'case',
      entityId: input.caseId,
      action: 'choose-receiving',
      before: { receivingFacilityId: before.receivingFacilityId },
      after: { receivingFacilityId: input.facilityId },
      at,
    });
  });
  return getCase(db, input.caseId);
}
