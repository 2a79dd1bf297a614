import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
