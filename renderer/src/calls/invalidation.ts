import type { CallName } from '../../../shared/contract';

/** Calls that only read; their answers are cached and refetched. */
export const READ_CALLS = [
  'getSession',
  'listBackups',
  'listFacilities',
  'facilityFacets',
  'getFacilityOverview',
  'getAssessment',
  'compareFacilities',
  'diffAssessments',
  'capabilityMatrix',
  'capabilityMatrixFirstRows',
  'coverageSummary',
  'facilityMap',
  'listAuditEvents',
  'auditFacets',
  'listCases',
  'getCaseWorkup',
  'getTransferSummary',
  'getLetter',
  'exportJsonBackup',
  'previewFacilityImport',
  'listUsers',
  'registryChanges',
  'sharedRegistryStatus',
  'listOutbox',
] as const satisfies readonly CallName[];

export type ReadCall = (typeof READ_CALLS)[number];
export type WriteCall = Exclude<CallName, ReadCall>;

/** Every write is recorded in the audit trail, so the trail and its filters change with each one. */
const AUDIT: ReadCall[] = ['listAuditEvents', 'auditFacets'];

/** What a facility's standing answers feed: wherever a facility's capabilities are shown or ranked. */
const CAPABILITIES: ReadCall[] = [
  'getFacilityOverview',
  'listFacilities',
  'capabilityMatrix',
  'capabilityMatrixFirstRows',
  'compareFacilities',
  'coverageSummary',
  'facilityMap',
  'getCaseWorkup',
  'getTransferSummary',
];

/**
 * A facility's own details: its name, place and archived state appear everywhere it is listed,
 * and an import's preview says what it would add or update against the facilities as they stand.
 */
const FACILITY_DETAILS: ReadCall[] = [...CAPABILITIES, 'facilityFacets', 'previewFacilityImport'];

/** A case feeds its workup, the case list, the summary and its letters' drafts. */
const CASE: ReadCall[] = ['getCaseWorkup', 'listCases', 'getTransferSummary', 'getLetter'];

/**
 * Which cached reads each write makes out of date, by call name. A write refetches exactly these
 * (every input of each), so a page showing them is current after the save without reloading.
 */
export const INVALIDATED_BY: Record<WriteCall, readonly ReadCall[]> = {
  saveProfile: ['getSession', ...AUDIT],
  // The expiry decides what counts as stale; the letterhead and reviews go into letters.
  saveSettings: ['getSession', ...CAPABILITIES, 'getAssessment', 'getLetter', ...AUDIT],
  // A restore replaces every row there is.
  restoreBackup: READ_CALLS,
  restoreJsonBackup: READ_CALLS,
  // Following a shared registry (or no longer) replaces the registry every page reads; a pull brings its news.
  connectSharedRegistry: READ_CALLS,
  // Only starts a sign-in; the status it changes is polled while the browser is open.
  beginSharedRegistrySignIn: ['sharedRegistryStatus', ...AUDIT],
  syncSharedRegistry: READ_CALLS,
  disconnectSharedRegistry: READ_CALLS,
  submitAssessment: ['getAssessment', 'diffAssessments', ...CAPABILITIES, ...AUDIT],
  resolveOutboxEntry: ['listOutbox', 'sharedRegistryStatus', 'getAssessment', 'getFacilityOverview', 'listFacilities', ...AUDIT],

  createFacility: [...FACILITY_DETAILS, ...AUDIT],
  updateFacility: [...FACILITY_DETAILS, ...AUDIT],
  renameFacility: [...FACILITY_DETAILS, ...AUDIT],
  setFacilityArchived: [...FACILITY_DETAILS, ...AUDIT],
  importFacilities: [...FACILITY_DETAILS, ...AUDIT],

  startAssessment: ['getFacilityOverview', 'listFacilities', ...AUDIT],
  // The draft itself is written into the cache from the save's reply (assessment/answer-autosave):
  // rereading it after every pause in typing would only say "Updating…" for what is on screen.
  saveAnswer: [...AUDIT],
  // On a desktop that follows a shared registry, finalizing queues the assessment in the outbox.
  finalizeAssessment: ['getAssessment', 'diffAssessments', ...CAPABILITIES, ...AUDIT, 'listOutbox', 'sharedRegistryStatus'],
  amendAssessment: ['getAssessment', 'getFacilityOverview', 'listFacilities', ...AUDIT],

  createCase: ['listCases', ...AUDIT],
  updateCase: [...CASE, ...AUDIT],
  chooseReceivingFacility: [...CASE, ...AUDIT],
  openLetterDraft: ['getCaseWorkup', 'getLetter', ...AUDIT],
  saveLetterEdit: ['getLetter', 'getCaseWorkup', ...AUDIT],
  issueLetter: ['getLetter', 'getCaseWorkup', 'listCases', ...AUDIT],

  // One's own roles are in the session: granting them to oneself shows at once.
  grantRole: ['listUsers', 'getSession', ...AUDIT],
  revokeRole: ['listUsers', 'getSession', ...AUDIT],
};

export function isReadCall(name: CallName): name is ReadCall {
  return (READ_CALLS as readonly CallName[]).includes(name);
}

/** The reads a write makes out of date, each named once. */
export function invalidatedBy(name: WriteCall): ReadCall[] {
  return [...new Set(INVALIDATED_BY[name])];
}
