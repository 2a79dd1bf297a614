import { createHash, randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, PostgresDriver, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely';
import pg from 'pg';
import { DomainError } from '../errors';
import { LATEST_SCHEMA_VERSION, POSTGRESQL_MIGRATIONS } from './migrations';
import type { BulkStatement, RegistryDatabase } from './registry-database';
import type { DatabaseSchema } from './schema';

export interface SharedRegistryOptions {
  /** postgresql://USER[:PASSWORD]@HOST:PORT/DB, with `?sslmode=require` (or verify-full) for TLS to the database. */
  url: string;
  /** Connections kept open to the database; each call holds one while it runs. */
  poolSize?: number;
}

/** A registry in a shared PostgreSQL database, used by every server (and, later, desktop replica) of a health system. */
export interface SharedRegistry extends RegistryDatabase {
  readonly backend: 'postgresql';
  /** The database's address without its password, for messages and the session. */
  readonly location: string;
  /** Given once, when the registry's database is first set up; a different one means a different registry. */
  readonly registryId: string;
  readonly pool: pg.Pool;
}

/** Raised before any call is served; the message says what to do. Nothing in the database was changed. */
export class SharedRegistryOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SharedRegistryOpenError';
  }
}

export const DEFAULT_POOL_SIZE = 10;

/** Any fixed number will do, as long as it is ours: servers starting together migrate one at a time under it. */
const MIGRATION_LOCK = 0x7472_7264; // "trrd"

/** Kept beside the tables of record: the schema version (SQLite keeps it in the file header) and the registry's identity. */
const REGISTRY_TABLE = 'transferready_registry';

/** Tries of a call that lost a serialization race; the loser runs again on what the winner committed. */
const ATTEMPTS = 8;

export const SHARED_REGISTRY_UNREACHABLE = "The shared registry's database is not reachable; nothing was saved. Try again in a moment.";

/** The URL as people may see it: no password. */
export function registryLocation(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'the shared registry database';
  }
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // admin_shutdown, crash_shutdown, cannot_connect_now: the server is stopping, crashed or starting.
  '57P01',
  '57P02',
  '57P03',
  // connection_exception and its kinds.
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  // too_many_connections: the server cannot take this one now.
  '53300',
]);

/** pg reports a connection lost mid-query with a plain Error and these words. */
const UNREACHABLE_MESSAGE = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly|Client was closed/i;

export function isUnreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return UNREACHABLE_CODES.has(String(code)) || UNREACHABLE_MESSAGE.test(String(message ?? ''));
}

/** Two transactions that cannot both commit as if one ran after the other: one of them runs again. */
function lostARace(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  // serialization_failure, deadlock_detected, and unique_violation: a key taken by a transaction
  // committed meanwhile (the retry then sees that row and answers as the app always does).
  return code === '40001' || code === '40P01' || code === '23505';
}

/** Words for a PostgreSQL failure while the server runs, or null if it is not one of these. */
export function describePostgresqlFailure(error: unknown): { code: 'storage_unavailable' | 'storage_full' | 'storage_read_only'; message: string } | null {
  if (isUnreachable(error)) return { code: 'storage_unavailable', message: SHARED_REGISTRY_UNREACHABLE };
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  // disk_full, and out of memory or other insufficient resources on the database server.
  if (code === '53100' || code === '53000' || code === '53200') {
    return { code: 'storage_full', message: "The shared registry's database has run out of space, so this change was not saved. Tell its database administrator; what you entered is still on screen." };
  }
  // read_only_sql_transaction: a standby, or a database set read-only by its administrator.
  if (code === '25006') {
    return { code: 'storage_read_only', message: "The shared registry's database is read-only right now (a standby, or maintenance), so this change was not saved. Try again later; what you entered is still on screen." };
  }
  return null;
}

/** What went wrong opening the registry, as a sentence for the person starting the server. */
function openFailureMessage(error: unknown, location: string): string {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const reason = error instanceof Error ? error.message : String(error);
  if (code === '28P01' || code === '28000') {
    return `PostgreSQL refused the user name or password for ${location} (${reason}). Check the user and password in --database or TRANSFERREADY_DATABASE_URL.`;
  }
  if (code === '3D000') {
    return `The database in ${location} does not exist. Ask the database administrator to create it (createdb), then start again.`;
  }
  if (code === '42501') {
    return `The user in ${location} may not create tables in that database (${reason}). TransferReady sets up its own tables on first start: grant the user CREATE on the database, or run the first start as its owner.`;
  }
  if (isUnreachable(error)) {
    return `The shared registry's database at ${location} is not reachable (${reason}). Check that PostgreSQL is running there and that the address and port are right, then start again.`;
  }
  return `The shared registry's database at ${location} could not be opened: ${reason}.`;
}

/** 64-bit integers (counts) as numbers: no count in a registry comes near 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Every transaction the calls open (each change with its audit event, finalize, amend, import)
 * runs SERIALIZABLE: concurrent ones behave as if one ran after the other, and the loser of a
 * race is retried. Single reads outside a transaction stay READ COMMITTED, PostgreSQL's default,
 * so the many reads of a busy registry take no predicate locks and never fail a writer.
 */
class SerializablePostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    return new (class extends PostgresDriver {
      override beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
        return super.beginTransaction(connection, { ...settings, isolationLevel: settings.isolationLevel ?? 'serializable' });
      }
    })(this.config);
  }

  constructor(private readonly config: ConstructorParameters<typeof PostgresDialect>[0]) {
    super(config);
  }
}

const STANDING_VERSION_SQL = `
  SELECT (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM facilities) || '/' ||
         (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM standing_profiles) AS version`;

function statementName(sql: string): string {
  return `tr_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
}

/**
 * Opens the shared registry: checks the schema and migrates it under an advisory lock (two
 * servers starting together migrate once; each migration in its own transaction), refuses a
 * database set up by a newer version, and keeps a pool of connections whose transactions run
 * SERIALIZABLE (see SerializablePostgresDialect).
 */
export async function openSharedRegistry(options: SharedRegistryOptions): Promise<SharedRegistry> {
  const location = registryLocation(options.url);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: 'transferready',
    types,
  });
  // An idle connection the server drops (restart, failover) must not bring the process down;
  // the pool discards it and opens a new one for the next call.
  pool.on('error', (error) => console.error('[transferready] a pooled database connection was closed:', error.message));
  // A connection in use can hear the server go away between two statements; the statement that
  // follows fails and says so, so this event needs only to be heard, not to bring the process down.
  pool.on('connect', (client) => client.on('error', () => undefined));

  let registryId: string;
  try {
    registryId = await migrate(pool, location);
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof SharedRegistryOpenError) throw error;
    throw new SharedRegistryOpenError(openFailureMessage(error, location));
  }

  const db = new Kysely<DatabaseSchema>({ dialect: new SerializablePostgresDialect({ pool }) });
  return {
    backend: 'postgresql',
    location,
    registryId,
    pool,
    db,
    storageWarning: null,
    checksRunning: false,
    async runCall<T>(work: () => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await work();
        } catch (error) {
          if (!lostARace(error)) throw error;
          if (attempt === ATTEMPTS) {
            throw new DomainError('conflict', 'Someone else changed this at the same moment, so it was not saved. Try again; what you entered is still on screen.');
          }
          // Spread the retries, more each time, so the losers do not collide again.
          await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt * 5, 400) * (0.5 + Math.random())));
        }
      }
    },
    // Every committed insert, update or delete of a row gives it a new version stamped with the
    // writer's transaction id (xmin), so the row count and the sum of xmins over the two tables
    // the matrix reads change with any commit that touches them, from any server, and with nothing
    // else. A scan of 12,000 narrow tuples (a few ms) instead of the matrix's 6,000-row read.
    standingVersion: async () => String((await pool.query({ name: 'tr_standing_version', text: STANDING_VERSION_SQL })).rows[0].version),
    selectRows: async (query) => (await pool.query({ text: query.sql, values: [...query.parameters], rowMode: 'array' })).rows as unknown[][],
    async bulkWrite<T>(work: (run: BulkStatement) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const result = await work(async (sql, parameters) => {
          const { rows } = await client.query({ name: statementName(sql), text: sql, values: [...parameters] });
          return { insertedId: Number((rows[0] as { id?: number } | undefined)?.id ?? 0) };
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (isUnreachable(error)) broken = error as Error;
        else await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      // Kysely ends the pool only if it ran a query itself; a registry used only through the pool
      // (a backup, a restore) would otherwise keep its connections open until they idle out.
      await db.destroy();
      if (!pool.ending) await pool.end();
    },
  };
}

/** Brings the schema up to date and returns the registry's id. */
async function migrate(pool: pg.Pool, location: string): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${REGISTRY_TABLE} (
           singleton      boolean PRIMARY KEY DEFAULT true CHECK (singleton),
           schema_version integer NOT NULL,
           registry_id    text NOT NULL
         )`,
      );
      const found = (await client.query(`SELECT schema_version, registry_id FROM ${REGISTRY_TABLE}`)).rows[0] as { schema_version: number; registry_id: string } | undefined;
      const current = found?.schema_version ?? 0;
      if (current > LATEST_SCHEMA_VERSION) {
        throw new SharedRegistryOpenError(
          `The shared registry's database at ${location} was set up by a newer version of TransferReady (schema ${current}; ` +
            `this version understands up to ${LATEST_SCHEMA_VERSION}). Install the newer version on this server. Nothing was changed.`,
        );
      }
      const registryId = found?.registry_id ?? randomUUID();
      for (const migration of POSTGRESQL_MIGRATIONS) {
        if (migration.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO ${REGISTRY_TABLE} (singleton, schema_version, registry_id) VALUES (true, $1, $2)
             ON CONFLICT (singleton) DO UPDATE SET schema_version = EXCLUDED.schema_version`,
            [migration.version, registryId],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }
      return registryId;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
