import { describe, expect, it } from 'vitest';
import type { CapabilityAnswer } from '../../../shared/assessment';
import { LOCAL_CALLER } from '../../../shared/permissions';
import { CAPABILITY_IDS } from '../../../shared/questionnaire';
import type { TransferCaseInput } from '../../../shared/transfer-case';
import { openCore, type Core } from '../../../electron/core/core';
import { backupSource, exportJsonBackup } from '../../../electron/core/db/json-backup';
import { restoreIntoSharedRegistry } from '../../../electron/core/db/shared-registry-backup';
import type { SharedRegistry } from '../../../electron/core/db/postgresql-registry';
import { dispatchCall } from '../../../electron/core/dispatch';
import { startHttpHost, type HttpHost } from '../../../electron/http-host';
import { cleanupsAfterEach } from '../../support/cleanups';
import { VERIFIED_ANSWER as ANSWER } from '../../support/clinical-fixtures';
import { freshPostgresDatabase, callValue as value } from '../../support/core-harness';
import { replicaFingerprint, replicatedRows } from '../../support/replica-rows';
import { signedInPerson } from '../../support/registry-people';
import { makeTempFolder } from '../../support/temp-folder';

/**
 * Issue 16: one shared registry on a real PostgreSQL server behind the real HTTP host, and
 * desktop cores on real SQLite files that follow it through the change feed.
 */
const NOW = new Date('2026-03-04T10:00:00.000Z');
const cleanups = cleanupsAfterEach();

interface SharedServer {
  core: Core<SharedRegistry>;
  host: HttpHost;
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

async function server(port = 0): Promise<SharedServer> {
  const database = await freshPostgresDatabase();
  return serverOn(database.url, port, () => database.drop());
}

async function serverOn(databaseUrl: string, port: number, drop?: () => Promise<void>): Promise<SharedServer> {
  const folder = makeTempFolder();
  const core = await openCore({ dataDirectory: folder.path, appVersion: 'test', now: () => NOW, databaseUrl });
  await value(core, 'saveProfile', { name: 'Registry Office', role: 'administrator' });
  const host = await startHttpHost({ calls: core.calls, rendererDirectory: folder.path, host: '127.0.0.1', port });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await host.close();
    await core.close();
    folder.remove();
  };
  cleanups.push(async () => {
    await close();
    await drop?.();
  });
  return { core, host, url: host.url, databaseUrl, close };
}

async function desktop(pageSize = 7): Promise<Core> {
  const folder = makeTempFolder();
  const core = await openCore({ dataDirectory: folder.path, appVersion: 'test', now: () => NOW, replicaPullIntervalMs: null, replicaPageSize: pageSize });
  await value(core, 'saveProfile', { name: 'Dr. Ana Ruiz', role: 'physician' });
  cleanups.push(async () => {
    await core.close();
    folder.remove();
  });
  return core;
}

async function finalizedFacility(core: Core, name: string): Promise<{ facilityId: number; assessmentId: number }> {
  const facilityId = (await value(core, 'createFacility', { name, state: 'OH', city: 'Dayton' })).id;
  const assessmentId = (await value(core, 'startAssessment', { facilityId })).id;
  for (const capabilityId of CAPABILITY_IDS) await value(core, 'saveAnswer', { assessmentId, capabilityId, answer: ANSWER });
  await value(core, 'finalizeAssessment', { assessmentId });
  return { facilityId, assessmentId };
}

async function amend(core: Core, assessmentId: number, status: CapabilityAnswer['status']): Promise<number> {
  const draft = await value(core, 'amendAssessment', { assessmentId, reason: 'Annual review found a change' });
  await value(core, 'saveAnswer', { assessmentId: draft.id, capabilityId: 'ivig', answer: { ...ANSWER, status, details: status === 'not_available' ? {} : ANSWER.details } });
  await value(core, 'finalizeAssessment', { assessmentId: draft.id });
  return draft.id;
}

function caseAt(referringFacilityId: number): TransferCaseInput {
  return {
    patient: { name: 'Maria Delgado', dateOfBirth: '1968-04-09', mrn: 'MRN-884120', insurer: 'Blue Harbor Health Plan', memberId: 'BHH-2231987' },
    gad65: 'positive',
    stage: 'progressive',
    flags: ['plannedIvig'],
    referringFacilityId,
    physician: { name: 'Dr. Ana Ruiz', credentials: 'MD', npi: '1234567893', phone: '(555) 201-4400' },
  };
}

describe('desktops following a shared registry', () => {
  it('two desktops converge to the server, page by page, and follow its later changes', async () => {
    const shared = await server();
    const made: { facilityId: number; assessmentId: number }[] = [];
    for (let index = 0; index < 12; index += 1) made.push(await finalizedFacility(shared.core, `Hospital ${index}`));
    for (let index = 0; index < 5; index += 1) await value(shared.core, 'createFacility', { name: `Clinic ${index}` });
    await amend(shared.core, made[3]!.assessmentId, 'not_available');
    await value(shared.core, 'setFacilityArchived', { id: made[5]!.facilityId, archived: true });
    await signedInPerson(shared.core, { subject: 'a-1', name: 'Asha Assessor', email: 'asha@example.org' }, [{ role: 'assessor', facilityId: made[0]!.facilityId }]);

    const first = await desktop(7);
    const second = await desktop(500);
    const connected = await value(first, 'connectSharedRegistry', { serverUrl: shared.url });
    expect(connected).toMatchObject({ connected: true, reachable: true, problem: null, lastPulledAt: NOW.toISOString() });
    await value(second, 'connectSharedRegistry', { serverUrl: shared.url });
    const serverRows = await replicatedRows(shared.core);
    expect(serverRows.facilities).toHaveLength(17);
    expect(await replicatedRows(first)).toEqual(serverRows);
    expect(await replicatedRows(second)).toEqual(serverRows);
    const people = await first.database.db.selectFrom('replica_people').selectAll().execute();
    expect(people).toEqual([expect.objectContaining({ email: 'asha@example.org', grants_json: JSON.stringify([{ role: 'assessor', facility_id: made[0]!.facilityId }]) })]);

    // The matrix and a case's candidates read the replica.
    const matrix = await value(first, 'capabilityMatrix', {});
    expect(matrix.name).toContain('Hospital 0');
    expect(matrix.name).toEqual((await value(shared.core, 'capabilityMatrix', {})).name);
    const created = await value(first, 'createCase', caseAt(made[0]!.facilityId));
    const workup = await value(first, 'getCaseWorkup', { caseId: created.id });
    expect(JSON.stringify(workup)).toContain('Hospital 1');

    // Later changes on the server: an amendment, a new facility, a rename.
    const amended = await amend(shared.core, made[7]!.assessmentId, 'not_available');
    await finalizedFacility(shared.core, 'Late Arrival Medical Center');
    await value(shared.core, 'renameFacility', { id: made[2]!.facilityId, name: 'Hospital Two (renamed)' });
    const before = (await value(first, 'sharedRegistryStatus', {})).cursor;
    const after = await value(first, 'syncSharedRegistry', {});
    expect(after.cursor).toBeGreaterThan(before);
    await value(second, 'syncSharedRegistry', {});
    const now = await replicatedRows(shared.core);
    expect(await replicatedRows(first)).toEqual(now);
    expect(await replicatedRows(second)).toEqual(now);
    // The superseded standing assessment is kept, superseded, beside its replacement.
    const states = await first.database.db.selectFrom('assessments').select(['id', 'state']).where('facility_id', '=', made[7]!.facilityId).orderBy('id').execute();
    expect(states).toEqual([
      { id: made[7]!.assessmentId, state: 'superseded' },
      { id: amended, state: 'finalized' },
    ]);

    // Nothing new: the cursor stays, and nothing is written.
    const fingerprint = await replicaFingerprint(first);
    expect((await value(first, 'syncSharedRegistry', {})).cursor).toBe(after.cursor);
    expect(await replicaFingerprint(first)).toBe(fingerprint);
  });

  it("refuses the desktop's own registry writes while it follows the server, and keeps its cases", async () => {
    const shared = await server();
    const { facilityId } = await finalizedFacility(shared.core, 'Riverside Neurology Center');
    const follower = await desktop();
    await value(follower, 'connectSharedRegistry', { serverUrl: shared.url });
    const refused = await dispatchCall(follower.calls, 'createFacility', { name: 'Typed Here' }, LOCAL_CALLER);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!refused.ok && refused.error.message).toContain(`follows the shared registry at ${shared.url}`);
    const caseId = (await value(follower, 'createCase', caseAt(facilityId))).id;
    expect((await value(follower, 'getCaseWorkup', { caseId })).transferCase.id).toBe(caseId);

    // A letter issued here records which state of the registry its evidence came from.
    const { cursor } = await value(follower, 'sharedRegistryStatus', {});
    const draft = await value(follower, 'openLetterDraft', { caseId, audience: 'family' });
    expect(draft.evidenceFrom).toBeNull();
    const issued = await value(follower, 'issueLetter', { letterId: draft.id });
    expect(issued.evidenceFrom).toEqual({ serverUrl: shared.url, registryId: expect.any(String), sequence: cursor, pulledAt: NOW.toISOString() });
    // Patient data stays here: the server has no case and no letter.
    expect(await shared.core.database.db.selectFrom('transfer_cases').select('id').execute()).toEqual([]);
  });

  it('refuses to follow a server when this desktop keeps a registry of its own', async () => {
    const shared = await server();
    const own = await desktop();
    await value(own, 'createFacility', { name: 'Our Own Hospital' });
    const result = await dispatchCall(own.calls, 'connectSharedRegistry', { serverUrl: shared.url }, LOCAL_CALLER);
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!result.ok && result.error.message).toContain('keeps its own registry of 1 facilities');
    expect((await value(own, 'sharedRegistryStatus', {})).connected).toBe(false);
  });

  it('rebuilds its replica when the server is restored to an earlier state, keeping local cases', async () => {
    const original = await server();
    const kept = await finalizedFacility(original.core, 'Kept Regional Hospital');
    const backup = await exportJsonBackup(original.core.database, NOW);
    const gone = await finalizedFacility(original.core, 'Added After The Backup');

    const follower = await desktop(3);
    await value(follower, 'connectSharedRegistry', { serverUrl: original.url });
    const keptCase = (await value(follower, 'createCase', caseAt(kept.facilityId))).id;
    const goneCase = (await value(follower, 'createCase', caseAt(gone.facilityId))).id;

    // The same address now serves the registry as it was in the backup.
    const port = Number(new URL(original.url).port);
    await original.close();
    const restored = await freshPostgresDatabase();
    cleanups.push(() => restored.drop());
    const loader = await openCore({ dataDirectory: makeTempFolder().path, appVersion: 'test', now: () => NOW, databaseUrl: restored.url });
    await restoreIntoSharedRegistry(loader.database, backupSource(backup));
    await loader.close();
    const replacement = await serverOn(restored.url, port);

    const status = await value(follower, 'syncSharedRegistry', {});
    expect(status.notice).toContain('restored from a backup');
    expect(status.problem).toBeNull();
    const rows = await replicatedRows(follower);
    const serverRows = await replicatedRows(replacement.core);
    expect(rows.assessments).toEqual(serverRows.assessments);
    expect(rows.answers).toEqual(serverRows.answers);
    // The facility the server no longer has stays, archived, because a case here names it.
    expect(rows.facilities.map((facility) => [facility.name, facility.archived])).toEqual([
      ['Kept Regional Hospital', 0],
      ['Added After The Backup', 1],
    ]);
    expect((await value(follower, 'getCaseWorkup', { caseId: keptCase })).transferCase.id).toBe(keptCase);
    expect((await value(follower, 'getCaseWorkup', { caseId: goneCase })).transferCase.id).toBe(goneCase);
  });

  it('refuses a server that holds a different registry, and keeps the replica as it was', async () => {
    const original = await server();
    await finalizedFacility(original.core, 'Lakeshore General');
    const follower = await desktop();
    await value(follower, 'connectSharedRegistry', { serverUrl: original.url });
    const fingerprint = await replicaFingerprint(follower);

    const port = Number(new URL(original.url).port);
    await original.close();
    const other = await server(port);
    await finalizedFacility(other.core, 'Some Other Hospital');

    const status = await value(follower, 'syncSharedRegistry', {});
    expect(status.problem).toContain('different registry');
    expect(await replicaFingerprint(follower)).toBe(fingerprint);
  });

  it('says the server is not reachable, keeps showing the replica, and catches up when it is back', async () => {
    const original = await server();
    await finalizedFacility(original.core, 'Lakeshore General');
    const follower = await desktop();
    await value(follower, 'connectSharedRegistry', { serverUrl: original.url });
    const port = Number(new URL(original.url).port);
    await original.close();

    const offline = await value(follower, 'syncSharedRegistry', {});
    expect(offline).toMatchObject({ connected: true, reachable: false, lastPulledAt: NOW.toISOString() });
    expect((await value(follower, 'listFacilities', {})).total).toBe(1);

    const back = await serverOn(original.databaseUrl, port);
    await finalizedFacility(back.core, 'Opened While Offline');
    const online = await value(follower, 'syncSharedRegistry', {});
    expect(online).toMatchObject({ reachable: true, problem: null });
    expect(await replicatedRows(follower)).toEqual(await replicatedRows(back.core));
  });
});

describe("an assessor's outbox on a desktop that follows the shared registry", () => {
  async function draftHere(core: Core, facilityId: number, status: CapabilityAnswer['status'] = 'on_site'): Promise<number> {
    const draft = await value(core, 'startAssessment', { facilityId });
    for (const capabilityId of CAPABILITY_IDS) {
      await value(core, 'saveAnswer', { assessmentId: draft.id, capabilityId, answer: { ...ANSWER, status, details: status === 'not_available' ? {} : ANSWER.details } });
    }
    return draft.id;
  }

  it('an assessment finalized offline reaches the server when it is back, once, and then the other desktop', async () => {
    const original = await server();
    const newcomer = (await value(original.core, 'createFacility', { name: 'Mercy County Hospital' })).id;
    const { facilityId: harbor, assessmentId: standing } = await finalizedFacility(original.core, 'Harbor General');
    const assessor = await desktop();
    const physician = await desktop();
    await value(assessor, 'connectSharedRegistry', { serverUrl: original.url });
    await value(physician, 'connectSharedRegistry', { serverUrl: original.url });
    const port = Number(new URL(original.url).port);
    await original.close();

    // Offline: a first assessment of one facility, and an amendment of another's.
    const first = await draftHere(assessor, newcomer);
    expect(first).toBeGreaterThanOrEqual(2_000_000_000);
    await value(assessor, 'finalizeAssessment', { assessmentId: first });
    const amendment = await value(assessor, 'amendAssessment', { assessmentId: standing, reason: 'Site visit: IVIG suspended' });
    await value(assessor, 'saveAnswer', { assessmentId: amendment.id, capabilityId: 'ivig', answer: { ...ANSWER, status: 'not_available', details: {} } });
    await value(assessor, 'finalizeAssessment', { assessmentId: amendment.id });
    // Finalizing twice queues once; the answers of a queued assessment no longer change.
    await value(assessor, 'finalizeAssessment', { assessmentId: amendment.id });
    const frozen = await dispatchCall(assessor.calls, 'saveAnswer', { assessmentId: amendment.id, capabilityId: 'ivig', answer: ANSWER }, LOCAL_CALLER);
    expect(frozen).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const offline = await value(assessor, 'syncSharedRegistry', {});
    expect(offline).toMatchObject({ reachable: false, outbox: { pending: 2, conflicts: 0, refused: 0 } });
    expect(await dispatchCall(assessor.calls, 'disconnectSharedRegistry', {}, LOCAL_CALLER)).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const back = await serverOn(original.databaseUrl, port);
    const online = await value(assessor, 'syncSharedRegistry', {});
    expect(online).toMatchObject({ reachable: true, problem: null, outbox: { pending: 0, conflicts: 0, refused: 0 } });
    const outbox = await value(assessor, 'listOutbox', {});
    expect(outbox.map((entry) => entry.state)).toEqual(['delivered', 'delivered']);
    // The registry holds each once, finalized, the amendment superseding what stood.
    const onServer = await back.core.database.db.selectFrom('assessments').select(['id', 'facility_id', 'state', 'amends_id']).orderBy('id').execute();
    expect(onServer.filter((row) => row.state === 'finalized').map((row) => row.facility_id).sort((a, b) => a - b)).toEqual([newcomer, harbor].sort((a, b) => a - b));
    expect(onServer.find((row) => row.id === standing)?.state).toBe('superseded');
    expect(await back.core.database.db.selectFrom('assessment_submissions').select('client_id').execute()).toHaveLength(2);
    // The desktop's drafts gave way to the registry's copies.
    expect(await replicatedRows(assessor)).toEqual(await replicatedRows(back.core));
    expect(await assessor.database.db.selectFrom('assessments').select('id').where('id', '>=', 2_000_000_000).execute()).toEqual([]);
    await value(physician, 'syncSharedRegistry', {});
    expect(await replicatedRows(physician)).toEqual(await replicatedRows(back.core));

    // The same submission sent again (its answer lost on the way back) is stored once.
    const again = await value(back.core, 'submitAssessment', outbox[0]!.submission);
    expect(again.clientId).toBe(outbox[0]!.submission.clientId);
    expect(await back.core.database.db.selectFrom('assessment_submissions').select('client_id').execute()).toHaveLength(2);
  });

  it('a finalize based on an assessment the server has since superseded is a conflict that waits for a person', async () => {
    const shared = await server();
    const { facilityId, assessmentId: standing } = await finalizedFacility(shared.core, 'Harbor General');
    const assessor = await desktop();
    await value(assessor, 'connectSharedRegistry', { serverUrl: shared.url });

    // Both amend what stands: the server first.
    const mine = await value(assessor, 'amendAssessment', { assessmentId: standing, reason: 'Psychiatry consult now on site' });
    await value(assessor, 'saveAnswer', { assessmentId: mine.id, capabilityId: 'psychiatry', answer: { ...ANSWER, status: 'via_partner', details: {}, partner: { facilityId: null, name: 'Lakeside Behavioral Health', arrangement: 'written_agreement', deliveryDays: 3 } } });
    const theirs = await amend(shared.core, standing, 'not_available');
    await value(assessor, 'finalizeAssessment', { assessmentId: mine.id });
    const status = await value(assessor, 'syncSharedRegistry', {});
    expect(status.outbox).toEqual({ pending: 0, conflicts: 1, refused: 0 });
    const [conflict] = await value(assessor, 'listOutbox', {});
    expect(conflict).toMatchObject({ state: 'conflict', facilityId, theirs: { assessmentId: theirs } });
    expect(conflict!.serverMessage).toContain('newer assessment on the shared registry');
    expect(conflict!.submission.answers.psychiatry.status).toBe('via_partner');
    expect(conflict!.theirs!.answers.ivig.status).toBe('not_available');
    // Nothing of it reached the server.
    expect((await value(shared.core, 'getFacilityOverview', { facilityId })).profile?.capabilities.find((c) => c.capabilityId === 'psychiatry')?.status).toBe('on_site');

    // The assessor decides: theirs stands, and mine goes on top of it as an amendment with a reason.
    const resolved = await value(assessor, 'resolveOutboxEntry', { clientId: conflict!.clientId, decision: 'submit-mine', reason: 'Both changes are true: psychiatry moved to a partner as well' });
    expect(resolved.map((entry) => entry.state).sort()).toEqual(['pending', 'withdrawn'].sort());
    expect((await value(assessor, 'syncSharedRegistry', {})).outbox).toEqual({ pending: 0, conflicts: 0, refused: 0 });
    const overview = await value(shared.core, 'getFacilityOverview', { facilityId });
    expect(overview.history.map((entry) => entry.state)).toEqual(['finalized', 'superseded', 'superseded']);
    expect(await replicatedRows(assessor)).toEqual(await replicatedRows(shared.core));
  });

  it('keeping the server’s version withdraws this desktop’s, and its draft goes', async () => {
    const shared = await server();
    const { assessmentId: standing } = await finalizedFacility(shared.core, 'Harbor General');
    const assessor = await desktop();
    await value(assessor, 'connectSharedRegistry', { serverUrl: shared.url });
    const mine = await value(assessor, 'amendAssessment', { assessmentId: standing, reason: 'Rechecked' });
    await amend(shared.core, standing, 'not_available');
    await value(assessor, 'finalizeAssessment', { assessmentId: mine.id });
    const [conflict] = (await value(assessor, 'syncSharedRegistry', {})).outbox.conflicts === 1 ? await value(assessor, 'listOutbox', {}) : [];
    const resolved = await value(assessor, 'resolveOutboxEntry', { clientId: conflict!.clientId, decision: 'keep-theirs' });
    expect(resolved.map((entry) => entry.state)).toEqual(['withdrawn']);
    expect(await assessor.database.db.selectFrom('assessments').select('id').where('id', '=', mine.id).execute()).toEqual([]);
    expect(await replicatedRows(assessor)).toEqual(await replicatedRows(shared.core));
  });
});
