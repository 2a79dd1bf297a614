// `npm run bench`: speed figures printed beside baselines measured in the same run.
// Nothing here asserts; read the figures against the targets in the issues.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CAPABILITY_IDS } from '../../shared/questionnaire';
import { openCore } from '../../electron/core/core';
import { openAppDatabase } from '../../electron/core/db/connection';
import { executeFacilityImport, planFacilityImport } from '../../electron/core/facility-import';
import { startHttpHost } from '../../electron/http-host';
import { generateHospitals, toCmsCsv } from './cms-file';

const ACTOR = { name: 'Benchmark', role: 'administrator' as const };

function tempFolder(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'transferready-bench-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function ms(value: number): string {
  return `${value.toFixed(1).padStart(7)} ms`;
}

async function median(runs: number, once: () => Promise<number>): Promise<{ median: number; min: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), min: times[0]! };
}

async function benchImport(): Promise<void> {
  const hospitals = generateHospitals(6000);
  const csv = toCmsCsv(hospitals);
  const runs = 5;

  const baseline = await median(runs, async () => {
    const folder = tempFolder();
    const database = await openAppDatabase(folder.path);
    const insert = database.sqlite.prepare(
      `INSERT INTO facilities (ccn, name, address, city, state, zip, county, phone, facility_type, ownership, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const stamp = new Date().toISOString();
    const started = performance.now();
    database.sqlite.transaction(() => {
      for (const h of hospitals) insert.run(h.ccn, h.name, h.address, h.city, h.state, h.zip, h.county, h.phone, h.facilityType, h.ownership, stamp, stamp);
    })();
    const elapsed = performance.now() - started;
    await database.close();
    folder.remove();
    return elapsed;
  });

  let phases = { plan: 0, write: 0 };
  const ours = await median(runs, async () => {
    const folder = tempFolder();
    const database = await openAppDatabase(folder.path);
    const started = performance.now();
    const plan = await planFacilityImport(database.db, csv, null);
    const planned = performance.now();
    const summary = await executeFacilityImport(database.db, ACTOR, plan, new Date());
    const elapsed = performance.now() - started;
    phases = { plan: planned - started, write: elapsed - (planned - started) };
    if (summary.added !== hospitals.length) throw new Error(`expected ${hospitals.length} added, got ${summary.added}`);
    await database.close();
    folder.remove();
    return elapsed;
  });

  console.log(`\nFacility import: ${hospitals.length.toLocaleString()}-row CMS file (${(csv.length / 1024 / 1024).toFixed(2)} MB), median of ${runs}`);
  console.log(`  TransferReady import (parse, validate, upsert, audit) ${ms(ours.median)}   min ${ms(ours.min)}   [last run: parse+validate+plan ${ms(phases.plan)}, write+audit ${ms(phases.write)}]`);
  console.log(`  baseline: bare prepared INSERT, one transaction      ${ms(baseline.median)}   min ${ms(baseline.min)}`);
  console.log(`  ratio ${(ours.median / baseline.median).toFixed(1)}× the baseline   (targets: under 1000 ms, within 3×)`);
}

async function benchAnswerSaves(): Promise<void> {
  const folder = tempFolder();
  const core = await openCore({ dataDirectory: folder.path, appVersion: 'bench' });
  const host = await startHttpHost({ calls: core.calls, rendererDirectory: folder.path, host: '127.0.0.1', port: 0 });
  const post = async (method: string, input: unknown) => {
    const response = await fetch(`${host.url}api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { ok: boolean; value: unknown };
    if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body)}`);
    return body.value as { id: number };
  };
  await post('saveProfile', ACTOR);
  const facility = await post('createFacility', { name: 'Benchmark General' });
  const assessment = await post('startAssessment', { facilityId: facility.id });

  const count = 1000;
  const timed = async (call: (index: number) => Promise<unknown>) => {
    for (let i = 0; i < 50; i++) await call(i); // warm up
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await call(i);
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b);
  };
  const saves = await timed((i) =>
    post('saveAnswer', {
      assessmentId: assessment.id,
      capabilityId: CAPABILITY_IDS[i % CAPABILITY_IDS.length],
      answer: {
        status: 'on_site',
        details: { onSiteService: 'yes' },
        evidence: `Evidence typed so far, keystroke ${i}`,
        verifiedByName: 'Dr. Bench',
        verifiedByRole: 'Director',
        verificationMethod: 'phone',
        verifiedOn: '2026-01-15',
      },
    }),
  );
  const reads = await timed(() => post('getSession', {}));
  await host.close();
  await core.close();
  folder.remove();

  const line = (label: string, times: number[]) =>
    console.log(`  ${label} p50 ${ms(quantile(times, 0.5))}   p95 ${ms(quantile(times, 0.95))}   p99 ${ms(quantile(times, 0.99))}`);
  console.log(`\nSaving one answer through the HTTP host, ${count} sequential saves (WAL, synchronous=FULL, audited)`);
  line('saveAnswer                       ', saves);
  line('baseline: getSession (no write)  ', reads);
  console.log('  (target: saveAnswer p95 under 20 ms)');
}

async function main(): Promise<void> {
  console.log(`TransferReady benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
  await benchImport();
  await benchAnswerSaves();
}

void main();
