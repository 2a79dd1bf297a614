import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapabilityAnswer } from '../../shared/assessment';
import { CALL_NAMES, contract, type CallInput, type CallName } from '../../shared/contract';
import { LOCAL_CALLER, type Caller } from '../../shared/permissions';
import { CAPABILITY_IDS } from '../../shared/questionnaire';
import type { TransferCaseInput } from '../../shared/transfer-case';
import { dispatchCall } from '../../electron/core/dispatch';
import { CoreHarness } from '../support/core-harness';
import { signedInPerson } from '../support/registry-people';

/**
 * Every contract call × every role, plus an assessor and a physician whose facility is not the
 * one the call acts on. The table is written out by hand, not derived from the decision function,
 * so a change to who may do what shows up here as a failing row.
 */
const PEOPLE = ['admin', 'assessorHere', 'assessorElsewhere', 'physicianHere', 'physicianElsewhere', 'caseAuthor', 'analyst', 'noRoles'] as const;
type Person = (typeof PEOPLE)[number];

const EVERYONE = PEOPLE;
const ADMIN: Person[] = ['admin'];
const ASSESSOR_HERE: Person[] = ['assessorHere'];
const PHYSICIANS: Person[] = ['physicianHere', 'physicianElsewhere', 'caseAuthor'];
const TREATING: Person[] = ['physicianHere', 'caseAuthor'];

const ALLOWED: Record<CallName, readonly Person[]> = {
  getSession: EVERYONE,
  saveProfile: [],
  saveSettings: ADMIN,
  listBackups: ADMIN,
  restoreBackup: ADMIN,
  exportJsonBackup: ADMIN,
  restoreJsonBackup: ADMIN,
  listFacilities: EVERYONE,
  facilityFacets: EVERYONE,
  getFacilityOverview: EVERYONE,
  createFacility: ADMIN,
  updateFacility: ASSESSOR_HERE,
  renameFacility: ASSESSOR_HERE,
  setFacilityArchived: ADMIN,
  previewFacilityImport: ADMIN,
  importFacilities: ADMIN,
  startAssessment: ASSESSOR_HERE,
  getAssessment: EVERYONE,
  saveAnswer: ASSESSOR_HERE,
  finalizeAssessment: ASSESSOR_HERE,
  amendAssessment: ASSESSOR_HERE,
  compareFacilities: EVERYONE,
  diffAssessments: EVERYONE,
  capabilityMatrix: EVERYONE,
  capabilityMatrixFirstRows: EVERYONE,
  coverageSummary: EVERYONE,
  facilityMap: EVERYONE,
  registryChanges: EVERYONE,
  sharedRegistryStatus: EVERYONE,
  connectSharedRegistry: ADMIN,
  beginSharedRegistrySignIn: ADMIN,
  syncSharedRegistry: EVERYONE,
  disconnectSharedRegistry: ADMIN,
  submitAssessment: ASSESSOR_HERE,
  listOutbox: EVERYONE,
  resolveOutboxEntry: EVERYONE,
  listAuditEvents: ['admin', 'analyst'],
  auditFacets: ['admin', 'analyst'],
  listCases: PHYSICIANS,
  createCase: PHYSICIANS,
  updateCase: TREATING,
  getCaseWorkup: TREATING,
  chooseReceivingFacility: TREATING,
  openLetterDraft: TREATING,
  saveLetterEdit: TREATING,
  issueLetter: TREATING,
  getTransferSummary: TREATING,
  getLetter: TREATING,
  listUsers: ADMIN,
  grantRole: ADMIN,
  revokeRole: ADMIN,
};

const harness = new CoreHarness();
const callers = {} as Record<Person, Caller>;
let inputs: Record<CallName, unknown>;

const answer: CapabilityAnswer = {
  status: 'on_site',
  details: {},
  partner: null,
  evidence: 'Confirmed with the service lead.',
  verifiedByName: 'Dr. Lena Ortiz',
  verifiedByRole: 'Department chief',
  verificationMethod: 'site_visit',
  verifiedOn: '2026-02-20',
};

beforeAll(async () => {
  await harness.open();
  await harness.value('saveProfile', { name: 'Setup Person', role: 'administrator' });
  const lakeshore = (await harness.value('createFacility', { name: 'Lakeshore General', ccn: '010001' })).id;
  const harbor = (await harness.value('createFacility', { name: 'Harbor View Medical Center', ccn: '010002' })).id;
  const draft = await harness.value('startAssessment', { facilityId: lakeshore });
  for (const capabilityId of CAPABILITY_IDS) await harness.value('saveAnswer', { assessmentId: draft.id, capabilityId, answer });
  const finalized = await harness.value('finalizeAssessment', { assessmentId: draft.id });
  const openDraft = await harness.value('amendAssessment', { assessmentId: draft.id, reason: 'A draft stays open for the table.' });

  const { core } = harness;
  callers.admin = await signedInPerson(core, { subject: 'admin-1', name: 'Ada Admin', email: 'ada@example.org' }, [{ role: 'registry_admin' }]);
  callers.assessorHere = await signedInPerson(core, { subject: 'assessor-1', name: 'Ari Assessor', email: 'ari@example.org' }, [{ role: 'assessor', facilityId: lakeshore }]);
  callers.assessorElsewhere = await signedInPerson(core, { subject: 'assessor-2', name: 'Bo Assessor', email: 'bo@example.org' }, [{ role: 'assessor', facilityId: harbor }]);
  callers.physicianHere = await signedInPerson(core, { subject: 'phys-1', name: 'Dr. Cruz', email: 'cruz@example.org' }, [{ role: 'physician', facilityId: lakeshore }]);
  callers.physicianElsewhere = await signedInPerson(core, { subject: 'phys-2', name: 'Dr. Diaz', email: 'diaz@example.org' }, [{ role: 'physician', facilityId: harbor }]);
  callers.caseAuthor = await signedInPerson(core, { subject: 'phys-3', name: 'Dr. Eze', email: 'eze@example.org' }, [{ role: 'physician' }]);
  callers.analyst = await signedInPerson(core, { subject: 'qa-1', name: 'Quinn Analyst', email: 'quinn@example.org' }, [{ role: 'quality_analyst' }]);
  callers.noRoles = await signedInPerson(core, { subject: 'none-1', name: 'Noel Nobody', email: 'noel@example.org' }, []);

  const caseInput: TransferCaseInput = {
    patient: { name: 'Maria Delgado', dateOfBirth: '1968-04-09', mrn: 'MRN-884120', insurer: 'Blue Harbor Health Plan', memberId: 'BHH-2231987' },
    gad65: 'positive',
    stage: 'progressive',
    flags: ['plannedIvig'],
    referringFacilityId: lakeshore,
    physician: { name: 'Dr. Eze', credentials: 'MD', npi: '1234567893', phone: '(555) 201-4400' },
  };
  const created = await dispatchCall(core.calls, 'createCase', caseInput, callers.caseAuthor, core.resolveScope);
  if (!created.ok) throw new Error(created.error.message);
  const caseId = (created.value as { id: number }).id;
  const letter = await dispatchCall(core.calls, 'openLetterDraft', { caseId, audience: 'family' }, callers.caseAuthor, core.resolveScope);
  if (!letter.ok) throw new Error(letter.error.message);
  const letterId = (letter.value as { id: number }).id;

  const csv = 'name,ccn\nNorth Ridge Hospital,010003\n';
  inputs = {
    getSession: {},
    saveProfile: { name: 'Someone Typed', role: 'administrator' },
    saveSettings: (await harness.value('getSession', {})).settings,
    listBackups: {},
    restoreBackup: { name: 'transferready-2026-01-01T00-00-00Z-daily.sqlite' },
    exportJsonBackup: {},
    restoreJsonBackup: { json: '{"not":"a backup"}' },
    listFacilities: {},
    facilityFacets: {},
    getFacilityOverview: { facilityId: lakeshore },
    createFacility: { name: 'Added Hospital' },
    updateFacility: { id: lakeshore, record: { name: 'Lakeshore General', ccn: '010001' } },
    renameFacility: { id: lakeshore, name: 'Lakeshore General' },
    setFacilityArchived: { id: harbor, archived: false },
    previewFacilityImport: { csv },
    importFacilities: { csv },
    startAssessment: { facilityId: lakeshore },
    getAssessment: { assessmentId: finalized.id },
    saveAnswer: { assessmentId: openDraft.id, capabilityId: 'ivig', answer },
    finalizeAssessment: { assessmentId: openDraft.id },
    amendAssessment: { assessmentId: finalized.id, reason: 'The table test checks who may amend.' },
    compareFacilities: { facilityIds: [lakeshore, harbor] },
    diffAssessments: { fromId: finalized.id, toId: finalized.id },
    capabilityMatrix: {},
    capabilityMatrixFirstRows: { firstRows: 5 },
    coverageSummary: {},
    facilityMap: { capabilities: ['ivig'] },
    listAuditEvents: {},
    auditFacets: {},
    listCases: {},
    createCase: caseInput,
    updateCase: { caseId, details: caseInput },
    getCaseWorkup: { caseId },
    chooseReceivingFacility: { caseId, facilityId: null },
    openLetterDraft: { caseId, audience: 'family' },
    saveLetterEdit: { letterId, paragraphId: 'opening', text: null },
    issueLetter: { letterId },
    getTransferSummary: { caseId },
    getLetter: { letterId },
    listUsers: {},
    grantRole: { email: 'noel@example.org', role: 'quality_analyst', facilityId: null },
    revokeRole: { grantId: 999_999 },
    registryChanges: { after: 0, limit: 10 },
    sharedRegistryStatus: {},
    // Port 9 (discard) on loopback: nothing answers, so an allowed connect fails with a sentence, after the check.
    connectSharedRegistry: { serverUrl: 'http://127.0.0.1:9/' },
    beginSharedRegistrySignIn: { serverUrl: 'http://127.0.0.1:9/' },
    syncSharedRegistry: {},
    disconnectSharedRegistry: {},
    submitAssessment: {
      clientId: '01937a51-0000-7000-8000-000000000001',
      facilityId: lakeshore,
      basedOnAssessmentId: finalized.id,
      amendmentReason: 'Sent from a desktop.',
      questionnaireVersion: 1,
      answers: Object.fromEntries(CAPABILITY_IDS.map((id) => [id, answer])) as Record<(typeof CAPABILITY_IDS)[number], CapabilityAnswer>,
    },
    listOutbox: {},
    resolveOutboxEntry: { clientId: '01937a51-0000-7000-8000-000000000002', decision: 'keep-theirs' },
  };
});
afterAll(() => harness.dispose());

describe('who may make each call', () => {
  it('every call declares the permission it needs, and the table covers every call', () => {
    for (const name of CALL_NAMES) {
      expect(contract[name].access?.permission, `${name} has no declared permission`).toBeTypeOf('string');
      expect(Object.hasOwn(ALLOWED, name), `${name} is missing from the permission table`).toBe(true);
    }
    expect(Object.keys(ALLOWED).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('every input in the table passes the contract, so each row reaches the decision', () => {
    for (const name of CALL_NAMES) expect(contract[name].input.safeParse(inputs[name]).success, name).toBe(true);
  });

  const rows = CALL_NAMES.flatMap((name) => PEOPLE.map((person) => [name, person] as const));
  it(`decides ${rows.length} call × person rows (${CALL_NAMES.length} calls × ${PEOPLE.length} people) as the table says`, async () => {
    const wrong: string[] = [];
    for (const [name, person] of rows) {
      const result = await dispatchCall(harness.core.calls, name, inputs[name] as CallInput<typeof name>, callers[person], harness.core.resolveScope);
      const refused = !result.ok && result.error.code === 'forbidden';
      const expectedRefused = !ALLOWED[name].includes(person);
      if (refused !== expectedRefused) wrong.push(`${name} × ${person}: ${refused ? `refused (${!result.ok && result.error.message})` : `allowed (${result.ok ? 'ok' : result.error.code})`}`);
      if (refused && !result.ok) {
        expect(result.error.message).toMatch(/\.$/);
        expect(result.error.message).not.toMatch(/Maria|Delgado/);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names the facility in the refusal sentence', async () => {
    const result = await dispatchCall(harness.core.calls, 'finalizeAssessment', inputs.finalizeAssessment, callers.assessorElsewhere, harness.core.resolveScope);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Only assessors for Lakeshore General can finalize its assessments. Ask a registry administrator.' },
    });
  });

  it('the desktop and a loopback host without sign-in keep every call', async () => {
    const result = await dispatchCall(harness.core.calls, 'listUsers', {}, LOCAL_CALLER, harness.core.resolveScope);
    expect(result.ok).toBe(true);
  });

  it('never removes the last registry administrator', async () => {
    const admins = (await harness.value('listUsers', {})).filter((user) => user.grants.some((grant) => grant.role === 'registry_admin'));
    expect(admins).toHaveLength(1);
    const grantId = admins[0]!.grants.find((grant) => grant.role === 'registry_admin')!.id;
    expect(await harness.call('revokeRole', { grantId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('a removed facility grant takes effect on the next call', async () => {
    const users = await harness.value('listUsers', {});
    const ari = users.find((user) => user.email === 'ari@example.org')!;
    await harness.value('revokeRole', { grantId: ari.grants[0]!.id });
    const person = await harness.core.people.find(ari.id);
    expect(person!.caller.grants).toEqual([]);
    const result = await dispatchCall(harness.core.calls, 'startAssessment', inputs.startAssessment, person!.caller, harness.core.resolveScope);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
