import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

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
}

/** A consistent copy through SQLite's online backup, named for when and why it was taken. */
export async function takeBackup(
  sqlite: BetterSqlite3.Database,
  dataDirectory: string,
  reason: string,
  now: Date = new Date(),
): Promise<string> {
  const directory = backupsDirectory(dataDirectory);
  mkdirSync(directory, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = join(directory, `transferready-${stamp}-${reason}.sqlite`);
  await sqlite.backup(file);
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
      return { file, name, bytes: stats.size, takenAt: stats.mtime.toISOString() };
    })
    .sort((a, b) => b.name.localeCompare(a.name));
}

function pruneBackups(dataDirectory: string): void {
  for (const stale of listBackups(dataDirectory).slice(BACKUPS_KEPT)) rmSync(stale.file, { force: true });
}
