import type pg from 'pg';
import { backupLayout, RestoreRefused, TABLE_KEYS, TABLES, type BackupSource } from './backup-format';
import { LATEST_SCHEMA_VERSION, REBUILD_REGISTRY_CHANGES_POSTGRESQL, REBUILD_STANDING_PROFILES_SQL } from './migrations';

/** The triggers of migration 009 that number changes for the feed, by table. */
const FEED_TRIGGERS = [
  ['facilities', 'registry_changes_facility'],
  ['assessments', 'registry_changes_assessment'],
  ['users', 'registry_changes_person'],
  ['role_grants', 'registry_changes_role'],
] as const;
import type { SharedRegistry } from './postgresql-registry';

const PAGE = 5000;
/** Rows per INSERT when restoring: a few thousand parameters per statement, far below PostgreSQL's 65,535. */
const INSERT_ROWS = 500;

/**
 * Writes the shared registry's backup in the same layout as a desktop's, from one snapshot
 * (a read-only REPEATABLE READ transaction), a page at a time by each table's key.
 */
export async function writeSharedRegistryBackup(registry: SharedRegistry, now: Date, write: (text: string) => void, withPatientData: boolean): Promise<number> {
  const client = await registry.pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const registryId = (await client.query<{ registry_id: string }>('SELECT registry_id FROM registry_feed')).rows[0]!.registry_id;
    const layout = backupLayout(write, LATEST_SCHEMA_VERSION, now, withPatientData, registryId);
    for (const table of TABLES) {
      layout.table(table);
      if (!layout.holds(table)) continue;
      const key = TABLE_KEYS[table];
      let after: unknown[] | null = null;
      for (;;) {
        const where: string = after ? `WHERE (${key.join(', ')}) > (${key.map((_, index) => `$${index + 1}`).join(', ')})` : '';
        const page: pg.QueryResult<Record<string, unknown>> = await client.query(`SELECT * FROM ${table} ${where} ORDER BY ${key.join(', ')} LIMIT ${PAGE}`, after ?? []);
        for (const row of page.rows) layout.row(row);
        if (page.rows.length < PAGE) break;
        const last = page.rows[page.rows.length - 1]!;
        after = key.map((column) => last[column]);
      }
    }
    await client.query('COMMIT');
    return layout.end();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Loads a backup (from a desktop or another server) into an empty shared registry, in one
 * transaction that holds every table for itself: other calls wait and then see all of it, and
 * a refused or failed restore leaves nothing behind. A registry that already holds facilities,
 * assessments, cases, letters or audit events is refused: the shared registry's history is
 * never overwritten from here (its database administrator restores the database itself).
 */
export async function restoreIntoSharedRegistry(registry: SharedRegistry, backup: BackupSource): Promise<{ rows: number }> {
  if (backup.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new RestoreRefused(`This backup was made by a newer version of TransferReady (schema ${backup.schemaVersion}). Install the newer version to restore it. Nothing was changed.`);
  }
  const client = await registry.pool.connect();
  let rows = 0;
  try {
    await client.query('BEGIN');
    await client.query(`LOCK TABLE ${[...TABLES, 'standing_profiles'].join(', ')} IN ACCESS EXCLUSIVE MODE`);
    const held = (await client.query(`SELECT ${TABLES.filter((table) => table !== 'settings').map((table) => `(SELECT count(*) FROM ${table})`).join(' + ')} AS n`)).rows[0].n as number;
    if (held > 0) {
      throw new RestoreRefused(
        `The shared registry at ${registry.location} already holds ${held.toLocaleString('en-US')} rows, so the backup was not loaded: ` +
          'a restore here only fills an empty registry, and never overwrites a shared history. Restore into a new, empty database ' +
          '(and point the servers at it), or ask its database administrator to restore the database itself. Nothing was changed.',
      );
    }
    const columnsOf = await tableColumns(client);
    // Settings come whole from the backup, as they do on a desktop.
    await client.query('DELETE FROM settings');
    // Finalized answers are frozen by a trigger, which would refuse the historical rows being put
    // back; ALTER TABLE locks the table, so nobody else ever sees it without its trigger.
    await client.query('ALTER TABLE assessment_answers DISABLE TRIGGER assessment_answers_frozen');
    // The change feed is numbered once at the end, not a row at a time under its lock.
    for (const [table, trigger] of FEED_TRIGGERS) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);

    // Rows go in a few hundred to a statement, a table at a time ('' before the first).
    const batch = { table: '', columns: [] as string[], values: [] as unknown[][] };
    const flush = async () => {
      if (batch.values.length === 0) return;
      const { table, columns, values } = batch;
      const placeholders = values.map((_, rowIndex) => `(${columns.map((__, columnIndex) => `$${rowIndex * columns.length + columnIndex + 1}`).join(', ')})`);
      await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders.join(', ')}`, values.flat());
      batch.values = [];
    };
    for (const [table, row] of backup.rows()) {
      if (batch.table !== table) {
        await flush();
        const known = columnsOf.get(table);
        if (!known) throw new RestoreRefused(`The backup has a table this version does not know (${table.slice(0, 40)}). Nothing was changed.`);
        // Every row of a table has the columns its first row has (SELECT * wrote them).
        const columns = Object.keys(row);
        const odd = columns.find((column) => !known.has(column));
        if (odd !== undefined) throw new RestoreRefused(`The backup has a column this version does not know (${odd.slice(0, 40)} in ${table}). Nothing was changed.`);
        Object.assign(batch, { table, columns });
      }
      batch.values.push(batch.columns.map((column) => row[column] ?? null));
      rows += 1;
      if (batch.values.length === INSERT_ROWS) await flush();
    }
    await flush();

    await client.query('ALTER TABLE assessment_answers ENABLE TRIGGER assessment_answers_frozen');
    await client.query(REBUILD_STANDING_PROFILES_SQL);
    for (const [table, trigger] of FEED_TRIGGERS) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    // A new run of the feed: desktops that followed this database before rebuild their copies.
    await client.query(REBUILD_REGISTRY_CHANGES_POSTGRESQL);
    await client.query("UPDATE registry_feed SET feed_id = replace(gen_random_uuid()::text, '-', '')");
    // The registry moved here keeps its identity: desktops that followed it see it gone back in time.
    if (backup.registryId) {
      await client.query('UPDATE registry_feed SET registry_id = $1', [backup.registryId]);
      await client.query('UPDATE transferready_registry SET registry_id = $1', [backup.registryId]);
    }
    // Ids came from the backup: the next id each table gives must come after them.
    for (const table of TABLES) {
      if (TABLE_KEYS[table][0] !== 'id') continue;
      await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${table}`);
    }
    await client.query('COMMIT');
    return { rows };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (error instanceof RestoreRefused) throw error;
    const reason = String((error as { message?: unknown }).message ?? error);
    throw new RestoreRefused(`The backup could not be loaded into the shared registry (${reason}). Nothing was changed.`);
  } finally {
    client.release();
  }
}

async function tableColumns(client: pg.PoolClient): Promise<Map<string, Set<string>>> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY($1)',
    [[...TABLES]],
  );
  const columns = new Map<string, Set<string>>();
  for (const { table_name, column_name } of rows) {
    if (!columns.has(table_name)) columns.set(table_name, new Set());
    columns.get(table_name)!.add(column_name);
  }
  return columns;
}
