import { z } from 'zod';
import { facilityMapQuerySchema, type MapFacility } from './facility-map';
import type { AnswerChange, Assessment, AssessmentSummary, CapabilityProfile } from './assessment';
import { amendAssessmentSchema, assessmentIdSchema, saveAnswerSchema } from './assessment-schemas';
import { auditQuerySchema, type AuditEvent, type AuditFacets } from './audit-trail';
import type { CallResult } from './call-result';
import type { CaseWorkup, LetterView } from './case-workup';
import type { MatrixFirstRows, MatrixTable } from './capability-matrix';
import { matrixFilterSchema, matrixFirstRowsSchema } from './matrix-filter';
import type { CoverageSummary } from './coverage';
import {
  createFacilitySchema,
  facilityIdSchema,
  listFacilitiesSchema,
  renameFacilitySchema,
  setFacilityArchivedSchema,
  updateFacilitySchema,
  type Facility,
  type FacilityFacets,
  type FacilityList,
} from './facility';
import { facilityImportSchema, type ImportPlanSummary } from './facility-import';
import { LETTER_AUDIENCES, type ComposedLetter } from './letters';
import { CALL_ACCESS } from './call-access';
import type { CallAccess, Caller, RegistryRole, RoleGrant } from './permissions';
import { userProfileSchema, type UserProfile } from './profile-schema';
import { appSettingsSchema, type AppSettings } from './settings';
import {
  caseIdSchema,
  chooseReceivingSchema,
  transferCaseSchema,
  updateCaseSchema,
  type CaseSummary,
  type TransferCase,
} from './transfer-case';
import { grantRoleSchema, revokeRoleSchema, type RegistryUser } from './users';
import { resolveOutboxEntrySchema, submitAssessmentSchema, type OutboxEntry, type SubmissionReceipt } from './assessment-submission';
import { beginSharedRegistrySignInSchema, connectSharedRegistrySchema, registryChangesQuerySchema, type FeedPage, type ReplicaStatus, type SharedRegistrySignIn } from './registry-feed';
import { NO_SUCH_RECORD, RECORD_ID_MAX } from './validation';

/** Why a backup was taken; it is part of the backup's file name. */
export type BackupReason = { kind: 'daily' } | { kind: 'before-restore' } | { kind: 'before-schema'; schemaVersion: number } | { kind: 'unknown' };

export interface BackupSummary {
  name: string;
  bytes: number;
  takenAt: string;
  reason: BackupReason;
}

/** Names the backups folder holds: what listBackups returns, and nothing with a path in it. */
export const BACKUP_NAME_PATTERN = /^transferready-[0-9TZ-]+-[a-z0-9-]+\.sqlite$/;

/** Inside the 32 MB a file call may carry; larger backups go through the CLI, a row at a time. */
export const MAX_IN_APP_RESTORE_CHARACTERS = 30 * 1024 * 1024;
export const TOO_LARGE_TO_RESTORE_HERE =
  'This backup is larger than 30 MB, too large to restore from here. Restore it from a terminal with "npm run cli -- restore FILE", which reads it a row at a time.';

export interface RestoreOutcome {
  /** The backup file name, or "JSON backup" for an uploaded file. */
  restoredFrom: string;
  /** Backup name of the database as it was just before, so the restore can be undone. */
  safetyCopy: string | null;
}

/** Someone signed in to a shared host, as the verified ID token and the registry's grants say. */
export interface SignedInPerson {
  name: string;
  email: string | null;
  issuer: string;
  roles: RegistryRole[];
  grants: (RoleGrant & { facilityName: string | null })[];
}

export interface Session {
  profile: UserProfile | null;
  /** Null on a desktop or a loopback host without sign-in: there the profile is who. */
  person: SignedInPerson | null;
  settings: AppSettings;
  dataDirectory: string;
  /** The shared registry's database (its address, never a password) when this host serves one; null for a desktop's own registry. */
  sharedRegistry: string | null;
  appVersion: string;
  /** The host's calendar date, the reference for "not in the future" and staleness. */
  today: string;
  /** Something about where the data is kept that the user must know (a backup that failed, damage found). */
  storageWarning: string | null;
  /**
   * True while the whole-file check and the day's backup still run after start: what they find
   * becomes the storage warning, so ask again until this is false.
   */
  checkingStorage: boolean;
}

export interface ComparedFacility {
  facility: Facility;
  assessment: Assessment | null;
  profile: CapabilityProfile | null;
}

export interface RevisionDiff {
  from: AssessmentSummary;
  to: AssessmentSummary;
  changes: AnswerChange[];
}

export interface FacilityOverview {
  facility: Facility;
  profile: CapabilityProfile | null;
  /** One line: what the facility can do for an SPS inpatient and every exception. */
  verdict: string;
  history: AssessmentSummary[];
  draft: AssessmentSummary | null;
}

interface CallDefinition<Input extends z.ZodType, Output> {
  input: Input;
  /** Who may make the call; the dispatcher checks it before the call runs. */
  access: CallAccess;
  /** Never read at run time: carries the output type to both hosts and the renderer. */
  output?: Output;
}

function call<Output>() {
  return <Input extends z.ZodType>(input: Input, access: CallAccess): CallDefinition<Input, Output> => ({ input, access });
}

const noInput = z.object({}).strict();
const byFacility = z.object({ facilityId: facilityIdSchema });
const byAssessment = z.object({ assessmentId: assessmentIdSchema });
const byCase = z.object({ caseId: caseIdSchema });
const letterIdSchema = z.number({ error: 'A letter id is required.' }).int().positive().max(RECORD_ID_MAX, NO_SUCH_RECORD);
const byLetter = z.object({ letterId: letterIdSchema });

/**
 * Every call the renderer can make, declared once. The IPC and HTTP hosts validate against
 * these schemas before anything reaches the core.
 */
export const contract = {
  getSession: call<Session>()(noInput, CALL_ACCESS.getSession),
  saveProfile: call<UserProfile>()(userProfileSchema, CALL_ACCESS.saveProfile),
  saveSettings: call<AppSettings>()(appSettingsSchema, CALL_ACCESS.saveSettings),
  listBackups: call<{ directory: string; backups: BackupSummary[] }>()(noInput, CALL_ACCESS.listBackups),
  restoreBackup: call<RestoreOutcome>()(
    z.object({ name: z.string({ error: 'Choose one of the listed backups.' }).regex(BACKUP_NAME_PATTERN, 'Choose one of the listed backups.') }),
    CALL_ACCESS.restoreBackup,
  ),
  exportJsonBackup: call<{ fileName: string; json: string; holdsPatientData: boolean }>()(noInput, CALL_ACCESS.exportJsonBackup),
  restoreJsonBackup: call<RestoreOutcome>()(
    z.object({
      json: z
        .string({ error: 'Choose a TransferReady backup file (.json).' })
        .min(1, 'Choose a TransferReady backup file (.json).')
        .max(MAX_IN_APP_RESTORE_CHARACTERS, TOO_LARGE_TO_RESTORE_HERE),
    }),
    CALL_ACCESS.restoreJsonBackup,
  ),

  listFacilities: call<FacilityList>()(listFacilitiesSchema, CALL_ACCESS.listFacilities),
  facilityFacets: call<FacilityFacets>()(noInput, CALL_ACCESS.facilityFacets),
  getFacilityOverview: call<FacilityOverview>()(byFacility, CALL_ACCESS.getFacilityOverview),
  createFacility: call<Facility>()(createFacilitySchema, CALL_ACCESS.createFacility),
  updateFacility: call<Facility>()(updateFacilitySchema, CALL_ACCESS.updateFacility),
  renameFacility: call<Facility>()(renameFacilitySchema, CALL_ACCESS.renameFacility),
  setFacilityArchived: call<Facility>()(setFacilityArchivedSchema, CALL_ACCESS.setFacilityArchived),
  previewFacilityImport: call<ImportPlanSummary>()(facilityImportSchema, CALL_ACCESS.previewFacilityImport),
  importFacilities: call<ImportPlanSummary>()(facilityImportSchema, CALL_ACCESS.importFacilities),

  startAssessment: call<Assessment>()(byFacility, CALL_ACCESS.startAssessment),
  getAssessment: call<Assessment>()(byAssessment, CALL_ACCESS.getAssessment),
  saveAnswer: call<{ savedAt: string }>()(saveAnswerSchema, CALL_ACCESS.saveAnswer),
  finalizeAssessment: call<Assessment>()(byAssessment, CALL_ACCESS.finalizeAssessment),
  amendAssessment: call<Assessment>()(amendAssessmentSchema, CALL_ACCESS.amendAssessment),
  compareFacilities: call<ComparedFacility[]>()(
    z.object({
      facilityIds: z
        .array(facilityIdSchema)
        .min(2, 'Choose at least two facilities to compare.')
        .max(5, 'Compare at most five facilities at a time.')
        .refine((ids) => new Set(ids).size === ids.length, 'Choose each facility once.'),
    }),
    CALL_ACCESS.compareFacilities,
  ),
  diffAssessments: call<RevisionDiff>()(z.object({ fromId: assessmentIdSchema, toId: assessmentIdSchema }), CALL_ACCESS.diffAssessments),

  capabilityMatrix: call<MatrixTable>()(matrixFilterSchema, CALL_ACCESS.capabilityMatrix),
  capabilityMatrixFirstRows: call<MatrixFirstRows>()(matrixFirstRowsSchema, CALL_ACCESS.capabilityMatrixFirstRows),
  coverageSummary: call<CoverageSummary>()(noInput, CALL_ACCESS.coverageSummary),
  facilityMap: call<MapFacility[]>()(facilityMapQuerySchema, CALL_ACCESS.facilityMap),
  listAuditEvents: call<{ events: AuditEvent[]; total: number }>()(auditQuerySchema, CALL_ACCESS.listAuditEvents),
  auditFacets: call<AuditFacets>()(noInput, CALL_ACCESS.auditFacets),

  listCases: call<CaseSummary[]>()(noInput, CALL_ACCESS.listCases),
  createCase: call<TransferCase>()(transferCaseSchema, CALL_ACCESS.createCase),
  updateCase: call<TransferCase>()(updateCaseSchema, CALL_ACCESS.updateCase),
  getCaseWorkup: call<CaseWorkup>()(byCase, CALL_ACCESS.getCaseWorkup),
  chooseReceivingFacility: call<TransferCase>()(chooseReceivingSchema, CALL_ACCESS.chooseReceivingFacility),

  openLetterDraft: call<LetterView>()(z.object({ caseId: caseIdSchema, audience: z.enum(LETTER_AUDIENCES, { error: 'Choose family or insurer.' }) }), CALL_ACCESS.openLetterDraft),
  saveLetterEdit: call<LetterView>()(
    z.object({
      letterId: letterIdSchema,
      paragraphId: z.string().min(1).max(80),
      text: z.string().trim().min(1, 'A paragraph cannot be empty; restore the original instead.').max(10_000, 'Keep a paragraph to 10,000 characters or fewer.').nullable(),
    }),
    CALL_ACCESS.saveLetterEdit,
  ),
  issueLetter: call<LetterView>()(byLetter.extend({ confirmUnreviewedTranslation: z.boolean().default(false) }), CALL_ACCESS.issueLetter),
  getTransferSummary: call<ComposedLetter>()(byCase, CALL_ACCESS.getTransferSummary),
  getLetter: call<LetterView>()(byLetter, CALL_ACCESS.getLetter),

  listUsers: call<RegistryUser[]>()(noInput, CALL_ACCESS.listUsers),
  grantRole: call<RegistryUser>()(grantRoleSchema, CALL_ACCESS.grantRole),
  revokeRole: call<RegistryUser>()(revokeRoleSchema, CALL_ACCESS.revokeRole),

  /** The change feed desktops replicate from: facilities, standing assessments, people, no patients. */
  registryChanges: call<FeedPage>()(registryChangesQuerySchema, CALL_ACCESS.registryChanges),
  sharedRegistryStatus: call<ReplicaStatus>()(noInput, CALL_ACCESS.sharedRegistryStatus),
  connectSharedRegistry: call<ReplicaStatus>()(connectSharedRegistrySchema, CALL_ACCESS.connectSharedRegistry),
  /** Starts signing this desktop in through the system browser (RFC 8252 loopback redirect); connects when it completes. */
  beginSharedRegistrySignIn: call<SharedRegistrySignIn>()(beginSharedRegistrySignInSchema, CALL_ACCESS.beginSharedRegistrySignIn),
  syncSharedRegistry: call<ReplicaStatus>()(noInput, CALL_ACCESS.syncSharedRegistry),
  disconnectSharedRegistry: call<ReplicaStatus>()(noInput, CALL_ACCESS.disconnectSharedRegistry),
  /** An assessment finalized on a desktop, sent whole; the same submission twice is stored once. */
  submitAssessment: call<SubmissionReceipt>()(submitAssessmentSchema, CALL_ACCESS.submitAssessment),
  listOutbox: call<OutboxEntry[]>()(noInput, CALL_ACCESS.listOutbox),
  resolveOutboxEntry: call<OutboxEntry[]>()(resolveOutboxEntrySchema, CALL_ACCESS.resolveOutboxEntry),
};

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const CALL_NAMES = Object.keys(contract) as CallName[];

/**
 * call-access.ts declares who may make exactly the contract's calls: a call missing there does
 * not compile (the contract reads its entry), and neither does one left there that the contract lacks.
 */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
export const ACCESS_DECLARED_FOR_EVERY_CALL: SameKeys<typeof CALL_ACCESS, Contract> = true;

/** Calls that carry a whole file; the HTTP host allows them a larger body. */
export const FILE_CALLS: ReadonlySet<CallName> = new Set(['previewFacilityImport', 'importFacilities', 'restoreJsonBackup']);

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** What a caller may send (before defaults and trimming). */
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
/** What the core receives after validation. */
export type ValidInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = NonNullable<Contract[K]['output']>;

/** The global bridge both transports install as `window.api`. */
export type ApiBridge = {
  [K in CallName]: (input: CallInput<K>) => Promise<CallResult<CallOutput<K>>>;
};

/**
 * What the core implements, one function per call; the caller has passed the call's access
 * check in the dispatcher. Without a caller the call comes from this process itself (the CLI,
 * a test), which is the local user.
 */
export type CoreCalls = {
  [K in CallName]: (input: ValidInput<K>, caller?: Caller) => Promise<CallOutput<K>>;
};

/** The IPC channel the preload and ipc.ts share. */
export const IPC_CHANNEL = 'transferready:call';
