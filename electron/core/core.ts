import { buildProfile, diffAssessments } from '../../shared/assessment';
import { partnerLookup, profileVerdict } from '../../shared/capability-judgement';
import { calendarDate } from '../../shared/calendar';
import type { CallName, CallOutput, CoreCalls, RestoreOutcome, ValidInput } from '../../shared/contract';
import * as assessments from './assessments';
import * as auditTrail from './audit-trail';
import { filterAndSortMatrix, firstMatrixRows, packMatrix, type MatrixFilter, type MatrixTable } from '../../shared/capability-matrix';
import { summarizeCoverage } from '../../shared/coverage';
import type { StandingRow } from './capability-matrix';
import { keptStandingRows } from './kept-standing-rows';
import * as cases from './cases';
import { basename } from 'node:path';
import { backupsDirectory, listBackups, restoreBackupFile } from './db/backups';
import { DatabaseAccess } from './db/database-access';
import { countBackupRows, jsonBackupText, parseJsonBackup, RestoreRefused, restoreJsonBackup } from './db/json-backup';
import { openSharedRegistry, type SharedRegistry } from './db/postgresql-registry';
import { recordAudit } from './audit';
import { databaseFile, openAppDatabase, type AppDatabase } from './db/connection';
import { DomainError, notFound } from './errors';
import { facilityMap } from './facility-map';
import { reusedResult } from './reused-results';
import * as facilities from './facilities';
import * as letters from './letters';
import { executeFacilityImport, planFacilityImport } from './facility-import';
import * as profile from './profile';
import * as settings from './settings';
import { caseWorkup, letterSourceFor } from './transfer-workup';
import { composeTransferSummary } from '../../shared/letters';
import { LOCAL_CALLER, profileRoleFor, type Actor, type Caller, type ResolvedScope, type ScopeKind, type VerifiedIdentity } from '../../shared/permissions';
import * as users from './users';
import * as desktopSessions from './desktop-sessions';
import { readRegistryChanges, restartRegistryFeed } from './registry-feed';
import { sharedRegistryLink, type SharedRegistryLink } from './replica/shared-registry-link';
import * as outbox from './replica/outbox';
import type { ReplicaStatus } from '../../shared/registry-feed';
import { changedOnSharedRegistry, SHARED_REGISTRY_ONLY_CALLS } from '../../shared/call-access';

export interface CoreOptions {
  dataDirectory: string;
  appVersion: string;
  /** The clock every recorded date comes from; tests pin it. */
  now?: () => Date;
  /** Command-line jobs: check the whole file and take the day's backup before the first call (see openAppDatabase). */
  waitForChecks?: boolean;
  /** A health system's shared registry (postgresql://…) instead of the SQLite file in the data folder. */
  databaseUrl?: string;
  /** Connections to the shared registry's database (default DEFAULT_POOL_SIZE). */
  poolSize?: number;
  /** A desktop following a shared registry pulls its changes this often (default 30 s); null for only when asked. */
  replicaPullIntervalMs?: number | null;
  /** Changes per page a desktop asks the shared registry for. */
  replicaPageSize?: number;
  /** How long a desktop's sign-in through the system browser waits (5 minutes by default). */
  replicaSignInTimeoutMs?: number;
}

/** How often a desktop following a shared registry pulls its changes by itself. */
export const DEFAULT_REPLICA_PULL_INTERVAL_MS = 30_000;

type ReplicaCallName = 'sharedRegistryStatus' | 'connectSharedRegistry' | 'beginSharedRegistrySignIn' | 'syncSharedRegistry' | 'disconnectSharedRegistry' | 'listOutbox' | 'resolveOutboxEntry';

/** The registry a core works on: the data folder's SQLite file, or a shared PostgreSQL database. */
export type OpenRegistry = AppDatabase | SharedRegistry;

export interface Core<Registry extends OpenRegistry = OpenRegistry> {
  calls: CoreCalls;
  /** For the dispatcher's permission check: the facility or case a scoped call acts on. */
  resolveScope(kind: ScopeKind, id: number): Promise<ResolvedScope | null>;
  /** For a host with sign-in: records a sign-in, and reads a session's person afresh. */
  people: {
    recordSignIn(identity: VerifiedIdentity & { emailVerified: boolean }): Promise<users.RegistryPerson>;
    find(userId: number): Promise<users.RegistryPerson | null>;
    /** Desktops signed in to this registry: tokens are known only by their SHA-256. */
    startDesktopSession(input: { userId: number; tokenSha256: string; expiresAt: Date }): Promise<number | null>;
    desktopSessionUser(tokenSha256: string): Promise<number | null>;
    revokeDesktopSession(tokenSha256: string): Promise<boolean>;
  };
  /** The open registry; a restore replaces a desktop's, so read it each time rather than keeping it. */
  readonly database: Registry;
  /** A desktop's link to the shared registry it may follow; absent on the shared registry's own server. */
  readonly replica?: SharedRegistryLink;
  close(): Promise<void>;
}

type RestoreCallName = 'restoreBackup' | 'restoreJsonBackup' | 'exportJsonBackup';
/** Calls that manage the database or the link themselves rather than run inside one call's gate. */
type OwnGateCallName = RestoreCallName | ReplicaCallName;

/** About 30 MB of JSON: more than that is written a row at a time by the CLI, not held in memory here. */
const IN_APP_BACKUP_ROW_LIMIT = 100_000;
/** Inside the core the caller is always known: the wrapper below supplies the local one. */
type DataCalls = { [K in Exclude<CallName, OwnGateCallName>]: (input: ValidInput<K>, caller: Caller) => Promise<CallOutput<K>> };

/** Who a change is recorded as: the desktop's profile, or on a shared host the verified identity, never a typed name. */
async function actorFor(db: AppDatabase['db'], caller: Caller): Promise<Actor> {
  if (caller.kind === 'local') return profile.requireProfile(db);
  return { name: caller.identity.name, role: profileRoleFor(caller.grants), identity: caller.identity };
}

/** Every call that works on the open database; rebound when a restore swaps the file. */
function dataCalls(database: OpenRegistry, options: CoreOptions, now: () => Date): DataCalls {
  const { db } = database;
  const actor = (caller: Caller) => actorFor(db, caller);
  const today = () => calendarDate(now());
  /**
   * The rows behind the matrix and the coverage summary, kept while nothing they depend on changes
   * and patched, facility by facility, when something does (see keptStandingRows). Answer saves
   * on drafts do not touch them.
   */
  const standingRows = keptStandingRows(database);
  /**
   * The last matrix sent, packed, kept while its rows and its filter stay the same: opening the
   * matrix again, in another window, after a reload or by another person, costs nothing, and the
   * HTTP host sends the same bytes it encoded the first time. The page filters it itself, so one
   * entry is all it needs.
   */
  let packedMatrix: { rows: StandingRow[]; filter: string; table: MatrixTable } | null = null;
  async function packedMatrixFor(input: MatrixFilter): Promise<MatrixTable> {
    const rows = await standingRows(today(), (await settings.readSettings(db)).expiryMonths);
    const filter = JSON.stringify(input);
    if (packedMatrix?.rows !== rows || packedMatrix.filter !== filter) {
      packedMatrix = { rows, filter, table: reusedResult(packMatrix(filterAndSortMatrix(rows.map((row) => row.matrix), input))) };
    }
    return packedMatrix.table;
  }

  return {
    async getSession(_input, caller) {
      const person = caller.kind === 'person' ? await users.signedInPerson(db, caller) : null;
      return {
        profile: caller.kind === 'person' ? { name: caller.identity.name, role: profileRoleFor(caller.grants) } : await profile.readProfile(db),
        person,
        settings: await settings.readSettings(db),
        dataDirectory: options.dataDirectory,
        sharedRegistry: database.backend === 'postgresql' ? database.location : null,
        appVersion: options.appVersion,
        today: today(),
        storageWarning: database.storageWarning,
        checkingStorage: database.checksRunning,
      };
    },
    saveProfile: (input) => profile.saveProfile(db, input, now()),
    saveSettings: async (input, caller) => settings.saveSettings(db, await actor(caller), input, now()),
    // A shared registry is backed up by its database administrator, not into this server's folder.
    listBackups: async () =>
      database.backend === 'postgresql'
        ? { directory: '', backups: [] }
        : {
            directory: backupsDirectory(options.dataDirectory),
            backups: listBackups(options.dataDirectory).map(({ name, bytes, takenAt, reason }) => ({ name, bytes, takenAt, reason })),
          },

    listFacilities: (input) => facilities.listFacilities(db, input),
    facilityFacets: () => facilities.facilityFacets(db),
    async getFacilityOverview({ facilityId }) {
      const facility = await facilities.getFacility(db, facilityId);
      const { expiryMonths } = await settings.readSettings(db);
      const today = calendarDate(now());
      const capabilityProfile = await assessments.facilityProfile(db, facilityId, today, expiryMonths);
      const partners = await assessments.partnerProfiles(db, [capabilityProfile], today, expiryMonths);
      const history = await assessments.listFacilityAssessments(db, facilityId);
      return {
        facility,
        profile: capabilityProfile,
        verdict: profileVerdict(capabilityProfile, partnerLookup(partners)),
        history,
        draft: history.find((assessment) => assessment.state === 'draft') ?? null,
      };
    },
    createFacility: async (input, caller) => facilities.createFacility(db, await actor(caller), input, now()),
    updateFacility: async (input, caller) => facilities.updateFacility(db, await actor(caller), input, now()),
    renameFacility: async (input, caller) => facilities.renameFacility(db, await actor(caller), input, now()),
    setFacilityArchived: async (input, caller) => facilities.setFacilityArchived(db, await actor(caller), input, now()),
    previewFacilityImport: async (input) => (await planFacilityImport(db, input.csv, input.mapping)).summary,
    async importFacilities(input, caller) {
      const who = await actor(caller);
      return executeFacilityImport(database, who, await planFacilityImport(db, input.csv, input.mapping), now());
    },

    startAssessment: async ({ facilityId }, caller) => assessments.startAssessment(db, await actor(caller), facilityId, now()),
    getAssessment: ({ assessmentId }) => assessments.getAssessment(db, assessmentId),
    saveAnswer: async (input, caller) => assessments.saveAnswer(db, await actor(caller), input, now()),
    async finalizeAssessment({ assessmentId }, caller) {
      const at = now();
      return assessments.finalizeAssessment(db, await actor(caller), assessmentId, calendarDate(at), at);
    },
    amendAssessment: async (input, caller) => assessments.amendAssessment(db, await actor(caller), input, now()),
    async compareFacilities({ facilityIds }) {
      const { expiryMonths } = await settings.readSettings(db);
      return Promise.all(
        facilityIds.map(async (facilityId) => {
          const facility = await facilities.getFacility(db, facilityId);
          const assessment = await assessments.standingAssessment(db, facilityId);
          return { facility, assessment, profile: assessment ? buildProfile(assessment, today(), expiryMonths) : null };
        }),
      );
    },
    async diffAssessments({ fromId, toId }) {
      const from = await assessments.getAssessment(db, fromId);
      const to = await assessments.getAssessment(db, toId);
      if (from.facilityId !== to.facilityId) {
        throw new DomainError('invalid_input', 'Both versions must belong to the same facility.', [{ field: 'toId', message: 'Choose a version of the same facility.' }]);
      }
      const { answers: _fromAnswers, ...fromSummary } = from;
      const { answers: _toAnswers, ...toSummary } = to;
      return { from: fromSummary, to: toSummary, changes: diffAssessments(from, to) };
    },

    capabilityMatrix: (input) => packedMatrixFor(input),
    // Cut from the same packed answer, so the page's first rows and its whole read that follows
    // them cost one packing, and agree.
    capabilityMatrixFirstRows: async ({ firstRows, ...filter }) => firstMatrixRows(await packedMatrixFor(filter), firstRows),

    coverageSummary: async () => summarizeCoverage((await standingRows(today(), (await settings.readSettings(db)).expiryMonths)).map((row) => row.matrix)),
    facilityMap: async (input) => facilityMap(database, input, today(), (await settings.readSettings(db)).expiryMonths),
    listAuditEvents: (input) => auditTrail.listAuditEvents(db, input),
    auditFacets: () => auditTrail.auditFacets(db),

    listCases: (_input, caller) => cases.listCases(db, caller),
    createCase: async (input, caller) => cases.createCase(db, await actor(caller), input, now()),
    updateCase: async (input, caller) => cases.updateCase(db, await actor(caller), input, now()),
    getCaseWorkup: ({ caseId }) => caseWorkup(db, caseId, today()),
    chooseReceivingFacility: async (input, caller) => cases.chooseReceivingFacility(db, await actor(caller), input, now()),

    openLetterDraft: async (input, caller) => letters.openLetterDraft(db, await actor(caller), input, today(), now()),
    saveLetterEdit: async (input, caller) => letters.saveLetterEdit(db, await actor(caller), input, today(), now()),
    issueLetter: async (input, caller) => letters.issueLetter(db, await actor(caller), input, today(), now()),
    getLetter: ({ letterId }) => letters.viewLetter(db, letterId, today()),
    getTransferSummary: async ({ caseId }) => composeTransferSummary(await letterSourceFor(db, caseId, today())),

    listUsers: () => users.listUsers(db),
    grantRole: async (input, caller) => users.grantRole(db, await actor(caller), input, now()),
    revokeRole: async ({ grantId }, caller) => users.revokeRole(db, await actor(caller), grantId, now()),

    registryChanges: ({ after, limit }) => readRegistryChanges(database, after, limit),
    submitAssessment: async (input, caller) => assessments.submitAssessment(db, await actor(caller), input, today(), now()),
  };
}

/** A backup the restore refused is bad input, in the field the file came in. */
async function refusedAsInvalidInput<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof RestoreRefused ? new DomainError('invalid_input', error.message, [{ field: 'json', message: error.message }]) : error;
  }
}

/** The one implementation of the contract, shared by the IPC host and the HTTP host, on either engine. */
export async function openCore(options: CoreOptions & { databaseUrl: string }): Promise<Core<SharedRegistry>>;
export async function openCore(options: CoreOptions & { databaseUrl?: undefined }): Promise<Core<AppDatabase>>;
export async function openCore(options: CoreOptions): Promise<Core>;
export async function openCore(options: CoreOptions): Promise<Core> {
  return options.databaseUrl ? openSharedCore(options, options.databaseUrl) : openDesktopCore(options);
}

/** Every data call runs inside the registry's call wrapper and the restore gate, for the local caller unless told otherwise. */
function gatedCalls(access: DatabaseAccess, registry: () => OpenRegistry, current: () => DataCalls): Omit<CoreCalls, OwnGateCallName> {
  return Object.fromEntries(
    (Object.keys(current()) as (keyof DataCalls)[]).map((name) => [
      name,
      (input: never, caller: Caller = LOCAL_CALLER) =>
        access.shared(() => registry().runCall(() => (current()[name] as (input: never, caller: Caller) => Promise<unknown>)(input, caller))),
    ]),
  ) as unknown as Omit<CoreCalls, OwnGateCallName>;
}

/** What a host with sign-in asks of the registry outside the contract: the scope of a call, and the people who sign in. */
function peopleAndScopes(access: DatabaseAccess, registry: () => OpenRegistry, now: () => Date): Pick<Core, 'resolveScope' | 'people'> {
  const onDatabase = <T>(work: (db: OpenRegistry['db']) => Promise<T>) => access.shared(() => registry().runCall(() => work(registry().db)));
  return {
    resolveScope: (kind, id) => onDatabase((db) => users.resolveScope(db, kind, id)),
    people: {
      recordSignIn: (identity) => onDatabase((db) => users.recordSignIn(db, identity, now())),
      find: (userId) => onDatabase((db) => users.registryPerson(db, userId)),
      startDesktopSession: (input) => onDatabase((db) => desktopSessions.startDesktopSession(db, input, now())),
      desktopSessionUser: (tokenSha256) => onDatabase((db) => desktopSessions.desktopSessionUser(db, tokenSha256, now())),
      revokeDesktopSession: (tokenSha256) => onDatabase((db) => desktopSessions.revokeDesktopSession(db, tokenSha256, now())),
    },
  };
}

/** A downloaded backup's name says when, and whether it leaves patient data out. */
function backupFileName(at: Date, holdsPatientData: boolean): string {
  return `transferready-backup-${calendarDate(at)}${holdsPatientData ? '' : '-without-patient-data'}.json`;
}

/** Too many rows to download in one piece: the sentence says how to make the file instead. */
function tooLargeToExport(rows: number, elsewhere: string): DomainError {
  return new DomainError(
    'invalid_input',
    `This registry holds ${rows.toLocaleString('en-US')} rows, too many to download as one file from here. ` +
      `Make the file from a terminal instead with "npm run cli -- backup --out FILE", which writes it a row at a time. ${elsewhere}`,
  );
}

/**
 * A shared registry on PostgreSQL. Its backups are the database administrator's (the database's
 * own tools); from here it exports a JSON backup, and the CLI loads one into an empty database.
 */
async function openSharedCore(options: CoreOptions, url: string): Promise<Core<SharedRegistry>> {
  const now = options.now ?? (() => new Date());
  const database = await openSharedRegistry({ url, ...(options.poolSize ? { poolSize: options.poolSize } : {}) });
  const current = dataCalls(database, options, now);
  const access = new DatabaseAccess();
  const restoreCalls: Pick<CoreCalls, RestoreCallName> = {
    restoreBackup: async () => {
      throw new DomainError(
        'invalid_input',
        "The shared registry keeps no backup files on this server: its database administrator backs up and restores the registry's database with PostgreSQL's own tools.",
      );
    },
    exportJsonBackup: (_input, caller = LOCAL_CALLER) =>
      access.shared(() =>
        database.runCall(async () => {
          const holdsPatientData = caller.kind === 'local';
          const rows = await countBackupRows(database);
          if (rows > IN_APP_BACKUP_ROW_LIMIT) throw tooLargeToExport(rows, "The registry's database is also backed up by its administrator.");
          return { fileName: backupFileName(now(), holdsPatientData), json: await jsonBackupText(database, now(), holdsPatientData), holdsPatientData };
        }),
      ),
    // Someone signed in has already written to the registry, so from here it is never empty.
    restoreJsonBackup: async () => {
      const message =
        'A backup is loaded into the shared registry from a terminal, into a new, empty database: ' +
        'npm run cli -- restore FILE --database postgresql://…, then point the servers at that database. Nothing was changed.';
      throw new DomainError('invalid_input', message, [{ field: 'json', message }]);
    },
  };
  const notFollowing = async (): Promise<ReplicaStatus> => ({
    connected: false,
    serverUrl: null,
    reachable: true,
    lastPulledAt: null,
    cursor: 0,
    problem: null,
    notice: null,
    outbox: { pending: 0, conflicts: 0, refused: 0 },
    needsSignIn: false,
    signIn: { underWay: false, problem: null },
  });
  const replicaCalls: Pick<CoreCalls, ReplicaCallName> = {
    sharedRegistryStatus: notFollowing,
    syncSharedRegistry: notFollowing,
    disconnectSharedRegistry: notFollowing,
    listOutbox: async () => [],
    resolveOutboxEntry: async () => {
      throw new DomainError('not_found', 'A shared registry keeps no outbox: desktops send their assessments to it.');
    },
    connectSharedRegistry: async () => {
      throw new DomainError('invalid_input', 'This server is a shared registry itself: desktops connect to it, not it to another one.');
    },
    beginSharedRegistrySignIn: async () => {
      throw new DomainError('invalid_input', 'This server is a shared registry itself: desktops sign in to it, not it to another one.');
    },
  };
  return {
    calls: { ...gatedCalls(access, () => database, () => current), ...restoreCalls, ...replicaCalls },
    ...peopleAndScopes(access, () => database, now),
    database,
    close: () => access.exclusive(() => database.close()),
  };
}

/** The desktop's registry: the SQLite file in the data folder, with its automatic backups. */
async function openDesktopCore(options: CoreOptions): Promise<Core<AppDatabase>> {
  const now = options.now ?? (() => new Date());
  const { dataDirectory } = options;
  const openOptions = { waitForChecks: options.waitForChecks ?? false };
  let database = await openAppDatabase(dataDirectory, openOptions);
  let current = dataCalls(database, options, now);
  const access = new DatabaseAccess();

  async function reopen(): Promise<void> {
    database = await openAppDatabase(dataDirectory, openOptions);
    current = dataCalls(database, options, now);
  }

  /**
   * Closes the database, lets `replace` swap the file, and opens whatever is there afterwards.
   * If the new file will not open, the safety copy goes back so the app keeps working.
   */
  async function swapDatabase(caller: Caller, replace: () => Promise<RestoreOutcome>): Promise<RestoreOutcome> {
    const who = await actorFor(database.db, caller);
    await database.close();
    let outcome: RestoreOutcome;
    try {
      outcome = await replace();
    } catch (error) {
      await reopen();
      throw error;
    }
    try {
      await reopen();
    } catch (error) {
      if (!outcome.safetyCopy) throw error;
      await restoreBackupFile(dataDirectory, outcome.safetyCopy, databaseFile(dataDirectory));
      await reopen();
      throw new DomainError('invalid_input', `The restored data could not be opened (${(error as Error).message}); the database is back as it was before.`);
    }
    // The restored file is checked like any other before it takes writes; this one waits for that.
    const reopened = database;
    // Desktops following this registry must not take the restored numbers for new ones.
    await reopened.runCall(() => restartRegistryFeed(reopened));
    await reopened.runCall(() =>
      recordAudit(reopened.db, { actor: who, entityType: 'database', entityId: 'transferready.sqlite', action: 'restore', before: undefined, after: { restoredFrom: outcome.restoredFrom, replacedCopySavedAs: outcome.safetyCopy }, at: now() }),
    );
    return outcome;
  }

  const restoreCalls: Pick<CoreCalls, RestoreCallName> = {
    restoreBackup: ({ name }, caller = LOCAL_CALLER) =>
      access.exclusive(() =>
        swapDatabase(caller, async () => {
          if (!listBackups(dataDirectory).some((backup) => backup.name === name)) throw notFound(`The backup ${name}`);
          const { safetyCopy } = await restoreBackupFile(dataDirectory, name, databaseFile(dataDirectory));
          return { restoredFrom: name, safetyCopy: safetyCopy && basename(safetyCopy) };
        }),
      ),
    // On a shared host nobody downloads patients they may not see: the file is the registry alone, and says so.
    exportJsonBackup: (_input, caller = LOCAL_CALLER) =>
      access.shared(async () => {
        const holdsPatientData = caller.kind === 'local';
        const rows = await countBackupRows(database);
        if (rows > IN_APP_BACKUP_ROW_LIMIT) throw tooLargeToExport(rows, `The automatic backups in ${backupsDirectory(dataDirectory)} are complete copies too.`);
        return { fileName: backupFileName(now(), holdsPatientData), json: await jsonBackupText(database, now(), holdsPatientData), holdsPatientData };
      }),
    restoreJsonBackup: async ({ json }, caller = LOCAL_CALLER) => {
      // Read and checked before anything is closed: a wrong file changes nothing.
      const backup = await refusedAsInvalidInput(() => parseJsonBackup(json));
      const { n } = await database.db.selectFrom('transfer_cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const casesHere = Number(n);
      if (backup.patientData === false && casesHere > 0) {
        const message = `This backup was made without patient data; restoring it would remove the ${casesHere} transfer cases and their letters kept here. Nothing was changed.`;
        throw new DomainError('invalid_input', message, [{ field: 'json', message }]);
      }
      return access.exclusive(() =>
        swapDatabase(caller, async () => {
          const { safetyCopy } = await refusedAsInvalidInput(() => restoreJsonBackup(backup, dataDirectory));
          return { restoredFrom: 'JSON backup', safetyCopy: safetyCopy && basename(safetyCopy) };
        }),
      );
    },
  };

  /** Work on the open registry (read it each time: a restore replaces it), inside the call wrapper and the restore gate. */
  const onDatabase = <T>(work: (opened: AppDatabase) => Promise<T>) => access.shared(() => database.runCall(() => work(database)));
  const link = sharedRegistryLink({
    dataDirectory,
    onDatabase,
    now,
    pullIntervalMs: options.replicaPullIntervalMs === undefined ? DEFAULT_REPLICA_PULL_INTERVAL_MS : options.replicaPullIntervalMs,
    ...(options.replicaPageSize ? { pageSize: options.replicaPageSize } : {}),
    ...(options.replicaSignInTimeoutMs ? { signInTimeoutMs: options.replicaSignInTimeoutMs } : {}),
  });
  const replicaCalls: Pick<CoreCalls, ReplicaCallName> = {
    sharedRegistryStatus: () => link.status(),
    connectSharedRegistry: (input) => link.connect(input),
    beginSharedRegistrySignIn: (input) => link.beginSignIn(input),
    syncSharedRegistry: () => link.pull(),
    disconnectSharedRegistry: () => link.disconnect(),
    listOutbox: () => onDatabase((opened) => outbox.listOutbox(opened)),
    async resolveOutboxEntry(input) {
      await onDatabase(async (opened) => outbox.resolveOutboxEntry(opened, await localActor(opened), input, now()));
      void link.pull().catch(() => undefined);
      return onDatabase((opened) => outbox.listOutbox(opened));
    },
  };
  const gated = gatedCalls(access, () => database, () => current);
  const replace = <K extends CallName>(name: K, connected: (input: ValidInput<K>, serverUrl: string) => Promise<CallOutput<K>>) => {
    const run = gated[name as keyof typeof gated] as unknown as (input: ValidInput<K>, caller?: Caller) => Promise<CallOutput<K>>;
    (gated as Record<string, unknown>)[name] = async (input: ValidInput<K>, caller?: Caller) => {
      const serverUrl = await link.followedServer();
      return serverUrl === null ? run(input, caller) : connected(input, serverUrl);
    };
  };
  // The shared registry is the one authority: a desktop that follows it changes no facility or person of its own.
  for (const name of SHARED_REGISTRY_ONLY_CALLS) {
    replace(name, async (_input, serverUrl) => {
      throw new DomainError('conflict', changedOnSharedRegistry(serverUrl));
    });
  }
  // Assessments are drafted here, under ids of this desktop's own, and finalizing queues them for the registry.
  const localActor = (opened: AppDatabase) => profile.requireProfile(opened.db);
  replace('startAssessment', ({ facilityId }) => onDatabase(async (opened) => assessments.startAssessment(opened.db, await localActor(opened), facilityId, now(), 'local')));
  replace('amendAssessment', (input) => onDatabase(async (opened) => assessments.amendAssessment(opened.db, await localActor(opened), input, now(), 'local')));
  replace('saveAnswer', (input) =>
    onDatabase(async (opened) => {
      if (await outbox.isQueued(opened, input.assessmentId)) {
        throw new DomainError('conflict', 'This assessment was finalized here and waits to be sent to the shared registry; its answers no longer change.');
      }
      return assessments.saveAnswer(opened.db, await localActor(opened), input, now());
    }),
  );
  replace('finalizeAssessment', async ({ assessmentId }) => {
    const queued = await onDatabase(async (opened) => outbox.queueSubmission(opened, await localActor(opened), assessmentId, calendarDate(now()), now()));
    // Sent at once when the registry is reachable; otherwise on the next pull.
    void link.pull().catch(() => undefined);
    return queued;
  });

  return {
    calls: { ...gated, ...restoreCalls, ...replicaCalls },
    ...peopleAndScopes(access, () => database, now),
    get database() {
      return database;
    },
    replica: link,
    close: async () => {
      await link.stop();
      await access.exclusive(() => database.close());
    },
  };
}
