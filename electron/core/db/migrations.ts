import foundation from './migrations/001_foundation.sql';
import assessments from './migrations/002_assessments.sql';
import casesAndLetters from './migrations/003_cases_and_letters.sql';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** In order; a migration's version is what `user_version` reads once it has run. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: foundation },
  { version: 2, name: 'assessments', sql: assessments },
  { version: 3, name: 'cases-and-letters', sql: casesAndLetters },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
