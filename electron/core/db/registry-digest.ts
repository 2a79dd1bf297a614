import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { TABLE_KEYS, TABLES, type BackupTable } from './backup-format';
import type { RegistryDatabase } from './registry-database';

export interface TableDigest {
  table: BackupTable;
  rows: number;
  /** The sum of every row's SHA-256 (its columns by name), modulo 2^256, as hex: the same whatever order the rows are read in. */
  sha256: string;
}

const PAGE = 5000;
const MODULUS = 1n << 256n;

/**
 * A fingerprint of every table of record, equal on SQLite and PostgreSQL when they hold the same
 * rows: how a registry moved from a desktop into the shared database (or back) is shown intact.
 * Rows are added up rather than chained, so text keys that sort differently under the two
 * engines' collations still give the same sum.
 */
export async function registryDigest(database: RegistryDatabase): Promise<TableDigest[]> {
  const digests: TableDigest[] = [];
  for (const table of TABLES) {
    const key = TABLE_KEYS[table];
    let sum = 0n;
    let rows = 0;
    let after: unknown[] | null = null;
    for (;;) {
      const from = after;
      let query = database.db
        .selectFrom(table)
        .selectAll()
        .$if(from !== null, (select) => select.where(sql<boolean>`(${sql.join(key.map((column) => sql.ref(column)))}) > (${sql.join(from!)})`));
      for (const column of key) query = query.orderBy(sql.ref(column));
      const page: Record<string, unknown>[] = await query.limit(PAGE).execute();
      for (const row of page) {
        const rowHash = createHash('sha256').update(JSON.stringify(Object.keys(row).sort().map((column) => [column, row[column]])));
        sum = (sum + BigInt(`0x${rowHash.digest('hex')}`)) % MODULUS;
      }
      rows += page.length;
      if (page.length < PAGE) break;
      const last = page[page.length - 1]!;
      after = key.map((column) => last[column]);
    }
    digests.push({ table, rows, sha256: sum.toString(16).padStart(64, '0') });
  }
  return digests;
}
