import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
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

/**
 * Pages copied per step of a backup. Each step holds the thread for the copy of 4 MB (a few
 * milliseconds), then yields, so calls keep being answered while a large registry is copied.
 */
const PAGES_PER_STEP = 1000;

/** A copy still being written: hidden from listings, named for its process so a later start can tell it was abandoned. */
const PARTIAL_PATTERN = /^\.(transferready-.*\.sqlite)\.(\d+)\.partial(-journal)?$/;

/** Thrown inside a backup step when the database is closing: the copy is abandoned, not failed. */
export class BackupStopped extends Error {
  constructor() {
    super('The backup was stopped because the database is closing.');
    this.name = 'BackupStopped';
  }
}

/**
 * A consistent copy through SQLite's online backup, named for when and why it was taken. It is
 * copied in steps that yield between them, written under a hidden name, flushed to disk and
 * only then renamed, so a copy cut short (a full disk, a killed process) is never listed as a
 * backup to restore. `stop` is asked between steps; when it says so the copy is abandoned.
 */
export async function takeBackup(
  sqlite: BetterSqlite3.Database,
  dataDirectory: string,
  reason: NamedReason,
  now: Date = new Date(),
  stop: () => boolean = () => false,
): Promise<string> {
  const directory = backupsDirectory(dataDirectory);
  mkdirSync(directory, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const name = `transferready-${stamp}-${reasonInName(reason)}.sqlite`;
  const file = join(directory, name);
  const partial = join(directory, `.${name}.${process.pid}.partial`);
  try {
    await sqlite.backup(partial, {
      progress: () => {
        if (stop()) throw new BackupStopped();
        return PAGES_PER_STEP;
      },
    });
    flushToDisk(partial);
    renameSync(partial, file);
    flushFolder(directory);
  } catch (error) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    throw error;
  }
  pruneBackups(dataDirectory);
  return file;
}

function flushToDisk(path: string): void {
  const descriptor = openSync(path, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** Makes the rename itself durable. */
function flushFolder(directory: string): void {
  try {
    flushToDisk(directory);
  } catch {
    // Windows cannot open a folder to flush it; a rename there is durable once it returns.
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Hidden copies left by a process that was killed (or lost power) while taking a backup. */
export function removeAbandonedBackups(dataDirectory: string): void {
  const directory = backupsDirectory(dataDirectory);
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }
  for (const name of names) {
    const partial = PARTIAL_PATTERN.exec(name);
    if (partial && Number(partial[2]) !== process.pid && !processIsAlive(Number(partial[2]))) rmSync(join(directory, name), { force: true });
  }
}

/** Whether another running process is taking a backup for this reason right now (its copy is still hidden). */
export function backupUnderWay(dataDirectory: string, namePrefix: string, reason: NamedReason): boolean {
  let names: string[];
  try {
    names = readdirSync(backupsDirectory(dataDirectory));
  } catch {
    return false;
  }
  return names.some((name) => {
    const partial = PARTIAL_PATTERN.exec(name);
    return partial !== null && !partial[3] && partial[1]!.startsWith(namePrefix) && partial[1]!.endsWith(`-${reasonInName(reason)}.sqlite`) && processIsAlive(Number(partial[2]));
  });
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
