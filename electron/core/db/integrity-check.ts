import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

export interface IntegrityReport {
  intact: boolean;
  /** How many problems SQLite listed (it stops at 100); 0 when intact. Never their text: it can quote row data. */
  problems: number;
  /** When damaged: the newest of the offered backups that passed the same check, or null. */
  newestIntactBackup: string | null;
}

/** SQLite's full check: every page, every b-tree, and every index against its table. */
export function checkWholeFile(sqlite: BetterSqlite3.Database): { intact: boolean; problems: number } {
  const rows = sqlite.pragma('integrity_check(100)', { simple: false }) as { integrity_check: string }[];
  const intact = rows.length === 1 && rows[0]?.integrity_check === 'ok';
  return { intact, problems: intact ? 0 : rows.length };
}

/**
 * The same check and the backup search, as plain CommonJS for a worker thread. Kept as text so
 * it runs the same from the bundled app and from the TypeScript sources under test; the
 * database driver is passed in by path because a worker resolves modules from the process's
 * working folder, not from this file.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
function check(file) {
  let db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check(100)');
    const intact = rows.length === 1 && rows[0].integrity_check === 'ok';
    return { intact, problems: intact ? 0 : rows.length };
  } catch (error) {
    // Damage bad enough that SQLite stops reading (not a database, corrupt page) is damage too.
    if (/^SQLITE_(CORRUPT|NOTADB)/.test(String(error && error.code))) return { intact: false, problems: 1 };
    throw error;
  } finally {
    if (db) db.close();
  }
}
const report = check(workerData.file);
let newestIntactBackup = null;
if (!report.intact) {
  for (const backup of workerData.backups) {
    if (check(backup.file).intact) {
      newestIntactBackup = backup.name;
      break;
    }
  }
}
parentPort.postMessage({ ...report, newestIntactBackup });
`;

export interface OffThreadCheck {
  report: Promise<IntegrityReport>;
  /** Ends the check early. SQLite cannot be interrupted mid-check, so this settles when the thread does. */
  stop(): Promise<void>;
}

/**
 * Runs the full check on a worker thread with its own read-only connection, so that calls on
 * the main thread are answered meanwhile; when the file is damaged, also finds the newest backup
 * (of those given, newest first) that passes it. A stopped check reports the file as intact
 * only if it finished before it was stopped; otherwise the report rejects.
 */
export function checkOffThread(file: string, backups: readonly { name: string; file: string }[]): OffThreadCheck {
  const driver = createRequire(__filename).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, backups } });
  const report = new Promise<IntegrityReport>((resolve, reject) => {
    worker.once('message', (message: IntegrityReport) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The integrity check stopped before it finished (exit code ${code}).`)));
  });
  // The caller decides what an unfinished check means; an unobserved rejection must not end the process.
  report.catch(() => undefined);
  return {
    report,
    stop: async () => {
      await worker.terminate();
    },
  };
}
