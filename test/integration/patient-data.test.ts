import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferCaseInput } from '../../shared/transfer-case';
import { callAsPage, signIn, type CookieJar } from '../support/sign-in-driver';
import { startSignedInHost, type SignedInHost } from '../support/signed-in-host';

/** Everything that identifies the test patient; none of it may reach someone who does not treat her. */
const PATIENT = { name: 'Maria Delgado', dateOfBirth: '1968-04-09', mrn: 'MRN-884120', insurer: 'Blue Harbor Health Plan', memberId: 'BHH-2231987' };
const IDENTIFIERS = ['Maria', 'Delgado', 'MRN-884120', '1968-04-09', 'BHH-2231987'];

let running: SignedInHost;
let caseId: number;
let letterId: number;
const jars = {} as Record<'physician' | 'author' | 'otherPhysician' | 'analyst' | 'admin', CookieJar>;

async function raw(jar: CookieJar, method: string, input: unknown): Promise<{ status: number; text: string }> {
  const response = await callAsPage(running.hostUrl, jar, method, input);
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  running = await startSignedInHost({
    'author-sub': { name: 'Dr. Eze', email: 'eze@example.org' },
    'phys-sub': { name: 'Dr. Cruz', email: 'cruz@example.org' },
    'other-sub': { name: 'Dr. Diaz', email: 'diaz@example.org' },
    'qa-sub': { name: 'Quinn Analyst', email: 'quinn@example.org' },
    'admin-sub': { name: 'Ada Admin', email: 'ada@example.org' },
  });
  const { core } = running;
  const lakeshore = (await core.calls.createFacility({ name: 'Lakeshore General', ccn: '010001' } as never)).id;
  const harbor = (await core.calls.createFacility({ name: 'Harbor View Medical Center', ccn: '010002' } as never)).id;
  await core.calls.grantRole({ email: 'eze@example.org', role: 'physician', facilityId: null });
  await core.calls.grantRole({ email: 'cruz@example.org', role: 'physician', facilityId: lakeshore });
  await core.calls.grantRole({ email: 'diaz@example.org', role: 'physician', facilityId: harbor });
  await core.calls.grantRole({ email: 'quinn@example.org', role: 'quality_analyst', facilityId: null });
  await core.calls.grantRole({ email: 'ada@example.org', role: 'registry_admin', facilityId: null });
  jars.author = await signIn(running.hostUrl, 'author-sub');
  jars.physician = await signIn(running.hostUrl, 'phys-sub');
  jars.otherPhysician = await signIn(running.hostUrl, 'other-sub');
  jars.analyst = await signIn(running.hostUrl, 'qa-sub');
  jars.admin = await signIn(running.hostUrl, 'admin-sub');

  const details: TransferCaseInput = {
    patient: PATIENT,
    gad65: 'positive',
    stage: 'progressive',
    flags: ['plannedIvig'],
    referringFacilityId: lakeshore,
    physician: { name: 'Dr. Eze', credentials: 'MD', npi: '1234567893', phone: '(555) 201-4400' },
  };
  const created = JSON.parse((await raw(jars.author, 'createCase', details)).text) as { value: { id: number } };
  caseId = created.value.id;
  await raw(jars.author, 'updateCase', { caseId, details: { ...details, patient: { ...PATIENT, insurer: 'Harbor Mutual' } } });
  letterId = (JSON.parse((await raw(jars.author, 'openLetterDraft', { caseId, audience: 'insurer' })).text) as { value: { id: number } }).value.id;
});
afterAll(() => running.close());

describe('patient data on a shared host', () => {
  it('the author and a physician for the referring facility see the case', async () => {
    for (const jar of [jars.author, jars.physician]) {
      const cases = await raw(jar, 'listCases', {});
      expect(cases.text).toContain('Maria Delgado');
      expect((await raw(jar, 'getCaseWorkup', { caseId })).status).toBe(200);
      expect((await raw(jar, 'getLetter', { letterId })).text).toContain('Delgado');
    }
  });

  it('a physician for another facility neither lists nor opens it', async () => {
    expect(JSON.parse((await raw(jars.otherPhysician, 'listCases', {})).text)).toEqual({ ok: true, value: [] });
    for (const [method, input] of [['getCaseWorkup', { caseId }], ['getLetter', { letterId }], ['getTransferSummary', { caseId }]] as const) {
      const answer = await raw(jars.otherPhysician, method, input);
      expect(answer.status).toBe(403);
      for (const identifier of IDENTIFIERS) expect(answer.text).not.toContain(identifier);
    }
  });

  it.each(['analyst', 'admin'] as const)('the %s searching, exporting and reading the audit trail never receives a patient identifier', async (who) => {
    const reads: [string, unknown][] = [
      ['getSession', {}],
      ['listFacilities', { search: 'Delgado' }],
      ['listFacilities', { includeArchived: true }],
      ['facilityFacets', {}],
      ['capabilityMatrix', { search: 'Maria' }],
      ['capabilityMatrixFirstRows', { search: 'Maria', firstRows: 50 }],
      ['coverageSummary', {}],
      ['facilityMap', { capabilities: ['ivig'] }],
      ['listAuditEvents', {}],
      ['listAuditEvents', { entityType: 'case' }],
      ['auditFacets', {}],
      ['exportJsonBackup', {}],
      ['listUsers', {}],
      ['listCases', {}],
      ['getCaseWorkup', { caseId }],
      ['getTransferSummary', { caseId }],
      ['getLetter', { letterId }],
      ['openLetterDraft', { caseId, audience: 'family' }],
    ];
    let bytes = 0;
    for (const [method, input] of reads) {
      const answer = await raw(jars[who], method, input);
      bytes += answer.text.length;
      for (const identifier of IDENTIFIERS) expect(answer.text, `${who} ${method}`).not.toContain(identifier);
    }
    expect(bytes).toBeGreaterThan(1000);
  });

  it('the audit trail shows which case fields changed, never their values', async () => {
    const trail = JSON.parse((await raw(jars.analyst, 'listAuditEvents', { entityType: 'case' })).text) as { value: { events: { action: string; after: string }[] } };
    const update = trail.value.events.find((event) => event.action === 'update')!;
    expect(JSON.parse(update.after)).toEqual({ fields: ['patient'] });
    expect(update.after).not.toContain('Harbor Mutual');
  });

  it('a backup downloaded on the shared host says it holds no patient data, and holds none', async () => {
    const answer = JSON.parse((await raw(jars.admin, 'exportJsonBackup', {})).text) as { value: { fileName: string; json: string; holdsPatientData: boolean } };
    expect(answer.value.holdsPatientData).toBe(false);
    expect(answer.value.fileName).toMatch(/without-patient-data\.json$/);
    const backup = JSON.parse(answer.value.json) as { patientData: boolean; tables: Record<string, unknown[]> };
    expect(backup.patientData).toBe(false);
    expect(backup.tables.transfer_cases).toEqual([]);
    expect(backup.tables.letters).toEqual([]);
    expect(backup.tables.facilities!.length).toBe(2);
    const restore = await raw(jars.admin, 'restoreJsonBackup', { json: answer.value.json });
    expect(restore.status).toBe(400);
    expect(restore.text).toContain('without patient data');
  });
});
