/**
 * Who may make each call of the contract (shared/contract.ts), on its own: the renderer asks
 * it to hide what a role cannot do, and it carries no input schemas, so the first screen
 * loads no validation library for that. The dispatcher checks the contract's copy (the same
 * objects) before any call runs.
 */
import type { CallAccess } from './permissions';

/** Where a scoped call's input names the record it acts on. */
const OF_FACILITY = { kind: 'facility', field: 'facilityId' } as const;
const OF_FACILITY_RECORD = { kind: 'facility', field: 'id' } as const;
const OF_ASSESSMENT = { kind: 'assessment', field: 'assessmentId' } as const;
const OF_CASE = { kind: 'case', field: 'caseId' } as const;
const OF_LETTER = { kind: 'letter', field: 'letterId' } as const;

export const CALL_ACCESS = {
  getSession: { permission: 'signed-in' },
  saveProfile: { permission: 'own-profile' },
  saveSettings: { permission: 'settings.manage' },
  listBackups: { permission: 'backups.manage' },
  restoreBackup: { permission: 'backups.manage' },
  exportJsonBackup: { permission: 'backups.manage' },
  restoreJsonBackup: { permission: 'backups.manage' },
  listFacilities: { permission: 'registry.read' },
  facilityFacets: { permission: 'registry.read' },
  getFacilityOverview: { permission: 'registry.read' },
  createFacility: { permission: 'registry.manage' },
  updateFacility: { permission: 'facility.edit', scope: OF_FACILITY_RECORD },
  renameFacility: { permission: 'facility.edit', scope: OF_FACILITY_RECORD },
  setFacilityArchived: { permission: 'registry.manage' },
  previewFacilityImport: { permission: 'registry.manage' },
  importFacilities: { permission: 'registry.manage' },
  startAssessment: { permission: 'assessment.edit', scope: OF_FACILITY },
  getAssessment: { permission: 'registry.read' },
  saveAnswer: { permission: 'assessment.edit', scope: OF_ASSESSMENT },
  finalizeAssessment: { permission: 'assessment.finalize', scope: OF_ASSESSMENT },
  amendAssessment: { permission: 'assessment.amend', scope: OF_ASSESSMENT },
  compareFacilities: { permission: 'registry.read' },
  diffAssessments: { permission: 'registry.read' },
  capabilityMatrix: { permission: 'registry.read' },
  capabilityMatrixFirstRows: { permission: 'registry.read' },
  coverageSummary: { permission: 'registry.read' },
  facilityMap: { permission: 'registry.read' },
  listAuditEvents: { permission: 'audit.read' },
  auditFacets: { permission: 'audit.read' },
  listCases: { permission: 'patient.treat' },
  createCase: { permission: 'patient.treat' },
  updateCase: { permission: 'patient.treat', scope: OF_CASE },
  getCaseWorkup: { permission: 'patient.treat', scope: OF_CASE },
  chooseReceivingFacility: { permission: 'patient.treat', scope: OF_CASE },
  openLetterDraft: { permission: 'patient.treat', scope: OF_CASE },
  saveLetterEdit: { permission: 'patient.treat', scope: OF_LETTER },
  issueLetter: { permission: 'patient.treat', scope: OF_LETTER },
  getTransferSummary: { permission: 'patient.treat', scope: OF_CASE },
  getLetter: { permission: 'patient.treat', scope: OF_LETTER },
  listUsers: { permission: 'users.manage' },
  grantRole: { permission: 'users.manage' },
  revokeRole: { permission: 'users.manage' },
  registryChanges: { permission: 'registry.read' },
  sharedRegistryStatus: { permission: 'signed-in' },
  connectSharedRegistry: { permission: 'settings.manage' },
  beginSharedRegistrySignIn: { permission: 'settings.manage' },
  syncSharedRegistry: { permission: 'registry.read' },
  disconnectSharedRegistry: { permission: 'settings.manage' },
  submitAssessment: { permission: 'assessment.finalize', scope: OF_FACILITY },
  listOutbox: { permission: 'registry.read' },
  resolveOutboxEntry: { permission: 'registry.read' },
} satisfies Record<string, CallAccess>;

/**
 * The calls that change the registry's facilities and people. On a desktop that follows a shared
 * registry they belong to the server alone (assessments go through the desktop's outbox instead).
 */
export const SHARED_REGISTRY_ONLY_CALLS = [
  'createFacility',
  'updateFacility',
  'renameFacility',
  'setFacilityArchived',
  'previewFacilityImport',
  'importFacilities',
  'grantRole',
  'revokeRole',
] as const satisfies readonly (keyof typeof CALL_ACCESS)[];

/** Why a desktop that follows the shared registry at `serverUrl` does not make such a change itself. */
export function changedOnSharedRegistry(serverUrl: string): string {
  return `This desktop follows the shared registry at ${serverUrl}, where facilities and people are changed. Open that address in a browser to make this change.`;
}
