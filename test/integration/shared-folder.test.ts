import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseFile, DatabaseOpenError, openAppDatabase } from '../../electron/core/db/connection';
import { startHost, type RunningHost } from '../support/serve-process';
import { makeTempFolder } from '../support/temp-folder';

async function call(host: RunningHost, method: string, input: unknown): Promise<{ ok: boolean; error?: { message: string } }> {
  const response = await fetch(`${host.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  return (await response.json()) as { ok: boolean; error?: { message: string } };
}

describe('one data folder, two hosts', () => {
  it('two serve hosts writing at once lose nothing and leave the file intact', async () => {
    const folder = makeTempFolder();
    const first = await startHost(folder.path);
    const second = await startHost(folder.path);
    await call(first, 'saveProfile', { name: 'Two Hosts', role: 'administrator' });
    const writes = (host: RunningHost, label: string) =>
      Promise.all(
        Array.from({ length: 60 }, async (_, index) => {
          const result = await call(host, 'createFacility', { name: `${label} ${index}` });
          expect(result.ok, result.error?.message).toBe(true);
        }),
      );
    await Promise.all([writes(first, 'From A'), writes(second, 'From B')]);
    await first.stop();
    await second.stop();
    const db = new BetterSqlite3(databaseFile(folder.path), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM facilities').pluck().get()).toBe(120);
    expect(db.prepare("SELECT count(*) FROM audit_events WHERE entity_type = 'facility'").pluck().get()).toBe(120);
    db.close();
    folder.remove();
  }, 60_000);
});

describe('damaged files', () => {
  it('refuses a truncated database with a clear message and leaves it byte-identical', async () => {
    const folder = makeTempFolder();
    const database = await openAppDatabase(folder.path);
    const insert = database.sqlite.prepare("INSERT INTO facilities (name, notes, created_at, updated_at) VALUES (?, ?, 'x', 'x')");
    database.sqlite.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`Facility ${i}`, 'n'.repeat(200));
    })();
    await database.close();
    const file = databaseFile(folder.path);
    const full = readFileSync(file);
    truncateSync(file, Math.floor(full.length / 2));
    const truncated = readFileSync(file);

    const error = await openAppDatabase(folder.path).then(() => null, (reason: unknown) => reason);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect(['damaged', 'not_a_database']).toContain((error as DatabaseOpenError).problem);
    expect((error as DatabaseOpenError).message).toMatch(/backups|Move it aside/);
    expect(readFileSync(file).equals(truncated)).toBe(true);
    folder.remove();
  });

  it('refuses an empty-named SQLite header with garbage pages and leaves it byte-identical', async () => {
    const folder = makeTempFolder();
    const bytes = Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(8192, 0xab)]);
    writeFileSync(databaseFile(folder.path), bytes);
    await expect(openAppDatabase(folder.path)).rejects.toBeInstanceOf(DatabaseOpenError);
    expect(readFileSync(databaseFile(folder.path)).equals(bytes)).toBe(true);
    folder.remove();
  });
});
