import type { Kysely } from 'kysely';
import { profileRoleFor, type Actor } from '../../shared/permissions';
import { recordAudit } from './audit';
import type { DatabaseSchema } from './db/schema';
import { registryPerson } from './users';

type Db = Kysely<DatabaseSchema>;

/** A desktop's use is written down at most this often, not on every call it makes. */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * Starts a desktop's session: the token's SHA-256 is stored (never the token), and the sign-in
 * goes into the audit trail as a browser sign-in does, with the session's number and expiry.
 */
export async function startDesktopSession(db: Db, input: { userId: number; tokenSha256: string; expiresAt: Date }, at: Date): Promise<number | null> {
  const person = await registryPerson(db, input.userId);
  if (!person) return null;
  const stamp = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('desktop_sessions')
      .values({ user_id: input.userId, token_sha256: input.tokenSha256, created_at: stamp, last_used_at: stamp, expires_at: input.expiresAt.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const actor: Actor = { name: person.caller.identity.name, role: profileRoleFor(person.caller.grants), identity: person.caller.identity };
    await recordAudit(trx, {
      actor,
      entityType: 'user',
      entityId: input.userId,
      action: 'sign-in',
      before: undefined,
      after: { desktopSession: id, expiresAt: input.expiresAt.toISOString() },
      at,
    });
    return id;
  });
}

/** The user a live (not revoked, not expired) desktop token belongs to; null otherwise. */
export async function desktopSessionUser(db: Db, tokenSha256: string, at: Date): Promise<number | null> {
  const stamp = at.toISOString();
  const row = await db
    .selectFrom('desktop_sessions')
    .select(['id', 'user_id', 'last_used_at'])
    .where('token_sha256', '=', tokenSha256)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', stamp)
    .executeTakeFirst();
  if (!row) return null;
  if (at.getTime() - Date.parse(row.last_used_at) >= LAST_USED_GRANULARITY_MS) {
    await db.updateTable('desktop_sessions').set({ last_used_at: stamp }).where('id', '=', row.id).execute();
  }
  return row.user_id;
}

/** Ends a desktop's session (it disconnected, or signed out); true when one was live. */
export async function revokeDesktopSession(db: Db, tokenSha256: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('desktop_sessions')
    .set({ revoked_at: at.toISOString() })
    .where('token_sha256', '=', tokenSha256)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Signs out every desktop of one person (a lost laptop, someone leaving): their live tokens
 * stop working at once on every server. Recorded in the audit trail; returns how many ended.
 */
export async function revokePersonsDesktops(db: Db, actor: Actor, email: string, at: Date): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    if (!user) return null;
    const result = await trx
      .updateTable('desktop_sessions')
      .set({ revoked_at: at.toISOString() })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const ended = Number(result.numUpdatedRows);
    await recordAudit(trx, { actor, entityType: 'user', entityId: user.id, action: 'sign-out-desktops', before: undefined, after: { desktopSessionsEnded: ended }, at });
    return ended;
  });
}
