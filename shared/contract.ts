import { z } from 'zod';
import { facilityMapQuerySchema, type MapFacility } from './facility-map';
import {
  amendAssessmentSchema,
  assessmentIdSchema,
  saveAnswerSchema,
  type AnswerChange,
  type Assessment,
  type AssessmentSummary,
  type CapabilityProfile,
} from './assessment';
import { auditQuerySchema, type AuditEvent, type AuditFacets } from './audit-trail';
import type { CallResult } from './call-result';
import type { CaseWorkup, LetterView } from './case-workup';
import { matrixFilterSchema, type MatrixTable } from './capability-matrix';
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
import type { CallAccess, Caller, RegistryRole, RoleGrant } from './permissions';
import { userProfileSchema, type UserProfile } from './profile';
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
import { connectSharedRegistrySchema, registryChangesQuerySchema, type FeedPage, type ReplicaStatus } from './registry-feed';
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

/** Where a scoped call's input names the record it acts on. */
const OF_FACILITY = { kind: 'facility', field: 'facilityId' } as const;
const OF_FACILITY_RECORD = { kind: 'facility', field: 'id' } as const;
const OF_ASSESSMENT = { kind: 'assessment', field: 'assessmentId' } as const;
const OF_CASE = { kind: 'case', field: 'caseId' } as const;
const OF_LETTER = { kind: 'letter', field: 'letterId' } as const;

/**
 * Every call the renderer can make, declared once. The IPC and HTTP hosts validate against
 * these schemas before anything reaches the core.
 */
export const contract = {
  getSession: call<Session>()(noInput, { permission: 'signed-in' }),
  saveProfile: call<UserProfile>()(userProfileSchema, { permission: 'own-profile' }),
  saveSettings: call<AppSettings>()(appSettingsSchema, { permission: 'settings.manage' }),
  listBackups: call<{ directory: string; backups: BackupSummary[] }>()(noInput, { permission: 'backups.manage' }),
  restoreBackup: call<RestoreOutcome>()(
    z.object({ name: z.string({ error: 'Choose one of the listed backups.' }).regex(BACKUP_NAME_PATTERN, 'Choose one of the listed backups.') }),
    { permission: 'backups.manage' },
  ),
  exportJsonBackup: call<{ fileName: string; json: string; holdsPatientData: boolean }>()(noInput, { permission: 'backups.manage' }),
  restoreJsonBackup: call<RestoreOutcome>()(
    z.object({
      json: z
        .string({ error: 'Choose a TransferReady backup file (.json).' })
        .min(1, 'Choose a TransferReady backup file (.json).')
        .max(MAX_IN_APP_RESTORE_CHARACTERS, TOO_LARGE_TO_RESTORE_HERE),
    }),
    { permission: 'backups.manage' },
  ),

  listFacilities: call<FacilityList>()(listFacilitiesSchema, { permission: 'registry.read' }),
  facilityFacets: call<FacilityFacets>()(noInput, { permission: 'registry.read' }),
  getFacilityOverview: call<FacilityOverview>()(byFacility, { permission: 'registry.read' }),
  createFacility: call<Facility>()(createFacilitySchema, { permission: 'registry.manage' }),
  updateFacility: call<Facility>()(updateFacilitySchema, { permission: 'facility.edit', scope: OF_FACILITY_RECORD }),
  renameFacility: call<Facility>()(renameFacilitySchema, { permission: 'facility.edit', scope: OF_FACILITY_RECORD }),
  setFacilityArchived: call<Facility>()(setFacilityArchivedSchema, { permission: 'registry.manage' }),
  previewFacilityImport: call<ImportPlanSummary>()(facilityImportSchema, { permission: 'registry.manage' }),
  importFacilities: call<ImportPlanSummary>()(facilityImportSchema, { permission: 'registry.manage' }),

  startAssessment: call<Assessment>()(byFacility, { permission: 'assessment.edit', scope: OF_FACILITY }),
  getAssessment: call<Assessment>()(byAssessment, { permission: 'registry.read' }),
  saveAnswer: call<{ savedAt: string }>()(saveAnswerSchema, { permission: 'assessment.edit', scope: OF_ASSESSMENT }),
  finalizeAssessment: call<Assessment>()(byAssessment, { permission: 'assessment.finalize', scope: OF_ASSESSMENT }),
  amendAssessment: call<Assessment>()(amendAssessmentSchema, { permission: 'assessment.amend', scope: OF_ASSESSMENT }),
  compareFacilities: call<ComparedFacility[]>()(
    z.object({
      facilityIds: z
        .array(facilityIdSchema)
        .min(2, 'Choose at least two facilities to compare.')
        .max(5, 'Compare at most five facilities at a time.')
        .refine((ids) => new Set(ids).size === ids.length, 'Choose each facility once.'),
    }),
    { permission: 'registry.read' },
  ),
  diffAssessments: call<RevisionDiff>()(z.object({ fromId: assessmentIdSchema, toId: assessmentIdSchema }), { permission: 'registry.read' }),

  capabilityMatrix: call<MatrixTable>()(matrixFilterSchema, { permission: 'registry.read' }),
  coverageSummary: call<CoverageSummary>()(noInput, { permission: 'registry.read' }),
  facilityMap: call<MapFacility[]>()(facilityMapQuerySchema, { permission: 'registry.read' }),
  listAuditEvents: call<{ events: AuditEvent[]; total: number }>()(auditQuerySchema, { permission: 'audit.read' }),
  auditFacets: call<AuditFacets>()(noInput, { permission: 'audit.read' }),

  listCases: call<CaseSummary[]>()(noInput, { permission: 'patient.treat' }),
  createCase: call<TransferCase>()(transferCaseSchema, { permission: 'patient.treat' }),
  updateCase: call<TransferCase>()(updateCaseSchema, { permission: 'patient.treat', scope: OF_CASE }),
  getCaseWorkup: call<CaseWorkup>()(byCase, { permission: 'patient.treat', scope: OF_CASE }),
  chooseReceivingFacility: call<TransferCase>()(chooseReceivingSchema, { permission: 'patient.treat', scope: OF_CASE }),

  openLetterDraft: call<LetterView>()(z.object({ caseId: caseIdSchema, audience: z.enum(LETTER_AUDIENCES, { error: 'Choose family or insurer.' }) }), { permission: 'patient.treat', scope: OF_CASE }),
  saveLetterEdit: call<LetterView>()(
    z.object({
      letterId: letterIdSchema,
      paragraphId: z.string().min(1).max(80),
      text: z.string().trim().min(1, 'A paragraph cannot be empty; restore the original instead.').max(10_000, 'Keep a paragraph to 10,000 characters or fewer.').nullable(),
    }),
    { permission: 'patient.treat', scope: OF_LETTER },
  ),
  issueLetter: call<LetterView>()(byLetter.extend({ confirmUnreviewedTranslation: z.boolean().default(false) }), { permission: 'patient.treat', scope: OF_LETTER }),
  getTransferSummary: call<ComposedLetter>()(byCase, { permission: 'patient.treat', scope: OF_CASE }),
  getLetter: call<LetterView>()(byLetter, { permission: 'patient.treat', scope: OF_LETTER }),

  listUsers: call<RegistryUser[]>()(noInput, { permission: 'users.manage' }),
  grantRole: call<RegistryUser>()(grantRoleSchema, { permission: 'users.manage' }),
  revokeRole: call<RegistryUser>()(revokeRoleSchema, { permission: 'users.manage' }),

  /** The change feed desktops replicate from: facilities, standing assessments, people, no patients. */
  registryChanges: call<FeedPage>()(registryChangesQuerySchema, { permission: 'registry.read' }),
  sharedRegistryStatus: call<ReplicaStatus>()(noInput, { permission: 'signed-in' }),
  connectSharedRegistry: call<ReplicaStatus>()(connectSharedRegistrySchema, { permission: 'settings.manage' }),
  syncSharedRegistry: call<ReplicaStatus>()(noInput, { permission: 'registry.read' }),
  disconnectSharedRegistry: call<ReplicaStatus>()(noInput, { permission: 'settings.manage' }),
};

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const CALL_NAMES = Object.keys(contract) as CallName[];

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
