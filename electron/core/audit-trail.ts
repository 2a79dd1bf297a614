import type { Kysely } from 'kysely';
import type { AuditEvent, AuditFacets, AuditQuery } from '../../shared/audit-trail';
import type { DatabaseSchema } from './db/schema';

/** Reading the trail; writing it is audit.ts, inside each change's own transaction. */
export async function listAuditEvents(db: Kysely<DatabaseSchema>, query: AuditQuery): Promise<{ events: AuditEvent[]; total: number }> {
  let base = db.selectFrom('audit_events');
  if (query.actor) base = base.where('actor_name', '=', query.actor);
  if (query.entityType) base = base.where('entity_type', '=', query.entityType);
  if (query.entityId) base = base.where('entity_id', '=', query.entityId);
  if (query.action) base = base.where('action', '=', query.action);
  if (query.from) base = base.where('occurred_at', '>=', query.from);
  if (query.to) base = base.where('occurred_at', '<', `${query.to}T23:59:59.999Z`);
  const rows = await base.selectAll().orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute();
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return {
    total: Number(total),
    events: rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at,
      actorName: row.actor_name,
      actorRole: row.actor_role,
      actorEmail: row.actor_email ?? null,
      actorIssuer: row.actor_issuer ?? null,
      actorSubject: row.actor_subject ?? null,
      entityType: row.entity_type,
      entityId: row.entity_id,
      action: row.action,
      before: row.before_json,
      after: row.after_json,
    })),
  };
}

export async function auditFacets(db: Kysely<DatabaseSchema>): Promise<AuditFacets> {
  const distinct = async (column: 'actor_name' | 'entity_type' | 'action') =>
    (await db.selectFrom('audit_events').select(column).distinct().orderBy(column).execute()).map((row) => row[column] as string);
  return { actors: await distinct('actor_name'), entityTypes: await distinct('entity_type'), actions: await distinct('action') };
}
