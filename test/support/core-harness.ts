import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { CallResult } from '../../shared/call-result';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { openCore, type Core } from '../../electron/core/core';
import type { AppDatabase } from '../../electron/core/db/connection';
import { dispatchCall } from '../../electron/core/dispatch';
import { LOCAL_CALLER } from '../../shared/permissions';
import { callValue } from './call-value';
import { makeTempFolder } from './temp-folder';

export { callValue };

export type RegistryEngine = 'sqlite' | 'postgresql';

/** The engine this test project runs on (test/vitest.config.mts); SQLite outside the projects. */
export const TEST_ENGINE: RegistryEngine = process.env.TRANSFERREADY_TEST_REGISTRY === 'postgresql' ? 'postgresql' : 'sqlite';

/** A new, empty database on the run's throwaway PostgreSQL server; dropped by the returned function. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('postgresUrl');
  const name = `registry_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * A real core driven through the contract's dispatcher: on a real SQLite file in a temp folder,
 * or, in the PostgreSQL project, on a database of its own on a real PostgreSQL server.
 */
export class CoreHarness {
  /** A fresh temp folder, or an existing one to open a database already there. */
  constructor(
    readonly folder: { path: string; remove(): void } = makeTempFolder(),
    readonly engine: RegistryEngine = TEST_ENGINE,
  ) {}

  clock = new Date('2026-03-04T10:00:00.000Z');
  core!: Core;
  private postgres: { url: string; drop(): Promise<void> } | null = null;

  async open(): Promise<this> {
    if (this.engine === 'postgresql') this.postgres ??= await freshPostgresDatabase();
    this.core = await openCore({
      dataDirectory: this.folder.path,
      appVersion: 'test',
      now: () => this.clock,
      ...(this.postgres ? { databaseUrl: this.postgres.url } : {}),
    });
    return this;
  }

  /** The shared registry's URL in the PostgreSQL project (null on SQLite). */
  get databaseUrl(): string | null {
    return this.postgres?.url ?? null;
  }

  async reopen(): Promise<void> {
    await this.core.close();
    await this.open();
  }

  async dispose(): Promise<void> {
    await this.core.close();
    await this.postgres?.drop();
    this.folder.remove();
  }

  call<K extends CallName>(method: K, input: CallInput<K>): Promise<CallResult<CallOutput<K>>> {
    return dispatchCall(this.core.calls, method, input, LOCAL_CALLER) as Promise<CallResult<CallOutput<K>>>;
  }

  value<K extends CallName>(method: K, input: CallInput<K>): Promise<CallOutput<K>> {
    return callValue(this.core, method, input);
  }

  /** Runs SQL on the registry directly, as someone at a database console would; `?` marks each parameter on both engines. */
  async rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
    const database = this.core.database;
    if (database.backend === 'sqlite') {
      const statement = database.sqlite.prepare(sql);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
    }
    let index = 0;
    return (await database.pool.query(sql.replace(/\?/g, () => `$${++index}`), params)).rows as T[];
  }

  /** The SQLite file's own handle, for tests of the file itself (they run in the SQLite project only). */
  get sqlite(): AppDatabase['sqlite'] {
    const database = this.core.database;
    if (database.backend !== 'sqlite') throw new Error('This test reads the SQLite file itself; it belongs in the SQLite project only.');
    return database.sqlite;
  }
}
