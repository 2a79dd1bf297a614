import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type {
  Facility,
  FacilityFacets,
  FacilityList,
  FacilityListItem,
  FacilityRecord,
} from '../../shared/facility';
import type { UserProfile } from '../../shared/profile';
import { recordAudit } from './audit';
import type { DatabaseSchema, FacilitiesTable } from './db/schema';
import { DomainError, notFound } from './errors';

type FacilityRow = Selectable<FacilitiesTable>;

export function toFacility(row: FacilityRow): Facility {
  return {
    id: row.id,
    ccn: row.ccn,
    name: row.name,
    facilityType: row.facility_type,
    ownership: row.ownership,
    address: row.address,
    city: row.city,
    state: row.state,
    zip: row.zip,
    county: row.county,
    phone: row.phone,
    latitude: row.latitude,
    longitude: row.longitude,
    notes: row.notes,
    archived: row.archived === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A record as it reads once stored: the record's fields are the facility's, named alike. */
export function storedFacility(id: number, record: FacilityRecord, archived: boolean, createdAt: string, updatedAt: string): Facility {
  return { id, ...record, archived, createdAt, updatedAt };
}

/** A record's fields as facility columns (everything but id, archived and timestamps). */
export function facilityColumns(record: FacilityRecord) {
  return {
    ccn: record.ccn,
    name: record.name,
    facility_type: record.facilityType,
    ownership: record.ownership,
    address: record.address,
    city: record.city,
    state: record.state,
    zip: record.zip,
    county: record.county,
    phone: record.phone,
    latitude: record.latitude,
    longitude: record.longitude,
    notes: record.notes,
  };
}

interface FacilityFilter {
  includeArchived: boolean;
  search: string;
  state: string;
  facilityType: string;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function matchesFilter(eb: ExpressionBuilder<DatabaseSchema, 'facilities'>, filter: FacilityFilter) {
  const conditions = [];
  if (!filter.includeArchived) conditions.push(eb('facilities.archived', '=', 0));
  if (filter.state) conditions.push(eb('facilities.state', '=', filter.state.toUpperCase()));
  if (filter.facilityType) conditions.push(eb('facilities.facility_type', '=', filter.facilityType));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search.toLowerCase())}%`;
    conditions.push(
      eb.or([
        sql<boolean>`lower(facilities.name) LIKE ${pattern} ESCAPE '\\'`,
        sql<boolean>`lower(facilities.city) LIKE ${pattern} ESCAPE '\\'`,
        eb('facilities.ccn', '=', filter.search.toUpperCase()),
      ]),
    );
  }
  return eb.and(conditions);
}

export async function listFacilities(
  db: Kysely<DatabaseSchema>,
  filter: FacilityFilter & { limit: number },
): Promise<FacilityList> {
  const rows = await db
    .selectFrom('facilities')
    .leftJoin('assessments as profile', (join) =>
      join.onRef('profile.facility_id', '=', 'facilities.id').on('profile.state', '=', 'finalized'),
    )
    .leftJoin('assessments as draft', (join) =>
      join.onRef('draft.facility_id', '=', 'facilities.id').on('draft.state', '=', 'draft'),
    )
    .selectAll('facilities')
    .select(['profile.finalized_at as profile_finalized_at', 'draft.id as draft_id'])
    .where((eb) => matchesFilter(eb, filter))
    .orderBy(sql`lower(facilities.name)`)
    .orderBy('facilities.id')
    .limit(filter.limit)
    .execute();
  const { total } = await db
    .selectFrom('facilities')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => matchesFilter(eb, filter))
    .executeTakeFirstOrThrow();
  const items: FacilityListItem[] = rows.map((row) => ({
    ...toFacility(row),
    profileFinalizedAt: row.profile_finalized_at,
    hasDraft: row.draft_id !== null,
  }));
  return { items, total: Number(total) };
}

export async function facilityFacets(db: Kysely<DatabaseSchema>): Promise<FacilityFacets> {
  const states = await db
    .selectFrom('facilities')
    .select('state')
    .distinct()
    .where('state', '!=', '')
    .orderBy('state')
    .execute();
  const types = await db
    .selectFrom('facilities')
    .select('facility_type')
    .distinct()
    .where('facility_type', '!=', '')
    .orderBy('facility_type')
    .execute();
  return { states: states.map((row) => row.state), facilityTypes: types.map((row) => row.facility_type) };
}

export async function getFacility(db: Kysely<DatabaseSchema>, id: number): Promise<Facility> {
  const row = await db.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That facility');
  return toFacility(row);
}

async function ensureCcnFree(db: Kysely<DatabaseSchema>, ccn: string | null, exceptId?: number): Promise<void> {
  if (!ccn) return;
  const holder = await db.selectFrom('facilities').select(['id', 'name']).where('ccn', '=', ccn).executeTakeFirst();
  if (holder && holder.id !== exceptId) {
    throw new DomainError('conflict', `CCN ${ccn} already belongs to ${holder.name}. Each facility has its own CCN.`, [
      { field: 'ccn', message: `CCN ${ccn} already belongs to ${holder.name}.` },
    ]);
  }
}

export async function createFacility(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  record: FacilityRecord,
  at: Date,
): Promise<Facility> {
  return db.transaction().execute(async (trx) => {
    await ensureCcnFree(trx, record.ccn);
    const stamp = at.toISOString();
    const row = await trx
      .insertInto('facilities')
      .values({ ...facilityColumns(record), created_at: stamp, updated_at: stamp })
      .returningAll()
      .executeTakeFirstOrThrow();
    const created = toFacility(row);
    await recordAudit(trx, { actor, entityType: 'facility', entityId: created.id, action: 'create', before: undefined, after: created, at });
    return created;
  });
}

/** Applies a change to one facility and audits it with the full before and after. */
async function changeFacility(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  id: number,
  action: string,
  changes: Partial<Omit<FacilityRow, 'id' | 'created_at' | 'updated_at'>>,
  at: Date,
): Promise<Facility> {
  return db.transaction().execute(async (trx) => {
    const before = await getFacility(trx, id);
    if (changes.ccn !== undefined) await ensureCcnFree(trx, changes.ccn, id);
    const row = await trx
      .updateTable('facilities')
      .set({ ...changes, updated_at: at.toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toFacility(row);
    await recordAudit(trx, { actor, entityType: 'facility', entityId: id, action, before, after, at });
    return after;
  });
}

export function updateFacility(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  input: { id: number; record: FacilityRecord },
  at: Date,
): Promise<Facility> {
  return changeFacility(db, actor, input.id, 'update', facilityColumns(input.record), at);
}

export function renameFacility(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  input: { id: number; name: string },
  at: Date,
): Promise<Facility> {
  return changeFacility(db, actor, input.id, 'rename', { name: input.name }, at);
}

export function setFacilityArchived(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  input: { id: number; archived: boolean },
  at: Date,
): Promise<Facility> {
  return changeFacility(db, actor, input.id, input.archived ? 'archive' : 'restore', { archived: input.archived ? 1 : 0 }, at);
}
