import { existsSync, readdirSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { backupsDirectory, listBackups } from '../../electron/core/db/backups';
import { databaseFile } from '../../electron/core/db/connection';
import { seededRandom } from '../../electron/core/scale-data';
import { startHost, type RunningHost } from '../support/serve-process';
import { makeTempFolder } from '../support/temp-folder';

const KILLS = 50;
let folder: ReturnType<typeof makeTempFolder>;

async function call(host: RunningHost, method: string, input: unknown): Promise<{ ok: boolean; value?: { id: number } }> {
  const response = await fetch(`${host.url}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(5_000),
  });
  return (await response.json()) as { ok: boolean; value?: { id: number } };
}

beforeAll(() => {
  folder = makeTempFolder();
  if (!existsSync(`${__dirname}/../../out/electron/serve.js`)) throw new Error('Build first: npm run build (the host is tested as shipped).');
});
afterAll(() => folder.remove());

describe('crash safety', () => {
  it(`loses no acknowledged write across ${KILLS} SIGKILLs at random moments, and the file stays intact`, async () => {
    const random = seededRandom(50);
    const acknowledgedFacilities = new Set<string>();
    const acknowledgedAnswers = new Map<number, string>();
    const acknowledgedLetters = new Set<number>();
    let writes = 0;

    for (let round = 0; round < KILLS; round++) {
      const host = await startHost(folder.path);
      if (round === 0) await call(host, 'saveProfile', { name: 'Crash Tester', role: 'physician' });
      const killAfter = 30 + random() * 250;
      const started = Date.now();
      let alive = true;
      const writer = (async () => {
        let index = 0;
        while (alive) {
          const name = `Facility r${round} n${index++}`;
          try {
            const created = await call(host, 'createFacility', { name, notes: 'x'.repeat(Math.floor(random() * 2000)) });
            if (!created.ok) continue;
            acknowledgedFacilities.add(name);
            writes += 1;
            const draft = await call(host, 'startAssessment', { facilityId: created.value!.id });
            const evidence = `evidence ${round}-${index}`;
            const saved = await call(host, 'saveAnswer', {
              assessmentId: draft.value!.id,
              capabilityId: 'ivig',
              answer: { status: 'on_site', details: {}, evidence, verifiedByName: 'A', verifiedByRole: 'B', verificationMethod: 'phone', verifiedOn: '2026-01-02' },
            });
            if (saved.ok) {
              acknowledgedAnswers.set(draft.value!.id, evidence);
              writes += 1;
            }
            if (index % 3 === 0) {
              const kase = await call(host, 'createCase', {
                patient: { name: 'Test Patient', dateOfBirth: '1970-01-01', mrn: 'M', insurer: 'I', memberId: 'X' },
                gad65: 'positive',
                stage: 'acute',
                referringFacilityId: created.value!.id,
                physician: { name: 'Dr. A', npi: '1234567893', phone: '555-0100' },
              });
              const letter = await call(host, 'openLetterDraft', { caseId: kase.value!.id, audience: 'family' });
              const issued = await call(host, 'issueLetter', { letterId: letter.value!.id });
              if (issued.ok) {
                acknowledgedLetters.add(letter.value!.id);
                writes += 1;
              }
            }
          } catch {
            return; // the host was killed mid-request: that write was never acknowledged
          }
        }
      })();
      while (Date.now() - started < killAfter) await new Promise((resolve) => setTimeout(resolve, 5));
      host.process.kill('SIGKILL');
      alive = false;
      await writer;
      if (host.process.exitCode === null && host.process.signalCode === null) {
        await new Promise((resolve) => host.process.once('exit', resolve));
      }

      const db = new BetterSqlite3(databaseFile(folder.path));
      try {
        expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
        const names = new Set(db.prepare('SELECT name FROM facilities').pluck().all() as string[]);
        for (const name of acknowledgedFacilities) expect(names.has(name), `${name} after round ${round}`).toBe(true);
        const evidence = db.prepare("SELECT evidence FROM assessment_answers WHERE assessment_id = ? AND capability_id = 'ivig'").pluck();
        for (const [assessmentId, text] of acknowledgedAnswers) expect(evidence.get(assessmentId), `answer ${assessmentId}`).toBe(text);
        const state = db.prepare('SELECT state, sha256 FROM letters WHERE id = ?');
        for (const letterId of acknowledgedLetters) expect((state.get(letterId) as { state: string }).state, `letter ${letterId}`).toBe('issued');
      } finally {
        db.close();
      }
    }
    console.log(`crash safety: ${KILLS} kills survived, ${writes} acknowledged writes, none lost`);
    expect(writes).toBeGreaterThan(KILLS);
  }, 300_000);
});

describe('crash safety of the daily backup', () => {
  const BACKUP_KILLS = 20;
  const backupFolder = makeTempFolder();
  afterAll(() => backupFolder.remove());

  const partials = () => (existsSync(backupsDirectory(backupFolder.path)) ? readdirSync(backupsDirectory(backupFolder.path)).filter((name) => name.includes('.partial')) : []);
  async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  it(`leaves no partial backup and an intact registry across ${BACKUP_KILLS} SIGKILLs during the stepped daily backup`, async () => {
    // About 60 MB: a copy of that many pages takes a dozen steps or more, long enough to be killed in.
    const core = await openCore({ dataDirectory: backupFolder.path, appVersion: 'test' });
    await core.calls.saveProfile({ name: 'Crash Tester', role: 'administrator' });
    const insert = core.database.sqlite.prepare("INSERT INTO facilities (name, notes, created_at, updated_at) VALUES (?, ?, 'x', 'x')");
    core.database.sqlite.transaction(() => {
      for (let index = 0; index < 6_000; index++) insert.run(`Facility ${index}`, 'n'.repeat(10_000));
    })();
    await core.close();

    const random = seededRandom(17);
    const acknowledged = new Set<string>();
    let kills = 0;
    let finishedFirst = 0;
    for (let round = 0; kills < BACKUP_KILLS; round++) {
      expect(round, 'rounds needed to land the kills inside a backup').toBeLessThan(BACKUP_KILLS * 2);
      const host = await startHost(backupFolder.path);
      // A clean start: whatever copy the last killed process left half-written is gone before the first call is answered.
      expect(partials().filter((name) => !name.includes(`.${host.process.pid}.`)), `round ${round}`).toEqual([]);
      let alive = true;
      const writer = (async () => {
        for (let index = 0; alive; index++) {
          const name = `Written in round ${round}, #${index}`;
          try {
            if ((await call(host, 'createFacility', { name })).ok) acknowledged.add(name);
          } catch {
            return; // killed mid-request: never acknowledged
          }
        }
      })();
      await waitFor('the daily backup to start', () => partials().find((name) => name.includes(`.${host.process.pid}.partial`)), 60_000);
      await new Promise((resolve) => setTimeout(resolve, random() * 25));
      host.process.kill('SIGKILL');
      alive = false;
      await writer;
      if (host.process.exitCode === null && host.process.signalCode === null) await new Promise((resolve) => host.process.once('exit', resolve));

      const finished = listBackups(backupFolder.path);
      if (finished.length > 0) {
        // The copy was done before the kill landed: not a kill during the backup. Start the day again.
        finishedFirst += 1;
        for (const backup of finished) {
          const copy = new BetterSqlite3(backup.file, { readonly: true });
          expect(copy.pragma('integrity_check', { simple: true }), `${backup.name} listed after round ${round}`).toBe('ok');
          expect(copy.prepare('SELECT count(*) FROM facilities').pluck().get()).toBeGreaterThanOrEqual(6_000);
          copy.close();
          rmSync(backup.file);
        }
      } else {
        kills += 1;
      }
      expect(listBackups(backupFolder.path), `round ${round}`).toEqual([]);
      const db = new BetterSqlite3(databaseFile(backupFolder.path), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
        const names = new Set(db.prepare("SELECT name FROM facilities WHERE name LIKE 'Written in round %'").pluck().all() as string[]);
        for (const name of acknowledged) expect(names.has(name), `${name} after round ${round}`).toBe(true);
      } finally {
        db.close();
      }
    }

    // Undisturbed, the next start finishes the day's copy: one backup, whole, nothing half-written beside it.
    const host = await startHost(backupFolder.path);
    const session = await waitFor('the checks after start', async () => {
      const { value } = (await call(host, 'getSession', {})) as unknown as { value: { checkingStorage: boolean; storageWarning: string | null } };
      return value.checkingStorage ? undefined : value;
    }, 60_000);
    expect(session.storageWarning).toBeNull();
    await host.stop();
    const backups = listBackups(backupFolder.path);
    expect(backups.map((backup) => backup.reason)).toEqual([{ kind: 'daily' }]);
    const copy = new BetterSqlite3(backups[0]!.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(partials()).toEqual([]);
    console.log(`backup crash safety: ${kills} kills during the daily backup (${finishedFirst} copies finished before the kill), ${acknowledged.size} acknowledged writes kept`);

    // A second start on the folder while the first host is copying leaves that copy alone and takes none of its own.
    for (const backup of backups) rmSync(backup.file);
    const first = await startHost(backupFolder.path);
    await waitFor('the daily backup to start', () => partials().find((name) => name.includes(`.${first.process.pid}.partial`)), 60_000);
    const second = await startHost(backupFolder.path);
    const startedDuringCopy = partials().some((name) => name.includes(`.${first.process.pid}.partial`));
    for (const host of [first, second]) {
      const settled = await waitFor('the checks after start', async () => {
        const { value } = (await call(host, 'getSession', {})) as unknown as { value: { checkingStorage: boolean; storageWarning: string | null } };
        return value.checkingStorage ? undefined : value;
      }, 60_000);
      expect(settled.storageWarning).toBeNull();
    }
    await first.stop();
    await second.stop();
    expect(listBackups(backupFolder.path).map((backup) => backup.reason)).toEqual([{ kind: 'daily' }]);
    expect(partials()).toEqual([]);
    console.log(`second start ${startedDuringCopy ? 'answered while the first host was still copying' : 'came up after the first host had finished its copy'}`);
  }, 300_000);
});
