// `npm run bench -- shared`: the shared registry on PostgreSQL beside the desktop's SQLite, on the
// same seeded registry in the same run. Nothing here asserts; read the figures against issue 14.
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import type { CapabilityAnswer } from '../../shared/assessment';
import { calendarDate } from '../../shared/calendar';
import { matrixFilterSchema } from '../../shared/matrix-filter';
import { CAPABILITY_IDS } from '../../shared/questionnaire';
import { openCore, type Core } from '../../electron/core/core';
import { capabilityMatrix } from '../../electron/core/capability-matrix';
import { openJsonBackupFile, writeJsonBackupFile } from '../../electron/core/db/json-backup';
import { restoreIntoSharedRegistry } from '../../electron/core/db/shared-registry-backup';
import { startHost, waitForChecksAfterStart, type RunningHost } from '../support/serve-process';
import { makeTempFolder } from '../support/temp-folder';
import { startThrowawayPostgres } from '../support/throwaway-postgres';

const USERS = 50;
const LOAD_SECONDS = Number(process.env.TRANSFERREADY_BENCH_LOAD_SECONDS ?? 60);
/**
 * Mean pause, in ms, between one person's answer and their next call (exponentially spread).
 * The issue's 50 simulated users are people: a second on average is a fast clicker (reading a
 * facility's overview or choosing the next answer takes longer), so the run keeps about 50 calls
 * a second coming, with bursts. TRANSFERREADY_BENCH_THINK_MS=0 runs a closed loop instead: each
 * person calls again the moment they have their answer, 50 calls always in flight, which measures
 * how much the host can take at saturation (there p95 is about 50 ÷ throughput), not latency.
 */
const THINK_MS = Number(process.env.TRANSFERREADY_BENCH_THINK_MS ?? 1000);
/** Never more than this many calls in one run, whatever the speed: the generator is bounded in count as well as time. */
const MAX_CALLS = 2_000_000;
const MATRIX_RUNS = 15;

/** The answer both registry benches save; replica-bench imports it. */
export const BENCH_ANSWER: CapabilityAnswer = {
  status: 'on_site',
  details: {},
  partner: null,
  evidence: 'Confirmed with the department lead during the benchmark.',
  verifiedByName: 'Dr. Lena Ortiz',
  verifiedByRole: 'Department lead',
  verificationMethod: 'phone',
  verifiedOn: '2026-11-02',
};

type Kind = 'overview' | 'matrix' | 'search' | 'compare' | 'save' | 'finalize' | 'amend';
const READS: Kind[] = ['overview', 'matrix', 'search', 'compare'];

/** Other jobs share the machine: every figure is printed beside how busy it was. */
function loadAverage(): string {
  return `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
}

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const folder = () => makeTempFolder('transferready-bench-shared-');

async function timedOnce(once: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await once();
  return performance.now() - started;
}

/**
 * Medians of runs of each, taken in turn (core, hand-written, core, …) after one untimed run of
 * each, so both see the same machine load (other jobs share it) and neither pays alone for the
 * first reads of the tables (cold caches, hint bits after the restore).
 */
async function timedSideBySide(runs: number, core: () => Promise<unknown>, handWritten: () => Promise<unknown>): Promise<{ core: number; handWritten: number }> {
  await core();
  await handWritten();
  const times = { core: [] as number[], handWritten: [] as number[] };
  for (let i = 0; i < runs; i++) {
    times.core.push(await timedOnce(core));
    times.handWritten.push(await timedOnce(handWritten));
  }
  return { core: quantile(times.core.sort((a, b) => a - b), 0.5), handWritten: quantile(times.handWritten.sort((a, b) => a - b), 0.5) };
}

/** The matrix read through the core (query builder, judging each cell) beside the same rows by hand-written SQL. */
async function matrixFigures(core: Core): Promise<{ core: number; handWritten: number }> {
  const filter = matrixFilterSchema.parse({});
  const today = calendarDate(new Date());
  const coreRead = () => capabilityMatrix(core.database, filter, today, 24);
  // The columns the core reads, by hand: the facility, where it is, and each capability's cell.
  const cells = CAPABILITY_IDS.map((id) => `sp.${id}_status, sp.${id}_verified_on, sp.${id}_details_json`).join(', ');
  const text = `SELECT f.id, f.name, f.ccn, f.city, f.state, f.facility_type, f.ownership, f.zip, f.latitude, f.longitude,
                       sp.finalized_at, sp.questionnaire_version, ${cells}
                  FROM facilities f LEFT JOIN standing_profiles sp ON sp.facility_id = f.id
                 WHERE f.archived = 0 ORDER BY lower(f.name), f.name, f.id`;
  const database = core.database;
  const handWritten =
    database.backend === 'postgresql' ? () => database.pool.query({ text, rowMode: 'array' }) : async () => database.sqlite.prepare(text).raw(true).all();
  return timedSideBySide(MATRIX_RUNS, coreRead, handWritten);
}

interface LoadResult {
  seconds: number;
  /** The machine's load average as the run started and ended. */
  machine: { before: string; after: string };
  latencies: Record<Kind, number[]>;
  errors: string[];
  acknowledged: Record<Kind, number>;
}

async function post(url: string, call: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const response = await fetch(new URL(`/api/${call}`, url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: new URL(url).origin },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value?: unknown };
}

/**
 * 50 simulated people over HTTP (fetch keeps connections alive) for LOAD_SECONDS: 70% reads
 * (facility overview, matrix, search, compare), 25% answer saves on a draft of their own, 5%
 * finalize (when they have a complete draft) or amend (to open the next one).
 */
export async function loadRun(url: string, facilityCount: number): Promise<LoadResult> {
  const host = new URL(url);
  if (host.hostname !== '127.0.0.1') throw new Error('The load generator only targets 127.0.0.1.');
  const latencies = Object.fromEntries([...READS, 'save', 'finalize', 'amend'].map((kind) => [kind, [] as number[]])) as Record<Kind, number[]>;
  const acknowledged = Object.fromEntries(Object.keys(latencies).map((kind) => [kind, 0])) as Record<Kind, number>;
  const errors: string[] = [];
  let calls = 0;

  const run = async (kind: Kind, call: string, input: unknown) => {
    calls += 1;
    const started = performance.now();
    let result;
    try {
      result = await post(url, call, input);
    } catch (error) {
      errors.push(`${kind}: ${(error as Error).message}`);
      return null;
    }
    latencies[kind].push(performance.now() - started);
    if (!result.ok) {
      errors.push(`${kind}: ${result.error?.code} ${result.error?.message}`);
      return null;
    }
    acknowledged[kind] += 1;
    return result.value;
  };

  // Each person works on a facility of their own, spread over the registry.
  const people = await Promise.all(
    Array.from({ length: USERS }, async (_, index) => {
      const facilityId = 1 + Math.floor(((index + 0.5) * facilityCount) / USERS);
      const overview = (await post(url, 'getFacilityOverview', { facilityId })).value as { profile: { assessmentId: number } | null; draft: { id: number } | null };
      return { facilityId, standing: overview.profile?.assessmentId ?? null, draft: overview.draft?.id ?? null };
    }),
  );
  const before = loadAverage();
  const deadline = performance.now() + LOAD_SECONDS * 1000;
  const started = performance.now();
  const random = (n: number) => Math.floor(Math.random() * n);
  // The page compares different facilities (the contract refuses one chosen twice).
  const distinctFacilities = (count: number, of: number) => {
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(1 + random(of));
    return [...chosen];
  };

  async function amend(person: (typeof people)[number]) {
    if (person.standing === null) return;
    const amended = (await run('amend', 'amendAssessment', { assessmentId: person.standing, reason: 'Benchmark review' })) as { id: number } | null;
    if (!amended) return;
    person.draft = amended.id;
    // An amendment copies answers that may be incomplete: complete them, as an assessor would.
    for (const capabilityId of CAPABILITY_IDS) await run('save', 'saveAnswer', { assessmentId: amended.id, capabilityId, answer: BENCH_ANSWER });
  }

  await Promise.all(
    people.map(async (person) => {
      while (performance.now() < deadline && calls < MAX_CALLS) {
        if (THINK_MS > 0) await new Promise((resolve) => setTimeout(resolve, -Math.log(1 - Math.random()) * THINK_MS));
        const roll = Math.random();
        if (roll < 0.7) {
          const kind = READS[random(READS.length)]!;
          if (kind === 'overview') await run(kind, 'getFacilityOverview', { facilityId: 1 + random(facilityCount) });
          else if (kind === 'matrix') await run(kind, 'capabilityMatrix', {});
          else if (kind === 'search') await run(kind, 'listFacilities', { search: ['gen', 'uni', 'mer', 'cou', 'st'][random(5)], limit: 50 });
          else await run(kind, 'compareFacilities', { facilityIds: distinctFacilities(3, facilityCount) });
        } else if (roll < 0.95) {
          if (person.draft === null) await amend(person);
          else await run('save', 'saveAnswer', { assessmentId: person.draft, capabilityId: CAPABILITY_IDS[random(CAPABILITY_IDS.length)]!, answer: { ...BENCH_ANSWER, evidence: `Checked again (${random(1000)}).` } });
        } else if (person.draft === null) {
          await amend(person);
        } else {
          const finalized = await run('finalize', 'finalizeAssessment', { assessmentId: person.draft });
          if (finalized) {
            person.standing = person.draft;
            person.draft = null;
          }
        }
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, machine: { before, after: loadAverage() }, latencies, errors, acknowledged };
}

/** Every acknowledged write is in the audit trail (each is written in the same transaction), and the standing profiles match their source. */
export async function verifyAfterLoad(core: Core, since: string, result: LoadResult): Promise<string> {
  const count = async (pattern: string) =>
    Number(
      (
        await core.database.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', 'like', pattern)
          .where('occurred_at', '>=', since)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const found = { save: await count('answer:%'), finalize: await count('finalize'), amend: await count('amend') };
  const missing = (['save', 'finalize', 'amend'] as const).filter((kind) => found[kind] < result.acknowledged[kind]);
  const drift = Number(
    (
      await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT * FROM standing_profile_source EXCEPT SELECT * FROM standing_profiles) AS differing`.execute(core.database.db)
    ).rows[0]!.n,
  );
  return `${missing.length === 0 ? 'every acknowledged write present' : `MISSING writes: ${missing.join(', ')}`}; standing profiles ${drift === 0 ? 'match their source' : `DIFFER in ${drift} rows`}`;
}

export function printLoad(engine: string, result: LoadResult): void {
  const total = Object.values(result.latencies).reduce((sum, list) => sum + list.length, 0);
  console.log(`  ${engine}: ${total.toLocaleString('en-US')} calls in ${result.seconds.toFixed(1)} s = ${(total / result.seconds).toFixed(0)} calls/s, ${result.errors.length} errors (${result.machine.before} at the start, ${result.machine.after.replace('load average ', '')} at the end)`);
  for (const [kind, list] of Object.entries(result.latencies)) {
    const sorted = [...list].sort((a, b) => a - b);
    console.log(
      `    ${kind.padEnd(9)} ${String(list.length).padStart(7)}  p50 ${quantile(sorted, 0.5).toFixed(1).padStart(7)} ms  p95 ${quantile(sorted, 0.95).toFixed(1).padStart(7)} ms  p99 ${quantile(sorted, 0.99).toFixed(1).padStart(7)} ms`,
    );
  }
  const reads = READS.flatMap((kind) => result.latencies[kind]).sort((a, b) => a - b);
  const writes = (['save', 'finalize', 'amend'] as const).flatMap((kind) => result.latencies[kind]).sort((a, b) => a - b);
  console.log(`    all reads p95 ${quantile(reads, 0.95).toFixed(1)} ms (target < 100), all writes p95 ${quantile(writes, 0.95).toFixed(1)} ms (target < 150)`);
  for (const error of [...new Set(result.errors)].slice(0, 5)) console.log(`    error: ${error}`);
}

async function underLoad(engine: string, host: RunningHost, core: () => Promise<Core>, facilityCount: number): Promise<void> {
  // A desktop host checks its whole file and takes the day's backup just after start, holding
  // writes back meanwhile (npm run bench -- start measures that): the load run measures the host
  // afterwards, in its steady state.
  const checksStarted = performance.now();
  await waitForChecksAfterStart(host.url);
  if (performance.now() - checksStarted > 200) console.log(`  (${engine}: the load began once the checks after start were over, ${((performance.now() - checksStarted) / 1000).toFixed(1)} s after the host answered)`);
  const since = new Date().toISOString();
  const result = await loadRun(host.url, facilityCount);
  await host.stop();
  const after = await core();
  try {
    printLoad(engine, result);
    console.log(`    afterwards: ${await verifyAfterLoad(after, since, result)}`);
  } finally {
    await after.close();
  }
}

/** The seeded registry on both engines: matrix query times, then the same load on each host. */
export async function benchSharedRegistry(seededRegistry: (into: string) => Promise<void>): Promise<void> {
  console.log('\nShared registry on PostgreSQL beside SQLite (issue 14)');
  const desktop = folder();
  const work = folder();
  const server = await startThrowawayPostgres({ durable: true });
  try {
    await seededRegistry(desktop.path);
    const backupFile = join(work.path, 'registry.json');
    let started = performance.now();
    const sqliteCore = await openCore({ dataDirectory: desktop.path, appVersion: 'bench' });
    const { rows } = await writeJsonBackupFile(sqliteCore.database, backupFile);
    const facilityCount = Number((await sqliteCore.database.db.selectFrom('facilities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    console.log(`  seeded registry: ${rows.toLocaleString('en-US')} rows, ${facilityCount.toLocaleString('en-US')} facilities; JSON backup written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query('CREATE DATABASE registry');
    await client.end();
    const databaseUrl = server.url.replace(/\/postgres$/, '/registry');
    started = performance.now();
    const sharedCore = await openCore({ dataDirectory: work.path, appVersion: 'bench', databaseUrl });
    await restoreIntoSharedRegistry(sharedCore.database, openJsonBackupFile(backupFile));
    // As a database administrator does after loading a registry: statistics for the planner, and
    // the visibility map and hint bits set now rather than by the first reads.
    await sharedCore.database.pool.query('VACUUM (ANALYZE)');
    console.log(`  moved into PostgreSQL (cli restore --database, then VACUUM ANALYZE) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const onSqlite = await matrixFigures(sqliteCore);
    const onPostgres = await matrixFigures(sharedCore);
    console.log(`  matrix query (median of ${MATRIX_RUNS}, core and hand-written taken in turn; target on PostgreSQL < 150 ms and within 2x hand-written SQL), ${loadAverage()}:`);
    console.log(`    PostgreSQL  core ${onPostgres.core.toFixed(1)} ms, hand-written SQL ${onPostgres.handWritten.toFixed(1)} ms, ratio ${(onPostgres.core / onPostgres.handWritten).toFixed(2)}x`);
    console.log(`    SQLite      core ${onSqlite.core.toFixed(1)} ms, hand-written SQL ${onSqlite.handWritten.toFixed(1)} ms, ratio ${(onSqlite.core / onSqlite.handWritten).toFixed(2)}x`);
    await sqliteCore.close();
    await sharedCore.close();

    const pacing = THINK_MS > 0 ? `a pause of ${THINK_MS} ms on average between a person's calls` : 'closed loop, no think time: each person calls again as soon as answered';
    console.log(`  load: ${USERS} people over HTTP keep-alive for ${LOAD_SECONDS} s each (70% reads, 25% answer saves, 5% finalize or amend; ${pacing})`);
    await underLoad('PostgreSQL', await startHost(work.path, ['--database', databaseUrl]), () => openCore({ dataDirectory: work.path, appVersion: 'bench', databaseUrl }), facilityCount);
    await underLoad('SQLite', await startHost(desktop.path), () => openCore({ dataDirectory: desktop.path, appVersion: 'bench' }), facilityCount);
  } finally {
    await server.stop();
    desktop.remove();
    work.remove();
  }
}
