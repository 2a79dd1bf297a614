import type { CompiledQuery, Kysely } from 'kysely';
import type { DatabaseSchema } from './schema';

/** Where a registry lives: one desktop's SQLite file, or a health system's shared PostgreSQL database. */
export type RegistryBackend = 'sqlite' | 'postgresql';

/** Runs one statement of a bulk write; `insertedId` is the id an INSERT … RETURNING id gave back. */
export type BulkStatement = (sql: string, parameters: readonly unknown[]) => Promise<{ insertedId: number }>;

/**
 * What the calls need from a registry, whichever engine holds it. The query builder compiles
 * for the engine; the few things it cannot express (wide reads as arrays, prepared bulk writes,
 * a cheap "has anything changed" marker, retries and storage failures) are answered here.
 */
export interface RegistryDatabase {
  readonly backend: RegistryBackend;
  readonly db: Kysely<DatabaseSchema>;
  /** Set when the registry opened but something about its storage needs the user's attention. */
  readonly storageWarning: string | null;
  /** True while work after start (checks, the day's backup) is still going on. */
  readonly checksRunning: boolean;
  /** Runs one call, with whatever the engine needs around it (held-back writes, retried conflicts). */
  runCall<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Changes whenever a commit changes what the capability matrix reads (the facilities and their
   * standing profiles), from this process or any other. Answer saves on drafts leave it as it is,
   * so the matrix stays cached while people type (a quarter of a busy registry's calls).
   */
  standingVersion(): Promise<string>;
  /** Runs a query built with the query builder and returns its rows as arrays of values (wide reads). */
  selectRows(query: CompiledQuery): Promise<unknown[][]>;
  /** Runs `work` inside one transaction of its own, each statement (SQL compiled by the query builder) prepared once. */
  bulkWrite<T>(work: (run: BulkStatement) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
