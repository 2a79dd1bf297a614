// Headless commands: `npm run cli -- <command> …`. Exit codes: 0 done, 3 done with rows
// rejected (listed), 1 failed (nothing written), 2 the database cannot be opened, 64 usage.
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../package.json';
import { calendarDate } from '../shared/calendar';
import { matrixCsv } from '../shared/capability-matrix';
import { matrixFilterSchema } from '../shared/matrix-filter';
import { CSV_ENCODING_LABELS, decodeCsvFile } from '../shared/csv-encoding';
import { IMPORT_FORMAT_LABELS, MAX_IMPORT_CHARACTERS } from '../shared/facility-import';
import { CURRENT_QUESTIONNAIRE, type CapabilityId } from '../shared/questionnaire';
import { capabilityMatrix } from './core/capability-matrix';
import { exportFhirBundle } from './core/fhir-export';
import { readSettings } from './core/settings';
import { openCore } from './core/core';
import { defaultDataDirectory } from './core/data-directory';
import { backupsDirectory, listBackups, restoreBackupFile } from './core/db/backups';
import { restartRegistryFeed } from './core/registry-feed';
import { revokePersonsDesktops } from './core/desktop-sessions';
import { databaseFile, DatabaseOpenError } from './core/db/connection';
import { openJsonBackupFile, RestoreRefused, restoreJsonBackup, writeJsonBackupFile } from './core/db/json-backup';
import { registryLocation, SharedRegistryOpenError } from './core/db/postgresql-registry';
import type { RegistryDatabase } from './core/db/registry-database';
import { registryDigest } from './core/db/registry-digest';
import { restoreIntoSharedRegistry } from './core/db/shared-registry-backup';
import { DomainError } from './core/errors';
import { executeFacilityImport, planFacilityImport } from './core/facility-import';
import { readProfile } from './core/profile';
import { generateScaleData } from './core/scale-data';
import { facilityIdsByCcn, grantRole } from './core/users';
import { REGISTRY_ROLE_LABELS, REGISTRY_ROLES, type RegistryRole } from '../shared/permissions';
import { grantRoleSchema } from '../shared/users';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  import-facilities FILE.csv   Add or update facilities from a CSV file: the CMS "Hospital General
                               Information" file (older or newer headers) or a CSV whose headers
                               name the fields (name, ccn, address, city, state, zip, ...).
  export-matrix --format csv|fhir [--out FILE]
                               The capability matrix of every active facility as CSV, or the
                               registry as a FHIR R4 Bundle (Questionnaire, Organizations,
                               QuestionnaireResponses); no patient data. To FILE or standard output.
  backup --out FILE             Everything (facilities, assessments, cases, letters, audit trail) in
                               one JSON file. It holds patient data: store it as securely as the app.
  restore FILE                 Replace the database with a JSON backup. The current database is
                               first copied to the backups folder. Close the app before restoring.
                               With --database, load it into an empty shared registry (a desktop
                               registry moving into a health system's shared one).
  restore-backup [NAME]        Without NAME, list the automatic backups (daily, and before each
                               upgrade or restore; the last 14 are kept). With NAME, put that backup
                               back; the current database is copied aside first. Close the app first.
  grant EMAIL ROLE [--facility CCN ...]
                               Give a person a role on the shared registry (a host started with
                               --oidc-issuer); they take it over when they first sign in with a
                               verified email address. ROLE: registry-admin, assessor (needs
                               --facility), physician (--facility optional: its cases), quality-analyst.
                               Use it to make the first registry administrator.
  sign-out-desktops EMAIL      End every desktop session of that person on the shared registry (a
                               lost laptop, someone leaving): their desktops must sign in again.
  restart-feed                 Start a new run of the change feed desktops follow: each desktop then
                               rebuilds its copy. Run it after restoring the registry's database
                               with other tools (pg_restore, a file copy); restore does it itself.
  seed [--facilities N] [--assessments N] [--seed N]
                               Add generated facilities with assessment histories (demo and
                               benchmark data; default 6000 facilities, 250000 assessments).

Options:
  --data-dir DIR   data folder (default: ${defaultDataDirectory()})
  --database URL   work on a shared registry in PostgreSQL (postgresql://USER@HOST:PORT/DB;
                   or set TRANSFERREADY_DATABASE_URL) instead of the data folder's database
  --help           show this help

Exit codes: 0 imported, 3 imported but some rows rejected (listed), 1 nothing imported,
2 the database cannot be opened, 64 wrong usage.`;

class UsageError extends Error {}

/** Where a command works: the data folder's SQLite file, or a shared registry in PostgreSQL. */
interface Registry {
  dataDirectory: string;
  databaseUrl: string | undefined;
}

/** A job has no screen to show while the file is checked: it checks in full and backs up first, and refuses a damaged file. */
function openCoreForJob({ dataDirectory, databaseUrl }: Registry) {
  return openCore({ dataDirectory, appVersion: version, waitForChecks: true, ...(databaseUrl ? { databaseUrl } : {}) });
}

/** Where the data went, for the closing line of a command. */
function registryName({ dataDirectory, databaseUrl }: Registry): string {
  return databaseUrl ? `the shared registry ${registryLocation(databaseUrl)}` : dataDirectory;
}

/** One line per table: rows and fingerprint, the same on both engines for the same rows. */
async function printDigest(database: RegistryDatabase): Promise<void> {
  console.log('Rows and fingerprint per table (equal wherever the same registry is held):');
  for (const { table, rows, sha256 } of await registryDigest(database)) console.log(`  ${table.padEnd(20)}${String(rows).padStart(10)}  ${sha256.slice(0, 16)}`);
}

async function importFacilities(file: string, registry: Registry): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
    return 1;
  }
  const { text: csv, encoding } = decodeCsvFile(bytes, (unicodeBytes, unicode) => new TextDecoder(unicode).decode(unicodeBytes));
  if (csv.length > MAX_IMPORT_CHARACTERS) {
    console.error(`${basename(file)} is larger than 30 MB. Split it and import the parts one after another.`);
    return 1;
  }
  const core = await openCoreForJob(registry);
  try {
    const actor = (await readProfile(core.database.db)) ?? { name: `Command line (${userInfo().username})`, role: 'administrator' as const };
    const plan = await planFacilityImport(core.database.db, csv, null);
    const summary = await executeFacilityImport(core.database, actor, plan, new Date());
    const width = 8;
    console.log(`Imported ${basename(file)} — ${IMPORT_FORMAT_LABELS[summary.format]}`);
    if (encoding !== 'utf-8') console.log(`  read as ${CSV_ENCODING_LABELS[encoding]}`);
    console.log(`  added     ${String(summary.added).padStart(width)}`);
    console.log(`  updated   ${String(summary.updated).padStart(width)}`);
    console.log(`  unchanged ${String(summary.unchanged).padStart(width)}`);
    console.log(`  rejected  ${String(summary.rejected.length).padStart(width)}`);
    if (summary.rejected.length > 0) {
      console.log('\nRejected rows (fix them in the file and import it again; imported rows are not duplicated):');
      for (const row of summary.rejected) console.log(`  line ${row.line}: ${row.reason}`);
      return 3;
    }
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(`Nothing was imported. ${error.message}`);
      if (error.fields.some((field) => field.field.startsWith('mapping'))) {
        console.error('The command line reads CMS files and CSVs whose headers name the fields; for other layouts use Import in the app, where you can choose the columns.');
      }
      return 1;
    }
    throw error;
  } finally {
    await core.close();
  }
}

async function seed(registry: Registry, values: { facilities: string; assessments: string; seed: string }): Promise<number> {
  const count = (text: string, flag: string, max: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || value > max) throw new UsageError(`--${flag} takes a whole number from 0 to ${max.toLocaleString()}.`);
    return value;
  };
  const facilities = count(values.facilities, 'facilities', 100_000);
  const assessments = count(values.assessments, 'assessments', 5_000_000);
  const core = await openCoreForJob(registry);
  try {
    const started = Date.now();
    const summary = await generateScaleData(core.database.db, { facilities, assessments, seed: count(values.seed, 'seed', 2 ** 31) });
    console.log(
      `Added ${summary.facilities.toLocaleString()} facilities, ${summary.assessments.toLocaleString()} assessments and ` +
        `${summary.answers.toLocaleString()} answers in ${((Date.now() - started) / 1000).toFixed(1)} s to ${registryName(registry)}.`,
    );
    return 0;
  } finally {
    await core.close();
  }
}

async function exportMatrix(registry: Registry, format: 'csv' | 'fhir', out: string | undefined): Promise<number> {
  const core = await openCoreForJob(registry);
  try {
    let text: string;
    let summary: string;
    if (format === 'fhir') {
      const bundle = await exportFhirBundle(core.database.db, new Date());
      text = JSON.stringify(bundle);
      summary = `${(bundle.entry as unknown[]).length.toLocaleString()} FHIR resources`;
    } else {
      const { expiryMonths } = await readSettings(core.database.db);
      const rows = await capabilityMatrix(core.database, matrixFilterSchema.parse({}), calendarDate(new Date()), expiryMonths);
      const names = Object.fromEntries(CURRENT_QUESTIONNAIRE.capabilities.map((c) => [c.id, c.name])) as Record<CapabilityId, string>;
      text = matrixCsv(rows, names);
      summary = `${rows.length.toLocaleString()} facilities`;
    }
    if (out) {
      writeFileSync(out, text);
      console.error(`Wrote ${summary} to ${out}.`);
    } else process.stdout.write(text);
    return 0;
  } finally {
    await core.close();
  }
}

async function grant(registry: Registry, email: string, roleName: string, ccns: string[]): Promise<number> {
  const role = roleName.toLowerCase().replace(/-/g, '_').replace(/^registry_administrator$/, 'registry_admin') as RegistryRole;
  if (!REGISTRY_ROLES.includes(role)) throw new UsageError(`Unknown role "${roleName}". Choose registry-admin, assessor, physician or quality-analyst.`);
  const core = await openCoreForJob(registry);
  try {
    const actor = (await readProfile(core.database.db)) ?? { name: `Command line (${userInfo().username})`, role: 'administrator' as const };
    const facilityIds: (number | null)[] = ccns.length > 0 ? await facilityIdsByCcn(core.database.db, ccns) : [null];
    for (const facilityId of facilityIds) {
      const parsed = grantRoleSchema.safeParse({ email, role, facilityId });
      if (!parsed.success) {
        console.error(parsed.error.issues.map((issue) => issue.message).join(' '));
        return 64;
      }
      await core.database.runCall(() => grantRole(core.database.db, actor, parsed.data, new Date()));
    }
    console.log(`${REGISTRY_ROLE_LABELS[role]} granted to ${email.toLowerCase()}${ccns.length > 0 ? ` for CCN ${ccns.join(', ')}` : ''}.`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await core.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      database: { type: 'string' },
      help: { type: 'boolean', default: false },
      facilities: { type: 'string', default: '6000' },
      assessments: { type: 'string', default: '250000' },
      seed: { type: 'string', default: '2026' },
      format: { type: 'string' },
      out: { type: 'string' },
      facility: { type: 'string', multiple: true },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 64;
  }
  const dataDirectory = values['data-dir'] ?? defaultDataDirectory();
  const databaseUrl = values.database ?? (process.env.TRANSFERREADY_DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError('--database takes a PostgreSQL URL: postgresql://USER@HOST:PORT/DATABASE.');
  const registry: Registry = { dataDirectory, databaseUrl };
  switch (command) {
    case 'import-facilities':
      if (rest.length !== 1) throw new UsageError('import-facilities takes one CSV file.');
      return importFacilities(rest[0]!, registry);
    case 'seed':
      return seed(registry, values);
    case 'backup': {
      if (!values.out) throw new UsageError('backup needs --out FILE.');
      const core = await openCoreForJob(registry);
      try {
        const { rows, bytes } = await writeJsonBackupFile(core.database, values.out);
        console.log(`Backed up ${rows.toLocaleString()} rows (${(bytes / 1024 / 1024).toFixed(1)} MB) from ${registryName(registry)} to ${values.out}.`);
        await printDigest(core.database);
        return 0;
      } finally {
        await core.close();
      }
    }
    case 'restore': {
      if (rest.length !== 1) throw new UsageError('restore takes one backup file.');
      try {
        accessSync(rest[0]!, constants.R_OK);
      } catch (error) {
        console.error(`Cannot read ${rest[0]}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
        return 1;
      }
      try {
        // Read a line at a time: a large registry's backup is bigger than any one string can be.
        const source = openJsonBackupFile(rest[0]!);
        if (databaseUrl) {
          const core = await openCore({ dataDirectory, appVersion: version, databaseUrl });
          try {
            const { rows } = await restoreIntoSharedRegistry(core.database, source);
            console.log(`Loaded ${rows.toLocaleString()} rows into ${registryName(registry)}.`);
            await printDigest(core.database);
          } finally {
            await core.close();
          }
          return 0;
        }
        const { rows, safetyCopy } = await restoreJsonBackup(source, dataDirectory);
        console.log(`Restored ${rows.toLocaleString()} rows into ${dataDirectory}.${safetyCopy ? ` The previous database was saved as ${safetyCopy}.` : ''}`);
        // Opening once brings an older backup up to this version's schema.
        const core = await openCoreForJob(registry);
        try {
          await printDigest(core.database);
        } finally {
          await core.close();
        }
        return 0;
      } catch (error) {
        if (error instanceof RestoreRefused) {
          console.error(error.message);
          return 1;
        }
        throw error;
      }
    }
    case 'restore-backup': {
      if (databaseUrl) {
        console.error("A shared registry keeps no backup files: its database administrator backs up and restores its database with PostgreSQL's own tools (pg_dump, pg_restore). Nothing was changed.");
        return 1;
      }
      const backups = listBackups(dataDirectory);
      if (rest.length === 0) {
        if (backups.length === 0) console.log(`No backups yet in ${backupsDirectory(dataDirectory)}.`);
        for (const backup of backups) console.log(`${backup.name}  ${(backup.bytes / 1024).toFixed(0).padStart(8)} KB`);
        return 0;
      }
      try {
        const { safetyCopy } = await restoreBackupFile(dataDirectory, rest[0]!, databaseFile(dataDirectory));
        const core = await openCoreForJob(registry);
        try {
          // Desktops following this registry must not take the restored numbers for new ones.
          await restartRegistryFeed(core.database);
        } finally {
          await core.close();
        }
        console.log(`Restored ${rest[0]}.${safetyCopy ? ` The database it replaced was saved as ${safetyCopy}.` : ''}`);
        return 0;
      } catch (error) {
        if (error instanceof DatabaseOpenError) throw error;
        console.error(`${(error as Error).message} Nothing was changed.`);
        return 1;
      }
    }
    case 'sign-out-desktops': {
      if (rest.length !== 1) throw new UsageError('sign-out-desktops takes one email address.');
      const core = await openCoreForJob(registry);
      try {
        const actor = (await readProfile(core.database.db)) ?? { name: `Command line (${userInfo().username})`, role: 'administrator' as const };
        const ended = await core.database.runCall(() => revokePersonsDesktops(core.database.db, actor, rest[0]!, new Date()));
        if (ended === null) {
          console.error(`No one with the email address ${rest[0]!.toLowerCase()} has signed in to this registry. Nothing was changed.`);
          return 1;
        }
        console.log(`${ended} desktop session${ended === 1 ? '' : 's'} of ${rest[0]!.toLowerCase()} ended; those desktops must sign in again.`);
        return 0;
      } finally {
        await core.close();
      }
    }
    case 'restart-feed': {
      const core = await openCoreForJob(registry);
      try {
        await restartRegistryFeed(core.database);
      } finally {
        await core.close();
      }
      console.log('A new run of the change feed has started: desktops following this registry will rebuild their copies on their next pull.');
      return 0;
    }
    case 'grant': {
      if (rest.length !== 2) throw new UsageError('grant takes an email address and a role.');
      return grant(registry, rest[0]!, rest[1]!, values.facility ?? []);
    }
    case 'export-matrix':
      if (values.format !== 'csv' && values.format !== 'fhir') throw new UsageError('export-matrix needs --format csv or --format fhir.');
      return exportMatrix(registry, values.format, values.out);
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      process.exit(64);
    }
    if (error instanceof DatabaseOpenError || error instanceof SharedRegistryOpenError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error('The command failed unexpectedly:', error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
