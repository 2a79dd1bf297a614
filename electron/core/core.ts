import type { CoreCalls } from '../../shared/contract';
import { openAppDatabase, type AppDatabase } from './db/connection';
import * as facilities from './facilities';
import * as profile from './profile';

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

  const calls: CoreCalls = {
    async getSession() {
      return {
        profile: await profile.readProfile(db),
        dataDirectory: options.dataDirectory,
        appVersion: options.appVersion,
      };
    },
    saveProfile: (input) => profile.saveProfile(db, input, now()),
    listFacilities: (input) => facilities.listFacilities(db, input),
    createFacility: async (input) => facilities.createFacility(db, await profile.requireProfile(db), input, now()),
    renameFacility: async (input) => facilities.renameFacility(db, await profile.requireProfile(db), input, now()),
    setFacilityArchived: async (input) =>
      facilities.setFacilityArchived(db, await profile.requireProfile(db), input, now()),
  };

  return { calls, database, close: () => database.close() };
}
