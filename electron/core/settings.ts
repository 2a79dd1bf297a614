import type { Kysely } from 'kysely';
import { calendarDate } from '../../shared/calendar';
import type { FieldProblem } from '../../shared/call-result';
import type { UserProfile } from '../../shared/profile';
import {
  appSettingsSchema,
  DEFAULT_SETTINGS,
  FAMILY_LETTER_TEMPLATE_VERSIONS,
  TRANSLATED_LANGUAGES,
  type AppSettings,
} from '../../shared/settings';
import { recordAudit } from './audit';
import type { DatabaseSchema } from './db/schema';
import { DomainError } from './errors';

const SETTINGS_KEY = 'app';

export async function readSettings(db: Kysely<DatabaseSchema>): Promise<AppSettings> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_SETTINGS;
  const stored = JSON.parse(row.value_json) as Record<string, unknown>;
  const parsed = appSettingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  // A damaged review must not cost the letterhead and expiry too: drop only it, so the letter
  // counts as unreviewed (the safe reading) and the rest still stands.
  const withoutReviews = appSettingsSchema.safeParse({ ...stored, translationReviews: undefined });
  return withoutReviews.success ? withoutReviews.data : DEFAULT_SETTINGS;
}

/**
 * Problems with the reviews this save records anew. A review already stored is left alone: an old
 * review of an older wording stays on record (it simply no longer counts) when other settings change.
 */
function reviewProblems(before: AppSettings, after: AppSettings, today: string): FieldProblem[] {
  return TRANSLATED_LANGUAGES.flatMap((language) => {
    const review = after.translationReviews[language];
    if (!review || JSON.stringify(review) === JSON.stringify(before.translationReviews[language])) return [];
    const field = (name: string) => `translationReviews.${language}.${name}`;
    const problems: FieldProblem[] = [];
    if (review.reviewedOn > today) problems.push({ field: field('reviewedOn'), message: `The review date ${review.reviewedOn} is in the future. Enter the day the translator reviewed the wording.` });
    const current = FAMILY_LETTER_TEMPLATE_VERSIONS[language];
    if (review.templateVersion !== current) {
      problems.push({
        field: field('templateVersion'),
        message: `Only the current wording (version ${current}) can be recorded as reviewed. Have the translator review version ${current}, then record it.`,
      });
    }
    return problems;
  });
}

export async function saveSettings(
  db: Kysely<DatabaseSchema>,
  actor: UserProfile,
  settings: AppSettings,
  at: Date,
): Promise<AppSettings> {
  return db.transaction().execute(async (trx) => {
    const before = await readSettings(trx);
    const problems = reviewProblems(before, settings, calendarDate(at));
    if (problems.length > 0) throw new DomainError('invalid_input', problems[0]!.message, problems);
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
