import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../electron/core/db/connection';
import { makeTempFolder } from '../support/temp-folder';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'out', 'electron', 'cli.js');
const fixture = (name: string) => join(root, 'test', 'fixtures', name);

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let folder: ReturnType<typeof makeTempFolder>;
beforeAll(() => {
  if (!existsSync(cli)) throw new Error('Build first: npm run build (the CLI is tested as shipped, from out/).');
});
beforeEach(() => {
  folder = makeTempFolder();
});
afterEach(() => folder.remove());

describe('npm run cli -- import-facilities', () => {
  it('imports a CMS file, reports rejected rows with their lines, and exits 3', () => {
    const result = run('import-facilities', fixture('cms-hospital-general-older.csv'), '--data-dir', folder.path);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/added\s+4/);
    expect(result.stdout).toContain('line 10: A ZIP code has five digits');
    const db = new BetterSqlite3(databaseFile(folder.path), { readonly: true });
    expect(db.prepare('SELECT zip FROM facilities WHERE ccn = ?').pluck().get('070022')).toBe('06504');
    const actor = db.prepare("SELECT DISTINCT actor_name FROM audit_events WHERE action = 'import'").pluck().all();
    expect(actor).toEqual([expect.stringMatching(/^Command line \(/)]);
    db.close();
  });

  it('exits 0 when every row goes in, and updates rather than duplicates on a second run', () => {
    expect(run('import-facilities', fixture('cms-hospital-general-newer.csv'), '--data-dir', folder.path).code).toBe(0);
    const again = run('import-facilities', fixture('cms-hospital-general-newer.csv'), '--data-dir', folder.path);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/unchanged\s+4/);
  });

  it('reads a file Excel saved on Windows: Windows-1252 letters and semicolons between fields', () => {
    const result = run('import-facilities', fixture('excel-windows-1252-semicolons.csv'), '--data-dir', folder.path);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('read as Windows-1252');
    expect(result.stdout).toMatch(/added\s+3/);
    const db = new BetterSqlite3(databaseFile(folder.path), { readonly: true });
    expect(db.prepare('SELECT name FROM facilities ORDER BY ccn').pluck().all()).toEqual([
      'Hôpital Saint-Jean',
      'St. Mary’s Regional Medical Center',
      'Maine Medical Center; Portland campus',
    ]);
    db.close();
  });

  it('fails readably with exit 1 for a missing file and 64 for wrong usage', () => {
    const missing = run('import-facilities', join(folder.path, 'nope.csv'), '--data-dir', folder.path);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const usage = run('import-facilities', '--data-dir', folder.path);
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain('Usage: npm run cli');
  });
});

describe('npm run cli -- grant', () => {
  it('bootstraps the first registry administrator and assessors by CCN, and refuses what makes no sense', () => {
    expect(run('grant', 'First.Admin@Example.org', 'registry-admin', '--data-dir', folder.path)).toMatchObject({ code: 0, stdout: expect.stringContaining('Registry administrator granted to first.admin@example.org') });
    run('import-facilities', fixture('cms-hospital-general-older.csv'), '--data-dir', folder.path);
    expect(run('grant', 'ari@example.org', 'assessor', '--facility', '010001', '--facility', '010005', '--data-dir', folder.path).code).toBe(0);
    expect(run('grant', 'ari@example.org', 'assessor', '--data-dir', folder.path)).toMatchObject({ code: 64, stderr: expect.stringContaining('choose it') });
    expect(run('grant', 'ari@example.org', 'assessor', '--facility', '999999', '--data-dir', folder.path)).toMatchObject({ code: 1, stderr: expect.stringContaining('No facility in the registry has the CCN 999999') });
    expect(run('grant', 'ari@example.org', 'superuser', '--data-dir', folder.path)).toMatchObject({ code: 64, stderr: expect.stringContaining('Unknown role') });
    const db = new BetterSqlite3(databaseFile(folder.path), { readonly: true });
    const grants = db
      .prepare('SELECT users.email, role_grants.role, facilities.ccn FROM role_grants JOIN users ON users.id = role_grants.user_id LEFT JOIN facilities ON facilities.id = role_grants.facility_id ORDER BY role_grants.id')
      .all();
    expect(grants).toEqual([
      { email: 'first.admin@example.org', role: 'registry_admin', ccn: null },
      { email: 'ari@example.org', role: 'assessor', ccn: '010001' },
      { email: 'ari@example.org', role: 'assessor', ccn: '010005' },
    ]);
    expect(db.prepare("SELECT count(*) FROM audit_events WHERE action = 'grant-role'").pluck().get()).toBe(3);
    db.close();
  });
});

describe('npm run cli -- restart-feed', () => {
  it('starts a new run of the change feed, numbering every facility afresh, so following desktops rebuild', () => {
    expect(run('import-facilities', fixture('cms-hospital-general-older.csv'), '--data-dir', folder.path).code).toBe(3);
    const read = () => {
      const db = new BetterSqlite3(databaseFile(folder.path), { readonly: true });
      const feed = db.prepare('SELECT registry_id, feed_id FROM registry_feed').get() as { registry_id: string; feed_id: string };
      const seqs = db.prepare("SELECT seq FROM registry_changes WHERE entity_type = 'facility' ORDER BY seq").pluck().all();
      db.close();
      return { ...feed, seqs };
    };
    const before = read();
    const result = run('restart-feed', '--data-dir', folder.path);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('A new run of the change feed has started');
    const after = read();
    expect(after.registry_id).toBe(before.registry_id);
    expect(after.feed_id).not.toBe(before.feed_id);
    expect(after.seqs).toEqual([1, 2, 3, 4]);
  });
});

describe('npm run cli -- sign-out-desktops', () => {
  it("ends every live desktop session of one person, says how many, and records it; an unknown address changes nothing", () => {
    expect(run('grant', 'Asha@Example.org', 'quality-analyst', '--data-dir', folder.path).code).toBe(0);
    const db = new BetterSqlite3(databaseFile(folder.path));
    const userId = db.prepare("SELECT id FROM users WHERE email = 'asha@example.org'").pluck().get() as number;
    const session = db.prepare("INSERT INTO desktop_sessions (user_id, token_sha256, created_at, last_used_at, expires_at, revoked_at) VALUES (?, ?, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', '2027-02-01T00:00:00Z', ?)");
    session.run(userId, 'a'.repeat(64), null);
    session.run(userId, 'b'.repeat(64), null);
    session.run(userId, 'c'.repeat(64), '2026-11-02T00:00:00Z');
    db.close();

    const unknown = run('sign-out-desktops', 'nobody@example.org', '--data-dir', folder.path);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No one with the email address nobody@example.org');

    const result = run('sign-out-desktops', 'asha@example.org', '--data-dir', folder.path);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 desktop sessions of asha@example.org ended');
    const after = new BetterSqlite3(databaseFile(folder.path), { readonly: true });
    expect(after.prepare('SELECT count(*) FROM desktop_sessions WHERE revoked_at IS NULL').pluck().get()).toBe(0);
    expect(after.prepare("SELECT after_json FROM audit_events WHERE action = 'sign-out-desktops'").pluck().get()).toBe(JSON.stringify({ desktopSessionsEnded: 2 }));
    after.close();
  });
});
