import { sql, type Kysely, type Selectable } from 'kysely';
import type { Facility } from '../../shared/facility';
import type { UserProfile } from '../../shared/profile';
import { recordAudit } from './audit';
import type { DatabaseSchema, FacilitiesTable } from './db/schema';
import { notFound } from './errors';

type FacilityRow = Selectable<FacilitiesTable>;

function toFacility(row: FacilityRow): Facility {
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

export async function listFacilities(
  db: Kysely<DatabaseSchema>,
  filter: { includeArchived: boolean },
): Promise<Facility[]> {
  let query = db.selectFrom('facilities').selectAll();
  if (!filter.includeArchived) query = query.where('archived', '=', 0);
  const rows = await query.orderBy(sql`lower(name)`).orderBy('id').execute();
  return rows.map(toFacility);
}

export async function getFacility(db: Kysely<DatabaseSchema>, id: number): Promise<Facility> {
  const row = await db.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That facility');
  return toFacility(row);
}

export async function createFacility(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  input: { name: string },
  at: Date,
): Promise<Facility> {
  return db.transaction().execute(async (trx) => {
    const stamp = at.toISOString();
    const row = await trx
      .insertInto('facilities')
      .values({ name: input.name, created_at: stamp, updated_at: stamp })
      .returningAll()
      .executeTakeFirstOrThrow();
    const created = toFacility(row);
    await recordAudit(trx, {
      actor,
      entityType: 'facility',
      entityId: created.id,
      action: 'create',
      before: undefined,
      after: created,
      at,
    });
    return created;
  });
}

/** Applies a change to one facility and audits it with the full before and after. */
async function changeFacility(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  id: number,
  action: string,
  changes: Partial<Pick<FacilityRow, 'name' | 'archived'>>,
  at: Date,
): Promise<Facility> {
  return db.transaction().execute(async (trx) => {
    const before = await getFacility(trx, id);
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
