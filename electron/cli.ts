// Headless commands: `npm run cli -- <command> …`. Exit codes: 0 done, 3 done with rows
// rejected (listed), 1 failed (nothing written), 2 the database cannot be opened, 64 usage.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../package.json';
import { IMPORT_FORMAT_LABELS, MAX_IMPORT_CHARACTERS } from '../shared/facility-import';
import { openCore } from './core/core';
import { defaultDataDirectory } from './core/data-directory';
import { DatabaseOpenError } from './core/db/connection';
import { DomainError } from './core/errors';
import { executeFacilityImport, planFacilityImport } from './core/facility-import';
import { readProfile } from './core/profile';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  import-facilities FILE.csv   Add or update facilities from a CSV file: the CMS "Hospital General
                               Information" file (older or newer headers) or a CSV whose headers
                               name the fields (name, ccn, address, city, state, zip, ...).

Options:
  --data-dir DIR   data folder (default: ${defaultDataDirectory()})
  --help           show this help

Exit codes: 0 imported, 3 imported but some rows rejected (listed), 1 nothing imported,
2 the database cannot be opened, 64 wrong usage.`;

class UsageError extends Error {}

async function importFacilities(file: string, dataDirectory: string): Promise<number> {
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
    return 1;
  }
  if (csv.length > MAX_IMPORT_CHARACTERS) {
    console.error(`${basename(file)} is larger than 30 MB. Split it and import the parts one after another.`);
    return 1;
  }
  const core = await openCore({ dataDirectory, appVersion: version });
  try {
    const actor = (await readProfile(core.database.db)) ?? { name: `Command line (${userInfo().username})`, role: 'administrator' as const };
    const plan = await planFacilityImport(core.database.db, csv, null);
    const summary = await executeFacilityImport(core.database.db, actor, plan, new Date());
    const width = 8;
    console.log(`Imported ${basename(file)} — ${IMPORT_FORMAT_LABELS[summary.format]}`);
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

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 64;
  }
  const dataDirectory = values['data-dir'] ?? defaultDataDirectory();
  switch (command) {
    case 'import-facilities':
      if (rest.length !== 1) throw new UsageError('import-facilities takes one CSV file.');
      return importFacilities(rest[0]!, dataDirectory);
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
    if (error instanceof DatabaseOpenError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error('The command failed unexpectedly:', error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
