import { mkdirSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { replaceDatabaseFile } from './backups';
import { databaseFile } from './connection';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, REBUILD_STANDING_PROFILES_SQL } from './migrations';

/** Every table of record, parents before children, so a restore can insert in this order; derived tables are rebuilt. */
const TABLES = ['settings', 'facilities', 'assessments', 'assessment_answers', 'transfer_cases', 'letters', 'audit_events'] as const;
const BACKUP_FORMAT = 'transferready-backup';

export interface JsonBackup {
  format: typeof BACKUP_FORMAT;
  formatVersion: 1;
  schemaVersion: number;
  exportedAt: string;
  tables: Record<string, Record<string, unknown>[]>;
}

const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: 'This file is not a TransferReady backup.' }),
  formatVersion: z.literal(1, { error: 'This backup format is not one this version reads.' }),
  schemaVersion: z.number().int().min(1),
  exportedAt: z.string(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

export class RestoreRefused extends Error {}

/** Every row of every table, read in one transaction so the copy is consistent. */
export function exportJsonBackup(sqlite: BetterSqlite3.Database, now: Date = new Date()): JsonBackup {
  return sqlite.transaction(() => ({
    format: BACKUP_FORMAT as typeof BACKUP_FORMAT,
    formatVersion: 1 as const,
    schemaVersion: sqlite.pragma('user_version', { simple: true }) as number,
    exportedAt: now.toISOString(),
    tables: Object.fromEntries(TABLES.map((table) => [table, sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[]])),
  }))();
}

export function parseJsonBackup(text: string): JsonBackup {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new RestoreRefused('This file is not valid JSON, so it is not a TransferReady backup. Nothing was changed.');
  }
  const parsed = backupHeaderSchema.safeParse(raw);
  if (!parsed.success) throw new RestoreRefused(`${parsed.error.issues[0]?.message ?? 'This file is not a TransferReady backup.'} Nothing was changed.`);
  if (parsed.data.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new RestoreRefused(
      `This backup was made by a newer version of TransferReady (schema ${parsed.data.schemaVersion}; this version knows up to ${LATEST_SCHEMA_VERSION}). ` +
        'Install the newer version to restore it. Nothing was changed.',
    );
  }
  return parsed.data as JsonBackup;
}

/**
 * Builds a complete database from the backup in a new file, checks it, backs up the current
 * database, then swaps the new file in. The app must not be running on this data folder.
 */
export async function restoreJsonBackup(backup: JsonBackup, dataDirectory: string): Promise<{ rows: number; safetyCopy: string | null }> {
  mkdirSync(dataDirectory, { recursive: true });
  const target = databaseFile(dataDirectory);
  const staging = `${target}.restoring`;
  rmSync(staging, { force: true });
  const fresh = new BetterSqlite3(staging);
  let rows = 0;
  try {
    fresh.pragma('foreign_keys = ON');
    fresh.transaction(() => {
      for (const migration of MIGRATIONS.filter((m) => m.version <= backup.schemaVersion)) fresh.exec(migration.sql);
      // Triggers that freeze finalized answers would refuse the historical rows being put back;
      // lift them for this one transaction on a file nobody else has open, then restore them.
      const frozen = fresh.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'assessment_answers_frozen_%'").all() as { name: string; sql: string }[];
      for (const trigger of frozen) fresh.exec(`DROP TRIGGER ${trigger.name}`);
      for (const table of TABLES) {
        const tableRows = backup.tables[table] ?? [];
        if (tableRows.length === 0) continue;
        const columns = Object.keys(tableRows[0]!);
        const insert = fresh.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        for (const row of tableRows) insert.run(...columns.map((column) => row[column] ?? null));
        rows += tableRows.length;
      }
      for (const trigger of frozen) fresh.exec(trigger.sql);
      if (backup.schemaVersion >= 4) fresh.exec(REBUILD_STANDING_PROFILES_SQL);
      fresh.pragma(`user_version = ${backup.schemaVersion}`);
    })();
    const check = fresh.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new RestoreRefused(`The restored data failed SQLite's integrity check (${String(check)}). Nothing was changed.`);
    const violations = fresh.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) throw new RestoreRefused('The backup refers to rows it does not contain (foreign keys). Nothing was changed.');
  } catch (error) {
    fresh.close();
    rmSync(staging, { force: true });
    if (error instanceof RestoreRefused) throw error;
    throw new RestoreRefused(`The backup could not be restored: ${(error as Error).message}. Nothing was changed.`);
  }
  fresh.close();

  return { rows, safetyCopy: await replaceDatabaseFile(dataDirectory, target, staging) };
}
