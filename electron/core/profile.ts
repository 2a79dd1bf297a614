import type { Kysely } from 'kysely';
import { userProfileSchema, type UserProfile } from '../../shared/profile-schema';
import { recordAudit } from './audit';
import type { DatabaseSchema } from './db/schema';
import { DomainError } from './errors';

const PROFILE_KEY = 'profile';

export async function readProfile(db: Kysely<DatabaseSchema>): Promise<UserProfile | null> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', PROFILE_KEY).executeTakeFirst();
  if (!row) return null;
  const parsed = userProfileSchema.safeParse(JSON.parse(row.value_json));
  return parsed.success ? parsed.data : null;
}

/** The "who" of every recorded change; nothing is written before someone has said who they are. */
export async function requireProfile(db: Kysely<DatabaseSchema>): Promise<UserProfile> {
  const profile = await readProfile(db);
  if (!profile) {
    throw new DomainError('profile_required', 'Enter your name and role in Settings before making changes.');
  }
  return profile;
}

export async function saveProfile(db: Kysely<DatabaseSchema>, profile: UserProfile, at: Date): Promise<UserProfile> {
  return db.transaction().execute(async (trx) => {
    const before = await readProfile(trx);
    await trx
      .insertInto('settings')
      .values({ key: PROFILE_KEY, value_json: JSON.stringify(profile) })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value_json: JSON.stringify(profile) }))
      .execute();
    await recordAudit(trx, {
      actor: profile,
      entityType: 'profile',
      entityId: PROFILE_KEY,
      action: before ? 'update' : 'create',
      before: before ?? undefined,
      after: profile,
      at,
    });
    return profile;
  });
}
