import { afterAll, describe, expect, it } from 'vitest';
import { CAPABILITY_IDS } from '../../../shared/questionnaire';
import type { ReplicaStatus } from '../../../shared/registry-feed';
import { openCore, type Core } from '../../../electron/core/core';
import { generateScaleData, seededRandom } from '../../../electron/core/scale-data';
import { freshPostgresDatabase, callValue as value } from '../../support/core-harness';
import { replicaPeople, serverPeople } from '../../support/replica-people';
import { noteAnswer, replicaFingerprint, replicatedRows, serverHead } from '../../support/replica-rows';
import { startHost, type RunningHost } from '../../support/serve-process';
import { makeTempFolder } from '../../support/temp-folder';

/**
 * Issue 16, faults: the shared registry's host is a real `serve.js --database` child process on
 * a real PostgreSQL database, and it is SIGKILLed while a desktop (a core on a real SQLite file,
 * five changes a page) pulls from it, twenty times. Between rounds, and during some pulls, the
 * registry changes (amendments, new and renamed facilities, archive, roles), written by a core
 * in this process on the same database. The host needs `npm run build` first.
 *
 * After each kill, before the host is back, the replica is checked against the server's rows:
 * every entity whose latest change is at or below the replica's cursor is exactly the server's
 * (no gap), every assessment the replica holds is one the server has with the same answers, and
 * no facility has two standing assessments (no duplicate). After the host is back and the desktop
 * has pulled to the server's head, the replica equals the server by hash.
 */
const ROUNDS = 20;
const PAGE_SIZE = 5;
const SEED = 1616;

const random = seededRandom(SEED);
const below = (n: number) => Math.floor(random() * n);
let clock = new Date('2026-03-04T10:00:00.000Z');
const tick = () => (clock = new Date(clock.getTime() + 60_000));

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function finalizeAll(core: Core, assessmentId: number, note: string): Promise<void> {
  for (const capabilityId of CAPABILITY_IDS) {
    const status = random() < 0.8 ? 'on_site' : 'not_available';
    await value(core, 'saveAnswer', { assessmentId, capabilityId, answer: noteAnswer(status, note, { checked: 'Checked', verificationMethod: 'phone' }) });
  }
  await value(core, 'finalizeAssessment', { assessmentId });
}

/** Changes on the server a round's pull will carry: amendments, new facilities, renames, archive, a role. */
async function changeRegistry(writer: Core, round: number, scale: 'between' | 'during'): Promise<number> {
  let writes = 0;
  tick();
  const standing = await writer.database.db.selectFrom('assessments').select('id').where('state', '=', 'finalized').orderBy('id').execute();
  const facilities = await writer.database.db.selectFrom('facilities').select(['id', 'archived']).orderBy('id').execute();
  const amendments = scale === 'between' ? 3 + below(4) : 1;
  for (let index = 0; index < amendments; index += 1) {
    const { id } = standing.splice(below(standing.length), 1)[0]!;
    const draft = await value(writer, 'amendAssessment', { assessmentId: id, reason: `Round ${round} review` });
    await finalizeAll(writer, draft.id, `round ${round}, amendment ${index}`);
    writes += 1;
  }
  const renames = scale === 'between' ? 10 + below(15) : 3 + below(5);
  for (let index = 0; index < renames; index += 1) {
    const facility = facilities[below(facilities.length)]!;
    await value(writer, 'renameFacility', { id: facility.id, name: `Renamed Hospital ${facility.id} r${round}.${index}` });
    writes += 1;
  }
  if (scale === 'between') {
    for (let index = 0; index < 2 + below(3); index += 1) {
      const { id } = await value(writer, 'createFacility', { name: `Opened In Round ${round} No. ${index}`, state: 'OH', city: 'Dayton' });
      if (random() < 0.7) await finalizeAll(writer, (await value(writer, 'startAssessment', { facilityId: id })).id, `round ${round}, new`);
      writes += 1;
    }
    const archive = facilities[below(facilities.length)]!;
    await value(writer, 'setFacilityArchived', { id: archive.id, archived: !archive.archived });
    await value(writer, 'grantRole', { email: `assessor${round % 7}@example.org`, role: 'assessor', facilityId: facilities[below(facilities.length)]!.id });
    writes += 2;
  }
  return writes;
}

/**
 * The replica as it stands, against the server's rows now: facilities and people whose latest
 * change the cursor has passed are exactly the server's; every assessment held here is one the
 * server has, with the same answers; at most one standing assessment per facility.
 */
async function checkReplicaAgainstServer(desktop: Core, writer: Core, cursor: number): Promise<void> {
  const server = writer.database.db;
  const replica = desktop.database.db;
  const passed = await server.selectFrom('registry_changes').select(['entity_type', 'entity_id']).where('seq', '<=', cursor).execute();
  const passedFacilities = new Set(passed.filter((row) => row.entity_type === 'facility').map((row) => row.entity_id));
  const passedPeople = new Set(passed.filter((row) => row.entity_type === 'person').map((row) => row.entity_id));

  const serverFacilities = new Map((await server.selectFrom('facilities').selectAll().execute()).map((row) => [row.id, { ...row, archived: Number(row.archived) }]));
  const replicaFacilities = (await replica.selectFrom('facilities').selectAll().execute()).map((row) => ({ ...row, archived: Number(row.archived) }));
  for (const facility of replicaFacilities) expect(serverFacilities.has(facility.id), `facility ${facility.id} is not on the server`).toBe(true);
  const replicaFacilityById = new Map(replicaFacilities.map((row) => [row.id, row]));
  for (const id of passedFacilities) expect(replicaFacilityById.get(id), `facility ${id} (cursor ${cursor})`).toEqual(serverFacilities.get(id));

  const standingOf = async (db: typeof server) =>
    new Map(
      (await db.selectFrom('assessments').select(['facility_id', 'id']).where('state', '=', 'finalized').execute()).map((row) => [row.facility_id, row.id] as const),
    );
  const serverStanding = await standingOf(server);
  const replicaStanding = await standingOf(replica);
  const doubled = await replica.selectFrom('assessments').select('facility_id').where('state', '=', 'finalized').groupBy('facility_id').having((eb) => eb.fn.countAll(), '>', 1).execute();
  expect(doubled, 'facilities with two standing assessments on the replica').toEqual([]);
  for (const id of passedFacilities) expect(replicaStanding.get(id), `standing assessment of facility ${id} (cursor ${cursor})`).toEqual(serverStanding.get(id));

  // Every assessment held here (standing or superseded since) is the server's, answer for answer.
  const held = await replica.selectFrom('assessments').select(['id', 'facility_id', 'revision', 'finalized_at', 'created_at', 'questionnaire_version']).orderBy('id').execute();
  if (held.length > 0) {
    const ids = held.map((row) => row.id);
    const onServer = await server.selectFrom('assessments').select(['id', 'facility_id', 'revision', 'finalized_at', 'created_at', 'questionnaire_version']).where('id', 'in', ids).orderBy('id').execute();
    expect(onServer).toEqual(held);
    const answersOf = (db: typeof server) => db.selectFrom('assessment_answers').selectAll().where('assessment_id', 'in', ids).orderBy('assessment_id').orderBy('capability_id').execute();
    expect(await answersOf(replica)).toEqual(await answersOf(server));
  }

  const replicaPeopleById = new Map((await replicaPeople(desktop)).map((row) => [row.id, row]));
  for (const person of await serverPeople(writer)) if (passedPeople.has(person.id)) expect(replicaPeopleById.get(person.id), `person ${person.id}`).toEqual(person);
}

function sigkill(host: RunningHost): Promise<void> {
  return new Promise((resolve) => {
    if (host.process.exitCode !== null || host.process.signalCode !== null) return resolve();
    host.process.once('exit', () => resolve());
    host.process.kill('SIGKILL');
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a desktop pulling while the shared registry host is SIGKILLed', () => {
  it(`loses nothing and duplicates nothing over ${ROUNDS} kills mid-pull`, async () => {
    const database = await freshPostgresDatabase();
    cleanups.push(() => database.drop());
    const writerFolder = makeTempFolder();
    cleanups.push(() => writerFolder.remove());
    const writer = await openCore({ dataDirectory: writerFolder.path, appVersion: 'test', now: () => clock, databaseUrl: database.url });
    cleanups.push(() => writer.close());
    await value(writer, 'saveProfile', { name: 'Registry Office', role: 'administrator' });

    const hostFolder = makeTempFolder();
    cleanups.push(() => hostFolder.remove());
    let host = await startHost(hostFolder.path, ['--database', database.url]);
    cleanups.push(() => sigkill(host));
    const port = new URL(host.url).port;

    const desktopFolder = makeTempFolder();
    cleanups.push(() => desktopFolder.remove());
    const desktop = await openCore({ dataDirectory: desktopFolder.path, appVersion: 'test', now: () => clock, replicaPullIntervalMs: null, replicaPageSize: PAGE_SIZE });
    cleanups.push(() => desktop.close());
    await value(desktop, 'connectSharedRegistry', { serverUrl: host.url });

    // A few hundred facilities with their history, a few without an assessment, some people.
    await generateScaleData(writer.database.db, { facilities: 300, assessments: 700, seed: SEED, today: clock });
    for (let index = 0; index < 12; index += 1) await value(writer, 'createFacility', { name: `Not Yet Assessed ${index}`, state: 'KY', city: 'Lexington' });
    for (let index = 0; index < 5; index += 1) await value(writer, 'grantRole', { email: `physician${index}@example.org`, role: 'physician', facilityId: null });

    const cursors: number[] = [0];
    const outcomes = { kills: 0, midPull: 0, beforeFirstPage: 0, afterFinished: 0, concurrentWriteRounds: 0, changesPulled: 0, healPulls: 0 };
    for (let round = 1; round <= ROUNDS; round += 1) {
      if (round > 1) await changeRegistry(writer, round, 'between');
      const start = cursors.at(-1)!;
      const pending = await writer.database.db.selectFrom('registry_changes').select('seq').where('seq', '>', start).orderBy('seq').execute();
      // Kill once the desktop has applied a random number of pages (none: a few ms into the pull).
      const pagesBeforeKill = below(Math.ceil(pending.length / PAGE_SIZE));
      const killAt = pagesBeforeKill === 0 ? null : Number(pending[pagesBeforeKill * PAGE_SIZE - 1]!.seq);
      const extraDelay = below(25);

      const pulling = value(desktop, 'syncSharedRegistry', {});
      let settled: ReplicaStatus | null = null;
      void pulling.then((status) => (settled = status)).catch(() => undefined);
      // Every other round the registry changes during the pull as well.
      const concurrent = round % 2 === 0 ? changeRegistry(writer, round, 'during') : Promise.resolve(0);
      if (round % 2 === 0) outcomes.concurrentWriteRounds += 1;
      let killed: Promise<void> | null = null;
      while (settled === null) {
        const { cursor } = await value(desktop, 'sharedRegistryStatus', {});
        cursors.push(cursor);
        if (!killed && (killAt === null || cursor >= killAt)) killed = pause(extraDelay).then(() => sigkill(host));
        await pause(2);
      }
      killed ??= sigkill(host);
      await killed;
      outcomes.kills += 1;
      await concurrent;
      const cut: ReplicaStatus = await pulling;
      cursors.push(cut.cursor);
      if (cut.reachable) outcomes.afterFinished += 1;
      else if (cut.cursor === start) outcomes.beforeFirstPage += 1;
      else outcomes.midPull += 1;
      expect(cut.problem, `round ${round}: a cut-off pull is not a refusal`).toBeNull();
      await checkReplicaAgainstServer(desktop, writer, cut.cursor);

      // Down: the desktop says so and keeps its replica.
      const down = await value(desktop, 'syncSharedRegistry', {});
      expect(down).toMatchObject({ reachable: false, cursor: cut.cursor, problem: null });

      host = await startHost(hostFolder.path, ['--database', database.url, '--port', port]);
      const head = await serverHead(writer);
      let healed = down;
      for (let pulls = 0; pulls < 10 && !(healed.reachable && healed.cursor === head); pulls += 1) {
        healed = await value(desktop, 'syncSharedRegistry', {});
        cursors.push(healed.cursor);
        outcomes.healPulls += 1;
      }
      expect(healed, `round ${round}`).toMatchObject({ reachable: true, problem: null, cursor: head });
      outcomes.changesPulled += head - start;
      expect(await replicaFingerprint(desktop), `round ${round}: the replica by hash`).toBe(await replicaFingerprint(writer));
      expect(await replicaPeople(desktop)).toEqual(await serverPeople(writer));
    }

    // The cursor only ever moved forward, sampled throughout the pulls.
    for (let index = 1; index < cursors.length; index += 1) expect(cursors[index]!, `cursor sample ${index}`).toBeGreaterThanOrEqual(cursors[index - 1]!);
    expect(await replicatedRows(desktop)).toEqual(await replicatedRows(writer));
    expect(outcomes.kills).toBe(ROUNDS);
    // The kills are aimed at pages applied so far; most must land inside a pull to test anything.
    expect(outcomes.midPull).toBeGreaterThanOrEqual(ROUNDS / 4);
    console.log(`replica faults: ${JSON.stringify(outcomes)}, ${cursors.length} cursor samples, final cursor ${cursors.at(-1)}`);
  }, 300_000);
});
