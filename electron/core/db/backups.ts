import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3Ctor from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import type { BackupReason } from '../../../shared/contract';

export const BACKUPS_KEPT = 14;
const BACKUP_PATTERN = /^transferready-.*\.sqlite$/;

export function backupsDirectory(dataDirectory: string): string {
  return join(dataDirectory, 'backups');
}

export interface BackupFile {
  file: string;
  name: string;
  bytes: number;
  takenAt: string;
  reason: BackupReason;
}

type NamedReason = Exclude<BackupReason, { kind: 'unknown' }>;

function reasonInName(reason: NamedReason): string {
  return reason.kind === 'before-schema' ? `before-schema-${reason.schemaVersion}` : reason.kind;
}

function reasonFromName(name: string): BackupReason {
  const suffix = /-(daily|before-restore|before-schema-(\d+))\.sqlite$/.exec(name);
  if (!suffix) return { kind: 'unknown' };
  if (suffix[2]) return { kind: 'before-schema', schemaVersion: Number(suffix[2]) };
  return { kind: suffix[1] as 'daily' | 'before-restore' };
}

/** A consistent copy through SQLite's online backup, named for when and why it was taken. */
export async function takeBackup(
  sqlite: BetterSqlite3.Database,
  dataDirectory: string,
  reason: NamedReason,
  now: Date = new Date(),
): Promise<string> {
  const directory = backupsDirectory(dataDirectory);
  mkdirSync(directory, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = join(directory, `transferready-${stamp}-${reasonInName(reason)}.sqlite`);
  try {
    await sqlite.backup(file);
  } catch (error) {
    // A half-written copy (a full disk, say) must never be listed as a backup to restore.
    rmSync(file, { force: true });
    throw error;
  }
  pruneBackups(dataDirectory);
  return file;
}

export function listBackups(dataDirectory: string): BackupFile[] {
  const directory = backupsDirectory(dataDirectory);
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names
    .filter((name) => BACKUP_PATTERN.test(name))
    .map((name) => {
      const file = join(directory, name);
      const stats = statSync(file);
      return { file, name, bytes: stats.size, takenAt: stats.mtime.toISOString(), reason: reasonFromName(name) };
    })
    .sort((a, b) => b.name.localeCompare(a.name));
}

function pruneBackups(dataDirectory: string): void {
  for (const stale of listBackups(dataDirectory).slice(BACKUPS_KEPT)) rmSync(stale.file, { force: true });
}

/**
 * Puts a backup file back as the database. The current file is first copied aside, so a
 * restore can itself be undone. The app must not have the database open.
 */
export async function restoreBackupFile(dataDirectory: string, name: string, databasePath: string): Promise<{ safetyCopy: string | null }> {
  const chosen = listBackups(dataDirectory).find((backup) => backup.name === name);
  if (!chosen) throw new Error(`There is no backup named ${name} in ${backupsDirectory(dataDirectory)}.`);
  const probe = new BetterSqlite3Ctor(chosen.file, { readonly: true, fileMustExist: true });
  const check = probe.pragma('integrity_check', { simple: true });
  probe.close();
  if (check !== 'ok') throw new Error(`The backup ${name} is damaged (${String(check)}); choose another one.`);
  const staging = `${databasePath}.restoring`;
  copyFileSync(chosen.file, staging);
  return { safetyCopy: await replaceDatabaseFile(dataDirectory, databasePath, staging) };
}

/**
 * Swaps a prepared file in as the database, keeping a backup of the one it replaces (returned),
 * so that any restore can itself be undone.
 */
export async function replaceDatabaseFile(dataDirectory: string, databasePath: string, replacement: string): Promise<string | null> {
  let safetyCopy: string | null = null;
  if (existsSync(databasePath)) {
    const current = new BetterSqlite3Ctor(databasePath, { readonly: true, fileMustExist: true });
    try {
      safetyCopy = await takeBackup(current, dataDirectory, { kind: 'before-restore' });
    } finally {
      current.close();
    }
    rmSync(`${databasePath}-wal`, { force: true });
    rmSync(`${databasePath}-shm`, { force: true });
  }
  renameSync(replacement, databasePath);
  return safetyCopy;
}
