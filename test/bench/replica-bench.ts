// `npm run bench -- sync`: a desktop following the shared registry (issue 16) on the seeded
// registry, served from PostgreSQL by the real host, beside the same rows read from the server's
// database directly. Nothing here asserts; read the figures against issue 16.
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DEFAULT_FEED_PAGE_SIZE } from '../../shared/registry-feed';
import { CAPABILITY_IDS } from '../../shared/questionnaire';
import { openCore, type Core } from '../../electron/core/core';
import { openJsonBackupFile, writeJsonBackupFile } from '../../electron/core/db/json-backup';
import { restoreIntoSharedRegistry } from '../../electron/core/db/shared-registry-backup';
import { callValue as call } from '../support/call-value';
import { replicaFingerprint } from '../support/replica-rows';
import { startHost } from '../support/serve-process';
import { makeTempFolder } from '../support/temp-folder';
import { startThrowawayPostgres } from '../support/throwaway-postgres';
import { BENCH_ANSWER } from './shared-registry-bench';

const INCREMENTAL_RUNS = 15;
const AMENDMENT_RUNS = 5;
const AMENDMENTS = 10;

const folder = () => makeTempFolder('transferready-bench-sync-');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? mb(bytes) : kb(bytes));

/**
 * A relay in front of the host that counts the bytes on the desktop's connections either way
 * (HTTP headers included), so the figures are what crosses the network. It forwards each request
 * to the host under the host's own name (the host refuses names it does not know).
 */
async function countingRelay(target: URL): Promise<{ url: string; sent: () => number; received: () => number; reset(): void; close(): Promise<void> }> {
  const open = new Set<Socket>();
  let closedUp = 0;
  let closedDown = 0;
  let baseUp = 0;
  let baseDown = 0;
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    const forwarded = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host }, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => {
      open.delete(socket);
      closedUp += socket.bytesRead;
      closedDown += socket.bytesWritten;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const total = (which: 'bytesRead' | 'bytesWritten') => [...open].reduce((sum, socket) => sum + socket[which], which === 'bytesRead' ? closedUp : closedDown);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    sent: () => total('bytesRead') - baseUp,
    received: () => total('bytesWritten') - baseDown,
    reset: () => {
      baseUp = total('bytesRead');
      baseDown = total('bytesWritten');
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

/** The rows a replica holds, read from the server's database directly: what the feed carries, without HTTP. */
async function directRead(pool: pg.Pool, facilityIds: number[] | null): Promise<{ ms: number; bytes: number; rows: number }> {
  const started = performance.now();
  const only = facilityIds === null ? '' : 'AND f.id = ANY($1)';
  const params = facilityIds === null ? [] : [facilityIds];
  const facilities = await pool.query(`SELECT f.* FROM facilities f WHERE true ${only}`, params);
  const assessments = await pool.query(`SELECT a.* FROM assessments a JOIN facilities f ON f.id = a.facility_id WHERE a.state = 'finalized' ${only}`, params);
  const answers = await pool.query(
    `SELECT aa.* FROM assessment_answers aa JOIN assessments a ON a.id = aa.assessment_id JOIN facilities f ON f.id = a.facility_id WHERE a.state = 'finalized' ${only}`,
    params,
  );
  const ms = performance.now() - started;
  // The same rows as JSON, the form the feed sends them in: what would cross the network at least.
  const bytes = Buffer.byteLength(JSON.stringify([facilities.rows, assessments.rows, answers.rows]));
  return { ms, bytes, rows: facilities.rowCount! + assessments.rowCount! + answers.rowCount! };
}

async function amendSome(server: Core, round: number): Promise<number[]> {
  const standing = await server.database.db
    .selectFrom('assessments')
    .innerJoin('facilities', 'facilities.id', 'assessments.facility_id')
    .select(['assessments.id', 'assessments.facility_id', 'facilities.archived'])
    .where('assessments.state', '=', 'finalized')
    .orderBy('assessments.id')
    .execute()
    .then((rows) => rows.filter((row) => !row.archived));
  const picked = Array.from({ length: AMENDMENTS }, (_, index) => standing[Math.floor(((round * AMENDMENTS + index + 0.5) * standing.length) / (AMENDMENT_RUNS * AMENDMENTS + 1))]!);
  for (const { id } of picked) {
    const draft = await call(server, 'amendAssessment', { assessmentId: id, reason: 'Benchmark review' });
    for (const capabilityId of CAPABILITY_IDS) await call(server, 'saveAnswer', { assessmentId: draft.id, capabilityId, answer: { ...BENCH_ANSWER, evidence: `Checked again in round ${round}.` } });
    await call(server, 'finalizeAssessment', { assessmentId: draft.id });
  }
  return picked.map((row) => row.facility_id);
}

export async function benchReplicaSync(seededRegistry: (into: string) => Promise<void>): Promise<void> {
  console.log('\nDesktop replica of the shared registry (issue 16)');
  const seeded = folder();
  const work = folder();
  const desktops: { core: Core; folder: { path: string; remove(): void } }[] = [];
  const postgres = await startThrowawayPostgres();
  let host: Awaited<ReturnType<typeof startHost>> | null = null;
  let relay: Awaited<ReturnType<typeof countingRelay>> | null = null;
  let server: Core | null = null;
  let pool: pg.Pool | null = null;
  try {
    await seededRegistry(seeded.path);
    const backupFile = join(work.path, 'registry.json');
    let started = performance.now();
    const sqliteCore = await openCore({ dataDirectory: seeded.path, appVersion: 'bench' });
    await writeJsonBackupFile(sqliteCore.database, backupFile);
    await sqliteCore.close();
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    await client.query('CREATE DATABASE registry');
    await client.end();
    const databaseUrl = postgres.url.replace(/\/postgres$/, '/registry');
    const shared = await openCore({ dataDirectory: work.path, appVersion: 'bench', databaseUrl });
    server = shared;
    await restoreIntoSharedRegistry(shared.database, openJsonBackupFile(backupFile));
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // A connection still closing when the server stops at the end is no failure of the bench.
    pool.on('error', () => undefined);
    await pool.query('ANALYZE');
    if (!(await call(server, 'getSession', {})).profile) await call(server, 'saveProfile', { name: 'Benchmark', role: 'administrator' });
    const counts = (await pool.query<{ facilities: string; assessments: string; changes: string }>(
      `SELECT (SELECT count(*) FROM facilities) AS facilities, (SELECT count(*) FROM assessments) AS assessments, (SELECT count(*) FROM registry_changes) AS changes`,
    )).rows[0]!;
    console.log(
      `  seeded registry in PostgreSQL: ${Number(counts.facilities).toLocaleString('en-US')} facilities, ${Number(counts.assessments).toLocaleString('en-US')} assessments, ` +
        `${Number(counts.changes).toLocaleString('en-US')} entries in the change feed (loaded in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );

    host = await startHost(work.path, ['--database', databaseUrl]);
    relay = await countingRelay(new URL(host.url));
    const openDesktop = async () => {
      const at = folder();
      const core = await openCore({ dataDirectory: at.path, appVersion: 'bench', replicaPullIntervalMs: null });
      desktops.push({ core, folder: at });
      return core;
    };

    // Initial sync: a fresh desktop connects (the first page of one change checks the server, then every page of the feed).
    const baselineAll: { ms: number; bytes: number; rows: number }[] = [];
    const initial: { ms: number; sent: number; received: number }[] = [];
    let desktop: Core | null = null;
    for (let run = 0; run < 3; run += 1) {
      baselineAll.push(await directRead(pool, null));
      const fresh = await openDesktop();
      relay.reset();
      started = performance.now();
      const status = await call(fresh, 'connectSharedRegistry', { serverUrl: relay.url });
      initial.push({ ms: performance.now() - started, sent: relay.sent(), received: relay.received() });
      if (status.problem !== null || !status.reachable) throw new Error(`The initial sync did not finish: ${status.problem ?? 'server not reachable'}`);
      desktop = fresh;
    }
    const same = (await replicaFingerprint(desktop!)) === (await replicaFingerprint(server));
    const pages = Math.ceil(Number(counts.changes) / DEFAULT_FEED_PAGE_SIZE);
    const baseline = baselineAll[baselineAll.length - 1]!;
    console.log(`  initial sync of a fresh desktop (${pages} page${pages === 1 ? "" : "s"} of up to ${DEFAULT_FEED_PAGE_SIZE} changes; target < 10 s), 3 desktops: ${initial.map((run) => `${(run.ms / 1000).toFixed(2)} s`).join(', ')}`);
    console.log(`    bytes over HTTP: ${size(initial[0]!.received)} received, ${size(initial[0]!.sent)} sent; replica equals the server's rows: ${same ? 'yes' : 'NO'}`);
    console.log(`    baseline, the same rows read from the server's database directly (no HTTP): median ${median(baselineAll.map((row) => row.ms)).toFixed(0)} ms, ${baseline.rows.toLocaleString('en-US')} rows, ${size(baseline.bytes)} as JSON`);

    // Nothing new: one page that says so.
    const idle: { ms: number; sent: number; received: number }[] = [];
    const headOnly: number[] = [];
    for (let run = 0; run < INCREMENTAL_RUNS; run += 1) {
      relay.reset();
      started = performance.now();
      await call(desktop!, 'syncSharedRegistry', {});
      idle.push({ ms: performance.now() - started, sent: relay.sent(), received: relay.received() });
      started = performance.now();
      await pool.query('SELECT max(seq) FROM registry_changes');
      headOnly.push(performance.now() - started);
    }
    console.log(`  incremental pull, nothing new (median of ${INCREMENTAL_RUNS}; target < 200 ms): ${median(idle.map((run) => run.ms)).toFixed(1)} ms, ${idle[0]!.received} bytes received, ${idle[0]!.sent} sent`);
    console.log(`    baseline, the latest sequence number read from the database directly: ${median(headOnly).toFixed(2)} ms`);

    // After 10 amendments on the server (each a new finalized assessment of a facility).
    const amended: { ms: number; sent: number; received: number }[] = [];
    const amendedBaseline: { ms: number; bytes: number; rows: number }[] = [];
    for (let run = 0; run < AMENDMENT_RUNS; run += 1) {
      const facilityIds = await amendSome(server, run);
      relay.reset();
      started = performance.now();
      const status = await call(desktop!, 'syncSharedRegistry', {});
      amended.push({ ms: performance.now() - started, sent: relay.sent(), received: relay.received() });
      if (status.problem !== null) throw new Error(status.problem);
      amendedBaseline.push(await directRead(pool, facilityIds));
    }
    const stillSame = (await replicaFingerprint(desktop!)) === (await replicaFingerprint(server));
    console.log(
      `  incremental pull after ${AMENDMENTS} amendments (median of ${AMENDMENT_RUNS}): ${median(amended.map((run) => run.ms)).toFixed(1)} ms, ` +
        `${size(median(amended.map((run) => run.received)))} received, ${size(median(amended.map((run) => run.sent)))} sent; replica equals the server's rows: ${stillSame ? 'yes' : 'NO'}`,
    );
    console.log(
      `    baseline, those ${AMENDMENTS} facilities' rows read from the database directly: ${median(amendedBaseline.map((row) => row.ms)).toFixed(1)} ms, ` +
        `${median(amendedBaseline.map((row) => row.rows))} rows, ${size(median(amendedBaseline.map((row) => row.bytes)))} as JSON`,
    );
  } finally {
    for (const { core, folder: at } of desktops) {
      await core.close();
      at.remove();
    }
    await relay?.close();
    await host?.stop();
    await pool?.end();
    await server?.close();
    await postgres.stop();
    seeded.remove();
    work.remove();
  }
}
