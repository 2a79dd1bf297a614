import type BetterSqlite3 from 'better-sqlite3';

/** The triggers that freeze finalized answers: they would refuse historical rows being put back. */
export const FROZEN_ANSWER_TRIGGERS = 'assessment_answers_frozen_%';
/**
 * The triggers that note each change in the registry's feed (migration 9): a restore numbers the
 * feed afresh once every row is in, so noting each restored row first is only work thrown away.
 */
export const FEED_TRIGGERS = 'registry_changes_%';

/**
 * Runs `work` with the triggers whose names match these LIKE patterns lifted, inside the caller's
 * own transaction: they are put back before it commits, so nobody else ever writes without them.
 * For putting rows back as they were (a restore, a replica's page), never for edits.
 */
export function withTriggersLifted<T>(sqlite: BetterSqlite3.Database, patterns: readonly string[], work: () => T): T {
  const find = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?");
  const lifted = patterns.flatMap((pattern) => find.all(pattern) as { name: string; sql: string }[]);
  for (const trigger of lifted) sqlite.exec(`DROP TRIGGER ${trigger.name}`);
  const result = work();
  for (const trigger of lifted) sqlite.exec(trigger.sql);
  return result;
}
