import type { Kysely } from 'kysely';
import type { Actor } from '../../shared/permissions';
import type { DatabaseSchema } from './db/schema';

export type AuditedEntity = 'facility' | 'profile' | 'setting' | 'assessment' | 'case' | 'letter' | 'database' | 'user';

export interface AuditEntry {
  /** On a shared host it carries the verified identity, which is recorded beside the name. */
  actor: Actor;
  entityType: AuditedEntity;
  entityId: string | number;
  action: string;
  before: unknown;
  after: unknown;
  at: Date;
}

export function toAuditRow(entry: AuditEntry) {
  return {
    occurred_at: entry.at.toISOString(),
    actor_name: entry.actor.name,
    actor_role: entry.actor.role,
    actor_issuer: entry.actor.identity?.issuer ?? null,
    actor_subject: entry.actor.identity?.subject ?? null,
    actor_email: entry.actor.identity?.email ?? null,
    entity_type: entry.entityType,
    entity_id: String(entry.entityId),
    action: entry.action,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
  };
}

/** Call inside the same transaction as the change it records, so neither lands alone. */
export async function recordAudit(db: Kysely<DatabaseSchema>, entry: AuditEntry): Promise<void> {
  await db.insertInto('audit_events').values(toAuditRow(entry)).execute();
}
