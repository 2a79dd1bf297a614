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

export interface Session {
  profile: UserProfile | null;
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
  /** Never read at run time: carries the output type to both hosts and the renderer. */
  output?: Output;
}

function call<Output>() {
  return <Input extends z.ZodType>(input: Input): CallDefinition<Input, Output> => ({ input });
}

const noInput = z.object({}).strict();
const byFacility = z.object({ facilityId: facilityIdSchema });
const byAssessment = z.object({ assessmentId: assessmentIdSchema });
const byCase = z.object({ caseId: caseIdSchema });
const letterIdSchema = z.number({ error: 'A letter id is required.' }).int().positive();
const byLetter = z.object({ letterId: letterIdSchema });

/**
 * Every call the renderer can make, declared once. The IPC and HTTP hosts validate against
 * these schemas before anything reaches the core.
 */
export const contract = {
  getSession: call<Session>()(noInput),
  saveProfile: call<UserProfile>()(userProfileSchema),
  saveSettings: call<AppSettings>()(appSettingsSchema),
  listBackups: call<{ directory: string; backups: BackupSummary[] }>()(noInput),
  restoreBackup: call<RestoreOutcome>()(
    z.object({ name: z.string({ error: 'Choose one of the listed backups.' }).regex(BACKUP_NAME_PATTERN, 'Choose one of the listed backups.') }),
  ),
  exportJsonBackup: call<{ fileName: string; json: string }>()(noInput),
  restoreJsonBackup: call<RestoreOutcome>()(
    z.object({
      json: z
        .string({ error: 'Choose a TransferReady backup file (.json).' })
        .min(1, 'Choose a TransferReady backup file (.json).')
        .max(MAX_IN_APP_RESTORE_CHARACTERS, TOO_LARGE_TO_RESTORE_HERE),
    }),
  ),

  listFacilities: call<FacilityList>()(listFacilitiesSchema),
  facilityFacets: call<FacilityFacets>()(noInput),
  getFacilityOverview: call<FacilityOverview>()(byFacility),
  createFacility: call<Facility>()(createFacilitySchema),
  updateFacility: call<Facility>()(updateFacilitySchema),
  renameFacility: call<Facility>()(renameFacilitySchema),
  setFacilityArchived: call<Facility>()(setFacilityArchivedSchema),
  previewFacilityImport: call<ImportPlanSummary>()(facilityImportSchema),
  importFacilities: call<ImportPlanSummary>()(facilityImportSchema),

  startAssessment: call<Assessment>()(byFacility),
  getAssessment: call<Assessment>()(byAssessment),
  saveAnswer: call<{ savedAt: string }>()(saveAnswerSchema),
  finalizeAssessment: call<Assessment>()(byAssessment),
  amendAssessment: call<Assessment>()(amendAssessmentSchema),
  compareFacilities: call<ComparedFacility[]>()(
    z.object({
      facilityIds: z
        .array(facilityIdSchema)
        .min(2, 'Choose at least two facilities to compare.')
        .max(5, 'Compare at most five facilities at a time.')
        .refine((ids) => new Set(ids).size === ids.length, 'Choose each facility once.'),
    }),
  ),
  diffAssessments: call<RevisionDiff>()(z.object({ fromId: assessmentIdSchema, toId: assessmentIdSchema })),

  capabilityMatrix: call<MatrixTable>()(matrixFilterSchema),
  coverageSummary: call<CoverageSummary>()(noInput),
  facilityMap: call<MapFacility[]>()(facilityMapQuerySchema),
  listAuditEvents: call<{ events: AuditEvent[]; total: number }>()(auditQuerySchema),
  auditFacets: call<AuditFacets>()(noInput),

  listCases: call<CaseSummary[]>()(noInput),
  createCase: call<TransferCase>()(transferCaseSchema),
  updateCase: call<TransferCase>()(updateCaseSchema),
  getCaseWorkup: call<CaseWorkup>()(byCase),
  chooseReceivingFacility: call<TransferCase>()(chooseReceivingSchema),

  openLetterDraft: call<LetterView>()(z.object({ caseId: caseIdSchema, audience: z.enum(LETTER_AUDIENCES, { error: 'Choose family or insurer.' }) })),
  saveLetterEdit: call<LetterView>()(
    z.object({
      letterId: letterIdSchema,
      paragraphId: z.string().min(1).max(80),
      text: z.string().trim().min(1, 'A paragraph cannot be empty; restore the original instead.').max(10_000, 'Keep a paragraph to 10,000 characters or fewer.').nullable(),
    }),
  ),
  issueLetter: call<LetterView>()(byLetter.extend({ confirmUnreviewedTranslation: z.boolean().default(false) })),
  getTransferSummary: call<ComposedLetter>()(byCase),
  getLetter: call<LetterView>()(byLetter),
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

/** What the core implements, one function per call. */
export type CoreCalls = {
  [K in CallName]: (input: ValidInput<K>) => Promise<CallOutput<K>>;
};

/** The IPC channel the preload and ipc.ts share. */
export const IPC_CHANNEL = 'transferready:call';
