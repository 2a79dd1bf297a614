import { buildProfile, diffAssessments, profileVerdict } from '../../shared/assessment';
import { calendarDate } from '../../shared/calendar';
import type { CoreCalls } from '../../shared/contract';
import * as assessments from './assessments';
import * as auditTrail from './audit-trail';
import { summarizeCoverage } from '../../shared/coverage';
import { capabilityMatrix, loadMatrixRows } from './capability-matrix';
import * as cases from './cases';
import { backupsDirectory, listBackups } from './db/backups';
import { openAppDatabase, type AppDatabase } from './db/connection';
import { DomainError } from './errors';
import { facilityMap } from './facility-map';
import * as facilities from './facilities';
import * as letters from './letters';
import { executeFacilityImport, planFacilityImport } from './facility-import';
import * as profile from './profile';
import * as settings from './settings';
import { caseWorkup } from './transfer-workup';

export interface CoreOptions {
  dataDirectory: string;
  appVersion: string;
  /** The clock every recorded date comes from; tests pin it. */
  now?: () => Date;
}

export interface Core {
  calls: CoreCalls;
  database: AppDatabase;
  close(): Promise<void>;
}

/** The one implementation of the contract, shared by the IPC host and the HTTP host. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const database = await openAppDatabase(options.dataDirectory);
  const { db } = database;
  const now = options.now ?? (() => new Date());
  const actor = () => profile.requireProfile(db);
  const today = () => calendarDate(now());

  const calls: CoreCalls = {
    async getSession() {
      return {
        profile: await profile.readProfile(db),
        settings: await settings.readSettings(db),
        dataDirectory: options.dataDirectory,
        appVersion: options.appVersion,
        today: today(),
      };
    },
    saveProfile: (input) => profile.saveProfile(db, input, now()),
    saveSettings: async (input) => settings.saveSettings(db, await actor(), input, now()),
    listBackups: async () => ({
      directory: backupsDirectory(options.dataDirectory),
      backups: listBackups(options.dataDirectory).map(({ name, bytes, takenAt }) => ({ name, bytes, takenAt })),
    }),

    listFacilities: (input) => facilities.listFacilities(db, input),
    facilityFacets: () => facilities.facilityFacets(db),
    async getFacilityOverview({ facilityId }) {
      const facility = await facilities.getFacility(db, facilityId);
      const { expiryMonths } = await settings.readSettings(db);
      const capabilityProfile = await assessments.facilityProfile(db, facilityId, calendarDate(now()), expiryMonths);
      const history = await assessments.listFacilityAssessments(db, facilityId);
      return {
        facility,
        profile: capabilityProfile,
        verdict: profileVerdict(capabilityProfile),
        history,
        draft: history.find((assessment) => assessment.state === 'draft') ?? null,
      };
    },
    createFacility: async (input) => facilities.createFacility(db, await actor(), input, now()),
    updateFacility: async (input) => facilities.updateFacility(db, await actor(), input, now()),
    renameFacility: async (input) => facilities.renameFacility(db, await actor(), input, now()),
    setFacilityArchived: async (input) => facilities.setFacilityArchived(db, await actor(), input, now()),
    previewFacilityImport: async (input) => (await planFacilityImport(db, input.csv, input.mapping)).summary,
    async importFacilities(input) {
      const who = await actor();
      return executeFacilityImport(db, who, await planFacilityImport(db, input.csv, input.mapping), now());
    },

    startAssessment: async ({ facilityId }) => assessments.startAssessment(db, await actor(), facilityId, now()),
    getAssessment: ({ assessmentId }) => assessments.getAssessment(db, assessmentId),
    saveAnswer: async (input) => assessments.saveAnswer(db, await actor(), input, now()),
    async finalizeAssessment({ assessmentId }) {
      const at = now();
      return assessments.finalizeAssessment(db, await actor(), assessmentId, calendarDate(at), at);
    },
    amendAssessment: async (input) => assessments.amendAssessment(db, await actor(), input, now()),
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

    capabilityMatrix: async (input) => capabilityMatrix(db, input, today(), (await settings.readSettings(db)).expiryMonths),

    coverageSummary: async () =>
      summarizeCoverage(await loadMatrixRows(db, { state: '', facilityType: '', ownership: '' }, today(), (await settings.readSettings(db)).expiryMonths)),
    facilityMap: async (input) => facilityMap(db, input, today(), (await settings.readSettings(db)).expiryMonths),
    listAuditEvents: (input) => auditTrail.listAuditEvents(db, input),
    auditFacets: () => auditTrail.auditFacets(db),

    listCases: () => cases.listCases(db),
    createCase: async (input) => cases.createCase(db, await actor(), input, now()),
    updateCase: async (input) => cases.updateCase(db, await actor(), input, now()),
    getCaseWorkup: ({ caseId }) => caseWorkup(db, caseId, today()),
    chooseReceivingFacility: async (input) => cases.chooseReceivingFacility(db, await actor(), input, now()),

    openLetterDraft: async (input) => letters.openLetterDraft(db, await actor(), input, today(), now()),
    saveLetterEdit: async (input) => letters.saveLetterEdit(db, await actor(), input, today(), now()),
    issueLetter: async ({ letterId }) => letters.issueLetter(db, await actor(), letterId, today(), now()),
    getLetter: ({ letterId }) => letters.viewLetter(db, letterId, today()),
  };

  return { calls, database, close: () => database.close() };
}
