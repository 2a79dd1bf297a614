import type { Kysely } from 'kysely';
import type { UserProfile } from '../../shared/profile';
import { appSettingsSchema, DEFAULT_SETTINGS, type AppSettings } from '../../shared/settings';
import { recordAudit } from './audit';
import type { DatabaseSchema } from './db/schema';

const SETTINGS_KEY = 'app';

export async function readSettings(db: Kysely<DatabaseSchema>): Promise<AppSettings> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_SETTINGS;
  const parsed = appSettingsSchema.safeParse(JSON.parse(row.value_json));
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveSettings(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  settings: AppSettings,
  at: Date,
): Promise<AppSettings> {
  return db.transaction().execute(async (trx) => {
    const before = await readSettings(trx);
    const value_json = JSON.stringify(settings);
    await trx
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value_json })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value_json }))
      .execute();
    await recordAudit(trx, { actor, entityType: 'setting', entityId: SETTINGS_KEY, action: 'update', before, after: settings, at });
    return settings;
  });
}
