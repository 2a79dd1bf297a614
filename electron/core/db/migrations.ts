import foundation from './migrations/001_foundation.sql';
import assessments from './migrations/002_assessments.sql';
import casesAndLetters from './migrations/003_cases_and_letters.sql';
import standingProfiles from './migrations/004_standing_profiles.sql';
import partnerArrangements from './migrations/005_partner_arrangements.sql';
import standingProfileDetails from './migrations/006_standing_profile_details.sql';
import usersAndRoles from './migrations/007_users_and_roles.sql';
import concurrentWriters from './migrations/008_concurrent_writers.sql';
import changeFeed from './migrations/009_change_feed.sql';
import rebuildStandingProfiles from './standing-profiles-rebuild.sql';
import rebuildRegistryChanges from './registry-changes-rebuild.sql';
import postgresqlFoundation from './postgresql/001_foundation.sql';
import postgresqlAssessments from './postgresql/002_assessments.sql';
import postgresqlCasesAndLetters from './postgresql/003_cases_and_letters.sql';
import postgresqlStandingProfiles from './postgresql/004_standing_profiles.sql';
import postgresqlUsersAndRoles from './postgresql/007_users_and_roles.sql';
import postgresqlConcurrentWriters from './postgresql/008_concurrent_writers.sql';
import postgresqlChangeFeed from './postgresql/009_change_feed.sql';

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
  { version: 4, name: 'standing-profiles', sql: `${standingProfiles}\n${rebuildStandingProfiles}` },
  { version: 5, name: 'partner-arrangements', sql: partnerArrangements },
  { version: 6, name: 'standing-profile-details', sql: `${standingProfileDetails}\n${rebuildStandingProfiles}` },
  { version: 7, name: 'users-and-roles', sql: usersAndRoles },
  { version: 8, name: 'concurrent-writers', sql: concurrentWriters },
  { version: 9, name: 'change-feed', sql: `${changeFeed}\n${rebuildRegistryChanges}` },
];

/** Numbers every facility and person afresh (schema 9 and later); the sequence then continues after them. */
export const REBUILD_REGISTRY_CHANGES_POSTGRESQL = `${rebuildRegistryChanges}
SELECT setval('registry_change_seq', coalesce((SELECT max(seq) FROM registry_changes), 0) + 1, false);`;

/**
 * The same versions for the shared registry on PostgreSQL. Migrations 5 and 6 and the rebuild
 * are plain SQL both engines run alike, so they are the same text; the rest are PostgreSQL's own.
 */
export const POSTGRESQL_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: postgresqlFoundation },
  { version: 2, name: 'assessments', sql: postgresqlAssessments },
  { version: 3, name: 'cases-and-letters', sql: postgresqlCasesAndLetters },
  { version: 4, name: 'standing-profiles', sql: `${postgresqlStandingProfiles}\n${rebuildStandingProfiles}` },
  { version: 5, name: 'partner-arrangements', sql: partnerArrangements },
  { version: 6, name: 'standing-profile-details', sql: `${standingProfileDetails}\n${rebuildStandingProfiles}` },
  { version: 7, name: 'users-and-roles', sql: postgresqlUsersAndRoles },
  { version: 8, name: 'concurrent-writers', sql: postgresqlConcurrentWriters },
  { version: 9, name: 'change-feed', sql: `${postgresqlChangeFeed}\n${REBUILD_REGISTRY_CHANGES_POSTGRESQL}` },
];

/** Numbers every facility and person afresh (schema 9 and later). */
export const REBUILD_REGISTRY_CHANGES_SQLITE = rebuildRegistryChanges;

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Recomputes the derived standing_profiles table from assessments (schema 4 and later). */
export const REBUILD_STANDING_PROFILES_SQL = rebuildStandingProfiles;
