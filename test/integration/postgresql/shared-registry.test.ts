import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../shared/call-result';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import { LOCAL_CALLER } from '../../../shared/permissions';
import { CAPABILITY_IDS } from '../../../shared/questionnaire';
import { openCore, type Core } from '../../../electron/core/core';
import { openAppDatabase } from '../../../electron/core/db/connection';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import { openSharedRegistry, SHARED_REGISTRY_UNREACHABLE, SharedRegistryOpenError } from '../../../electron/core/db/postgresql-registry';
import { dispatchCall } from '../../../electron/core/dispatch';
import { startHttpHost } from '../../../electron/http-host';
import { cleanupsAfterEach } from '../../support/cleanups';
import { VERIFIED_ANSWER as ANSWER } from '../../support/clinical-fixtures';
import { freshPostgresDatabase, callValue as value } from '../../support/core-harness';
import { makeTempFolder } from '../../support/temp-folder';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../support/throwaway-postgres';

const NOW = new Date('2026-03-04T10:00:00.000Z');
const cleanups = cleanupsAfterEach();

async function sharedCore(url: string): Promise<Core> {
  const folder = makeTempFolder();
  const core = await openCore({ dataDirectory: folder.path, appVersion: 'test', now: () => NOW, databaseUrl: url });
  cleanups.push(async () => {
    await core.close();
    folder.remove();
  });
  return core;
}

async function newDatabase(): Promise<string> {
  const database = await freshPostgresDatabase();
  cleanups.push(() => database.drop());
  return database.url;
}

function call<K extends CallName>(core: Core, method: K, input: CallInput<K>): Promise<CallResult<CallOutput<K>>> {
  return dispatchCall(core.calls, method, input, LOCAL_CALLER) as Promise<CallResult<CallOutput<K>>>;
}

/** A facility with a draft whose every answer is complete, ready to finalize. */
async function finalizableDraft(core: Core, name: string): Promise<{ facilityId: number; assessmentId: number }> {
  const facilityId = (await value(core, 'createFacility', { name })).id;
  const assessmentId = (await value(core, 'startAssessment', { facilityId })).id;
  for (const capabilityId of CAPABILITY_IDS) await value(core, 'saveAnswer', { assessmentId, capabilityId, answer: ANSWER });
  return { facilityId, assessmentId };
}

async function sqliteColumns(): Promise<Record<string, string[]>> {
  const folder = makeTempFolder();
  const database = await openAppDatabase(folder.path);
  try {
    const tables = database.sqlite.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((table) => [table, (database.sqlite.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[])]));
  } finally {
    await database.close();
    folder.remove();
  }
}

describe('the shared registry schema', () => {
  it('ends with the same tables, views and columns, in the same order, as the desktop registry', async () => {
    const registry = await openSharedRegistry({ url: await newDatabase() });
    try {
      const { rows } = await registry.pool.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name <> 'transferready_registry'
          ORDER BY table_name, ordinal_position`,
      );
      const postgres: Record<string, string[]> = {};
      for (const row of rows) (postgres[row.table_name] ??= []).push(row.column_name);
      expect(postgres).toEqual(await sqliteColumns());
    } finally {
      await registry.close();
    }
  });

  it('migrates once when two servers start on an empty database at the same moment', async () => {
    const url = await newDatabase();
    const [first, second] = await Promise.all([openSharedRegistry({ url }), openSharedRegistry({ url })]);
    try {
      expect(first.registryId).toBe(second.registryId);
      const { rows } = await first.pool.query('SELECT schema_version FROM transferready_registry');
      expect(rows).toEqual([{ schema_version: LATEST_SCHEMA_VERSION }]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('refuses a database set up by a newer version, with a message, and changes nothing', async () => {
    const url = await newDatabase();
    const registry = await openSharedRegistry({ url });
    await registry.pool.query('UPDATE transferready_registry SET schema_version = 99');
    await registry.close();
    const refused = await openSharedRegistry({ url }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SharedRegistryOpenError);
    expect((refused as Error).message).toContain(`newer version of TransferReady (schema 99; this version understands up to ${LATEST_SCHEMA_VERSION}). Install the newer version`);
    expect((refused as Error).message).not.toContain('password');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query('SELECT schema_version FROM transferready_registry')).rows).toEqual([{ schema_version: 99 }]);
    await client.end();
  });

  it('names what is wrong when the database cannot be reached, without the password', async () => {
    const url = new URL(await newDatabase());
    url.port = '1';
    const refused = await openSharedRegistry({ url: url.toString() }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SharedRegistryOpenError);
    expect((refused as Error).message).toMatch(/is not reachable .*Check that PostgreSQL is running there/);
    expect((refused as Error).message).not.toContain(url.password);
  });

  it('keeps the audit trail, finalized answers and issued letters against a SQL console, TRUNCATE included', async () => {
    const core = await sharedCore(await newDatabase());
    await value(core, 'saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
    const { assessmentId } = await finalizableDraft(core, 'Harbor General');
    await value(core, 'finalizeAssessment', { assessmentId });
    const { pool } = core.database as Extract<Core['database'], { backend: 'postgresql' }>;
    await expect(pool.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(pool.query("UPDATE audit_events SET actor_name = 'someone else'")).rejects.toThrow(/append-only/);
    await expect(pool.query('TRUNCATE audit_events CASCADE')).rejects.toThrow(/append-only/);
    await expect(pool.query("UPDATE assessment_answers SET status = 'not_available' WHERE assessment_id = $1", [assessmentId])).rejects.toThrow(/read-only/);
    await expect(pool.query('DELETE FROM assessment_answers WHERE assessment_id = $1', [assessmentId])).rejects.toThrow(/read-only/);
  });
});

describe('many people at once', () => {
  it('lets exactly one of two administrators finalize the same draft; the other is told in a sentence', async () => {
    const url = await newDatabase();
    // Two servers on the same registry, as a health system runs them.
    const [one, two] = [await sharedCore(url), await sharedCore(url)];
    await value(one, 'saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
    for (let round = 0; round < 8; round++) {
      const { facilityId, assessmentId } = await finalizableDraft(one, `Harbor General ${round}`);
      const results = await Promise.all([call(one, 'finalizeAssessment', { assessmentId }), call(two, 'finalizeAssessment', { assessmentId })]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      const lost = results.find((result) => !result.ok);
      expect(lost).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/finalized and read-only/) } });
      const history = (await value(two, 'getFacilityOverview', { facilityId })).history;
      expect(history.map((entry) => entry.state)).toEqual(['finalized']);
    }
  });

  it('lets exactly one of two administrators amend the same assessment; the other keeps theirs to continue the open one', async () => {
    const url = await newDatabase();
    const [one, two] = [await sharedCore(url), await sharedCore(url)];
    await value(one, 'saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
    for (let round = 0; round < 8; round++) {
      const { facilityId, assessmentId } = await finalizableDraft(one, `Lakeshore ${round}`);
      await value(one, 'finalizeAssessment', { assessmentId });
      const results = await Promise.all([
        call(one, 'amendAssessment', { assessmentId, reason: 'New IVIG contract' }),
        call(two, 'amendAssessment', { assessmentId, reason: 'Neuro ICU reopened' }),
      ]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.find((result) => !result.ok)).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already open as a draft/) } });
      const overview = await value(two, 'getFacilityOverview', { facilityId });
      expect(overview.history.filter((entry) => entry.state === 'draft')).toHaveLength(1);
      expect(overview.profile?.assessmentId).toBe(assessmentId);
    }
  });

  it('finalizes two amendments of one facility in turn, and the standing profile follows in the same transaction', async () => {
    const url = await newDatabase();
    const [one, two] = [await sharedCore(url), await sharedCore(url)];
    await value(one, 'saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
    const { facilityId, assessmentId } = await finalizableDraft(one, 'Mercy County');
    await value(one, 'finalizeAssessment', { assessmentId });
    const amendment = await value(one, 'amendAssessment', { assessmentId, reason: 'Annual review' });
    // One server finalizes while the other reads the matrix over and over: never a facility without its profile.
    let reading = true;
    const reads = (async () => {
      let seen = 0;
      while (reading) {
        const matrix = await value(two, 'capabilityMatrix', {});
        expect(matrix.facilityId).toHaveLength(1);
        expect(matrix.assessedAt[0]).not.toBeNull();
        seen += 1;
      }
      return seen;
    })();
    await value(one, 'finalizeAssessment', { assessmentId: amendment.id });
    reading = false;
    expect(await reads).toBeGreaterThan(0);
    const overview = await value(two, 'getFacilityOverview', { facilityId });
    expect(overview.profile?.assessmentId).toBe(amendment.id);
    expect(overview.history.map((entry) => entry.state)).toEqual(['finalized', 'superseded']);
  });

  it('imports the same file from two servers at once without duplicating a facility', async () => {
    const url = await newDatabase();
    const [one, two] = [await sharedCore(url), await sharedCore(url)];
    await value(one, 'saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
    const csv = ['name,ccn,city,state', ...Array.from({ length: 40 }, (_, index) => `Hospital ${index},${String(100000 + index)},Springfield,IL`)].join('\n');
    const results = await Promise.all([call(one, 'importFacilities', { csv, mapping: null }), call(two, 'importFacilities', { csv, mapping: null })]);
    for (const result of results) expect(result.ok || (!result.ok && result.error.code === 'conflict')).toBe(true);
    const list = await value(one, 'listFacilities', { includeArchived: true });
    expect(list.total).toBe(40);
    expect(new Set(list.items.map((facility) => facility.ccn)).size).toBe(40);
  });
});

describe('when the database goes away', () => {
  let server: ThrowawayPostgres;
  beforeAll(async () => {
    server = await startThrowawayPostgres();
  });
  afterAll(() => server.stop());

  /** A database of its own on the server that the test stops and kills. */
  async function databaseOnServer(): Promise<string> {
    const name = `outage_${Math.random().toString(36).slice(2, 10)}`;
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    return server.url.replace(/\/postgres$/, `/${name}`);
  }

  async function writesThroughOutage(outage: () => Promise<void>) {
    const core = await sharedCore(await databaseOnServer());
    await value(core, 'saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
    const acknowledged: string[] = [];
    const refused: string[] = [];
    let writing = true;
    let counter = 0;
    const writers = Array.from({ length: 4 }, async () => {
      while (writing) {
        const name = `Outage Hospital ${++counter}`;
        const result = await call(core, 'createFacility', { name });
        if (result.ok) acknowledged.push(name);
        else refused.push(`${result.error.code}: ${result.error.message}`);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await outage();
    // While it is down: a sentence, never a stack.
    const down = await call(core, 'listFacilities', {});
    expect(down).toEqual({ ok: false, error: { code: 'storage_unavailable', message: SHARED_REGISTRY_UNREACHABLE, fields: [] } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.resume();
    // Back by itself: the same core, no restart.
    await expect.poll(async () => (await call(core, 'listFacilities', {})).ok, { timeout: 15_000, interval: 200 }).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    writing = false;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused)).toEqual(new Set([`storage_unavailable: ${SHARED_REGISTRY_UNREACHABLE}`]));
    const { pool } = core.database as Extract<Core['database'], { backend: 'postgresql' }>;
    const stored = new Set((await pool.query<{ name: string }>('SELECT name FROM facilities')).rows.map((row) => row.name));
    for (const name of acknowledged) expect(stored).toContain(name);
    // Each stored facility's audit event committed with it.
    const audited = (await pool.query("SELECT count(*) AS n FROM audit_events WHERE entity_type = 'facility' AND action = 'create'")).rows[0].n as number;
    expect(audited).toBe(stored.size);
  }

  it('answers 503 with a sentence while PostgreSQL restarts, recovers by itself, and loses nothing acknowledged', async () => {
    await writesThroughOutage(() => server.pause());
  });

  it('does the same when the PostgreSQL server process is killed outright (SIGKILL)', async () => {
    await writesThroughOutage(() => server.crash());
  });

  it('says so over HTTP with status 503', async () => {
    const core = await sharedCore(await databaseOnServer());
    const folder = makeTempFolder();
    const host = await startHttpHost({ calls: core.calls, rendererDirectory: folder.path, host: '127.0.0.1', port: 0 });
    cleanups.push(async () => {
      await host.close();
      folder.remove();
    });
    await server.pause();
    try {
      const response = await fetch(`${host.url}api/listFacilities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ok: false, error: { code: 'storage_unavailable', message: SHARED_REGISTRY_UNREACHABLE, fields: [] } });
    } finally {
      await server.resume();
    }
  });
});
