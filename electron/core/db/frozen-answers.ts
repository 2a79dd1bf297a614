import type BetterSqlite3 from 'better-sqlite3';

/**
 * Runs `work` with the triggers that freeze finalized answers lifted, inside the caller's own
 * transaction: they are put back before it commits, so nobody else ever writes without them.
 * For putting finalized rows back as they were (a restore, a replica's page), never for edits.
 */
export function withFrozenAnswersLifted<T>(sqlite: BetterSqlite3.Database, work: () => T): T {
  const frozen = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'assessment_answers_frozen_%'").all() as { name: string; sql: string }[];
  for (const trigger of frozen) sqlite.exec(`DROP TRIGGER ${trigger.name}`);
  const result = work();
  for (const trigger of frozen) sqlite.exec(trigger.sql);
  return result;
}
