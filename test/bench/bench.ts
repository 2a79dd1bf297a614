// `npm run bench`: speed figures printed beside baselines measured in the same run.
// Nothing here asserts; read the figures against the targets in the issues.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { CapabilityProfile, DetailValue } from '../../shared/assessment';
import { CANDIDATES_SHOWN } from '../../shared/case-workup';
import { composeFamilyLetter, composeInsurerLetter, type LetterSource } from '../../shared/letters';
import { CAPABILITY_IDS, CAPABILITY_STATUSES, type CapabilityId } from '../../shared/questionnaire';
import { transferCaseSchema } from '../../shared/transfer-case';
import { deriveNeeds, patientContext, rankCandidates, recommendTransfer, type CandidateFacility } from '../../shared/transfer-rules';
import { chromium, type Page } from '@playwright/test';
import { openCore, type Core } from '../../electron/core/core';
import { openAppDatabase, type AppDatabase } from '../../electron/core/db/connection';
import { executeFacilityImport, planFacilityImport } from '../../electron/core/facility-import';
import { startHttpHost } from '../../electron/http-host';
import { capabilityMatrix } from '../../electron/core/capability-matrix';
import { exportFhirBundle } from '../../electron/core/fhir-export';
import { generateScaleData } from '../../electron/core/scale-data';
import { filterAndSortMatrix, type MatrixRow } from '../../shared/capability-matrix';
import { matrixFilterSchema } from '../../shared/matrix-filter';
import { chooseBrowser, type ChosenBrowser } from '../support/browser';
import { startHost, waitForChecksAfterStart, type RunningHost } from '../support/serve-process';
import { makeTempFolder } from '../support/temp-folder';
import { generateHospitals, seededRandom, toCmsCsv } from './cms-file';
import { benchSharedRegistry } from './shared-registry-bench';
import { benchReplicaSync } from './replica-bench';

const ACTOR = { name: 'Benchmark', role: 'administrator' as const };

let chosenBrowser: Promise<ChosenBrowser> | undefined;
/** The browser the tests use too, chosen once per run and named in the output beside the figures. */
async function launchBrowser() {
  chosenBrowser ??= chooseBrowser().then((browser) => {
    console.log(browser.description);
    return browser;
  });
  const { executablePath, args } = await chosenBrowser;
  return chromium.launch({ executablePath, args });
}

const tempFolder = () => makeTempFolder('transferready-bench-');

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1).padStart(7)} ms`;
}

async function median(runs: number, once: () => Promise<number>): Promise<{ median: number; min: number; first: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  const first = times[0]!;
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), min: times[0]!, first };
}

async function benchImport(): Promise<void> {
  const hospitals = generateHospitals(6000);
  const csv = toCmsCsv(hospitals);
  // Seven runs: the median is a warmed-up import, and the first run (a cold start) is printed too.
  const runs = 7;

  const baseline = await median(runs, async () => {
    const folder = tempFolder();
    const database = await openAppDatabase(folder.path);
    const insert = database.sqlite.prepare(
      `INSERT INTO facilities (ccn, name, address, city, state, zip, county, phone, facility_type, ownership, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const stamp = new Date().toISOString();
    collectGarbage();
    const started = performance.now();
    database.sqlite.transaction(() => {
      for (const h of hospitals) insert.run(h.ccn, h.name, h.address, h.city, h.state, h.zip, h.county, h.phone, h.facilityType, h.ownership, stamp, stamp);
    })();
    const elapsed = performance.now() - started;
    await database.close();
    folder.remove();
    return elapsed;
  });

  // The issue's baseline writes no audit trail; this one also writes each row's audit event
  // (the same JSON the import records), to show how much of the gap the trail itself is.
  const withAudit = await median(runs, async () => {
    const folder = tempFolder();
    const database = await openAppDatabase(folder.path);
    const insert = database.sqlite.prepare(
      `INSERT INTO facilities (ccn, name, address, city, state, zip, county, phone, facility_type, ownership, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const audit = database.sqlite.prepare(
      `INSERT INTO audit_events (occurred_at, actor_name, actor_role, entity_type, entity_id, action, before_json, after_json) VALUES (?, ?, ?, 'facility', ?, 'import', NULL, ?)`,
    );
    const stamp = new Date().toISOString();
    collectGarbage();
    const started = performance.now();
    database.sqlite.transaction(() => {
      for (const h of hospitals) {
        const id = insert.run(h.ccn, h.name, h.address, h.city, h.state, h.zip, h.county, h.phone, h.facilityType, h.ownership, stamp, stamp).lastInsertRowid;
        audit.run(stamp, ACTOR.name, ACTOR.role, String(id), JSON.stringify({ id: Number(id), ...h, createdAt: stamp, updatedAt: stamp }));
      }
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
    collectGarbage();
    const started = performance.now();
    const plan = await planFacilityImport(database.db, csv, null);
    const planned = performance.now();
    const summary = await executeFacilityImport(database, ACTOR, plan, new Date());
    const elapsed = performance.now() - started;
    phases = { plan: planned - started, write: elapsed - (planned - started) };
    if (summary.added !== hospitals.length) throw new Error(`expected ${hospitals.length} added, got ${summary.added}`);
    await database.close();
    folder.remove();
    return elapsed;
  });

  console.log(`\nFacility import: ${hospitals.length.toLocaleString()}-row CMS file (${(csv.length / 1024 / 1024).toFixed(2)} MB), median of ${runs}`);
  console.log(`  TransferReady import (parse, validate, upsert, audit) ${ms(ours.median)}   min ${ms(ours.min)}   first (cold) ${ms(ours.first)}   [last run: parse+validate+plan ${ms(phases.plan)}, write+audit ${ms(phases.write)}]`);
  console.log(`  baseline: bare prepared INSERT, one transaction      ${ms(baseline.median)}   min ${ms(baseline.min)}`);
  console.log(`  ratio ${(ours.median / baseline.median).toFixed(1)}× the baseline   (targets: under 1000 ms, within 3×)`);
  console.log(`  for reference: the same bare INSERTs plus one audit row each ${ms(withAudit.median)}   (import is ${(ours.median / withAudit.median).toFixed(1)}× this)`);
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

function generatedProfile(facilityId: number, random: () => number): CapabilityProfile {
  return {
    facilityId,
    assessmentId: facilityId,
    revision: 1,
    finalizedAt: '2026-06-15T14:00:00.000Z',
    assessorName: 'Benchmark',
    questionnaireVersion: 1,
    capabilities: CAPABILITY_IDS.map((capabilityId) => ({
      capabilityId,
      status: random() < 0.7 ? 'on_site' : CAPABILITY_STATUSES[Math.floor(random() * 4)]!,
      verifiedOn: '2026-06-10',
      verifiedByName: 'Dr. Bench',
      verifiedByRole: 'Chief',
      verificationMethod: 'phone',
      stale: random() < 0.1,
      // Half the ICUs say whether they manage pump failure, so the pump patient's details are judged.
      details: (capabilityId === 'neuro_icu' && random() < 0.5 ? { baclofenPumpFailure: random() < 0.6 ? 'yes' : 'no', neurosurgeryOnCall: 'yes' } : {}) as Record<string, DetailValue>,
      partner: null,
    })),
  };
}

const BENCH_CASE = {
  ...transferCaseSchema.parse({
    patient: { name: 'Maria Delgado', dateOfBirth: '1968-04-09', mrn: 'MRN-1', insurer: 'Blue Harbor Health Plan', memberId: 'BHH-1' },
    gad65: 'positive',
    stage: 'progressive',
    flags: ['plannedIvig', 'baclofenPump', 'inpatientAdmission', 'lastingDisability'],
    treatments: [{ treatment: 'baclofen', detail: '80 mg/day', response: 'partial' }],
    // The PDF bench's referring facility is unassessed ("consider"): an insurer letter then needs the physician's reason.
    transferReason: 'Two falls this week and rising rigidity despite baclofen; our facility has no neurologic ICU.',
    referringFacilityId: 1,
    physician: { name: 'Dr. Alan Reyes', credentials: 'MD', npi: '1234567893', phone: '(555) 201-4400' },
  }),
  id: 1,
  receivingFacilityId: 2,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  createdByName: 'Dr. Alan Reyes',
};

function timeMany(count: number, work: () => unknown): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

async function benchCasesAndLetters(): Promise<void> {
  const random = seededRandom(7);
  const facilities: CandidateFacility[] = Array.from({ length: 6000 }, (_, index) => ({
    facilityId: index + 1,
    name: `Facility ${index + 1}`,
    city: 'City',
    state: 'ST',
    location: { latitude: 25 + random() * 23, longitude: -124 + random() * 57, approximate: random() < 0.5 },
    profile: generatedProfile(index + 1, random),
  }));
  const needs = deriveNeeds(BENCH_CASE, '2026-11-30');
  const context = patientContext(BENCH_CASE);
  const needIds: CapabilityId[] = needs.needs.map((need) => need.capabilityId);
  const origin = { latitude: 31.2, longitude: -85.4, approximate: true };

  const ranking = timeMany(50, () => rankCandidates(needIds, facilities, origin, 1, context, undefined, CANDIDATES_SHOWN));
  const scan = timeMany(50, () =>
    facilities.filter((f) => needIds.every((id) => f.profile.capabilities.some((c) => c.capabilityId === id && c.status === 'on_site'))),
  );
  const covering = rankCandidates(needIds, facilities, origin, 1, context).filter((candidate) => candidate.covers).length;
  console.log(`\nReceiving candidates over ${facilities.length.toLocaleString()} assessed facilities, ${needIds.length} needs (${covering.toLocaleString()} cover them), 50 runs`);
  console.log(`  rankCandidates (details, distance, sort) p50 ${ms(quantile(ranking, 0.5))}   p95 ${ms(quantile(ranking, 0.95))}`);
  console.log(`  baseline: a bare filter over the same    p50 ${ms(quantile(scan, 0.5))}   p95 ${ms(quantile(scan, 0.95))}`);
  console.log('  (target: under 50 ms)');

  const referring = facilities[0]!;
  const receiving = facilities[1]!;
  const source: LetterSource = {
    transferCase: BENCH_CASE,
    needs: needs.needs,
    warnings: needs.warnings,
    recommendation: recommendTransfer(BENCH_CASE, needs.needs, referring.profile),
    referring: { facility: { id: 1, name: referring.name, city: 'Dothan', state: 'AL', phone: '' }, profile: referring.profile },
    receiving: { facility: { id: 2, name: receiving.name, city: 'Birmingham', state: 'AL', phone: '' }, profile: receiving.profile, distance: null },
    settings: { letterhead: { institution: 'Mercy County Hospital', address: '1 Mercy Way', phone: '(334) 555-0100' }, paperSize: 'letter', expiryMonths: 12 },
    date: '2026-11-23',
  };
  for (let i = 0; i < 200; i++) composeInsurerLetter(source); // warm up
  const compose = timeMany(2000, () => composeInsurerLetter(source));
  const clone = timeMany(2000, () => JSON.parse(JSON.stringify(source)));
  console.log('\nComposing the insurer letter, 2,000 runs');
  console.log(`  composeInsurerLetter                     p50 ${ms(quantile(compose, 0.5))}   p95 ${ms(quantile(compose, 0.95))}`);
  console.log(`  baseline: deep copy of its source data   p50 ${ms(quantile(clone, 0.5))}   p95 ${ms(quantile(clone, 0.95))}`);
  console.log('  (target: under 5 ms)');

  const spanish: LetterSource = { ...source, transferCase: { ...BENCH_CASE, preferredLanguage: 'es' } };
  for (let i = 0; i < 200; i++) composeFamilyLetter(spanish);
  const familyEnglish = timeMany(2000, () => composeFamilyLetter(source));
  const familySpanish = timeMany(2000, () => composeFamilyLetter(spanish));
  console.log('\nComposing the family letter, 2,000 runs each (same baseline as above)');
  console.log(`  composeFamilyLetter, English             p50 ${ms(quantile(familyEnglish, 0.5))}   p95 ${ms(quantile(familyEnglish, 0.95))}`);
  console.log(`  composeFamilyLetter, Spanish             p50 ${ms(quantile(familySpanish, 0.5))}   p95 ${ms(quantile(familySpanish, 0.95))}`);
  console.log('  (target: under 5 ms)');
}

async function benchLetterPdf(): Promise<void> {
  const folder = tempFolder();
  const core = await openCore({ dataDirectory: folder.path, appVersion: 'bench' });
  const rendererDirectory = join(__dirname, '..', 'renderer');
  const host = await startHttpHost({ calls: core.calls, rendererDirectory, host: '127.0.0.1', port: 0 });
  const { calls } = core;
  await calls.saveProfile({ name: 'Dr. Alan Reyes', role: 'physician' });
  const mercy = await calls.createFacility({ name: 'Mercy County Hospital', ccn: null, facilityType: '', ownership: '', address: '', city: 'Dothan', state: 'AL', zip: '36301', county: '', phone: '', latitude: null, longitude: null, notes: '' });
  const created = await calls.createCase({ ...BENCH_CASE, referringFacilityId: mercy.id });
  const letter = await calls.openLetterDraft({ caseId: created.id, audience: 'insurer' });
  await calls.issueLetter({ letterId: letter.id, confirmUnreviewedTranslation: false });
  const spanishCase = await calls.createCase({ ...BENCH_CASE, referringFacilityId: mercy.id, preferredLanguage: 'es' });
  const spanishLetter = await calls.openLetterDraft({ caseId: spanishCase.id, audience: 'family' });
  await calls.issueLetter({ letterId: spanishLetter.id, confirmUnreviewedTranslation: true });

  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(`${host.url}#/letters/${letter.id}`);
  await page.waitForSelector('.letter-sheet');
  await page.emulateMedia({ media: 'print' });
  const render = async () => {
    const started = performance.now();
    await page.pdf({ preferCSSPageSize: true, printBackground: true });
    return performance.now() - started;
  };
  await render();
  const letterTimes = await median(5, render);
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`${host.url}#/letters/${spanishLetter.id}`);
  await page.waitForSelector('.letter-sheet[lang="es"]');
  await page.emulateMedia({ media: 'print' });
  await render();
  const spanishTimes = await median(5, render);
  const blank = await browser.newPage();
  await blank.setContent('<p>Baseline</p>');
  await blank.pdf();
  const blankTimes = await median(5, async () => {
    const started = performance.now();
    await blank.pdf();
    return performance.now() - started;
  });
  await browser.close();
  await host.close();
  await core.close();
  folder.remove();
  console.log('\nRendering issued letters to PDF in Chromium (page.pdf), median of 5');
  console.log(`  insurer letter                           ${ms(letterTimes.median)}`);
  console.log(`  Spanish family letter                    ${ms(spanishTimes.median)}`);
  console.log(`  baseline: a one-line page                ${ms(blankTimes.median)}`);
  console.log('  (target: under 1000 ms)');
}

/** The rows the FHIR export reads, copied out by one prepared statement: its floor. */
function exportJsonBackupOfStanding(core: Core<AppDatabase>): unknown[] {
  return core.database.sqlite
    .prepare(
      `SELECT aa.* FROM assessments a JOIN assessment_answers aa ON aa.assessment_id = a.id WHERE a.state = 'finalized'`,
    )
    .all();
}

async function benchMatrix(): Promise<void> {
  const folder = tempFolder();
  // A seeded file named by TRANSFERREADY_BENCH_REGISTRY is copied, as `bench -- start` does: seeding takes minutes.
  const given = process.env.TRANSFERREADY_BENCH_REGISTRY;
  if (given) copyFileSync(given, join(folder.path, 'transferready.sqlite'));
  const core = await openCore({ dataDirectory: folder.path, appVersion: 'bench' });
  const seeded = performance.now();
  if (!given) await generateScaleData(core.database.db, { facilities: 6000, assessments: 250_000, seed: 2026 });
  const registryFrom = given ? `copied from ${given}` : `seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`;
  // Fold the seed's one huge transaction out of the WAL, as closing after `npm run seed` does.
  core.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const filter = matrixFilterSchema.parse({});
  const fhirStarted = performance.now();
  const bundleText = JSON.stringify(await exportFhirBundle(core.database.db, new Date()));
  const fhirMs = performance.now() - fhirStarted;
  const copyStarted = performance.now();
  JSON.stringify(exportJsonBackupOfStanding(core));
  const copyMs = performance.now() - copyStarted;
  const sampleRows = await capabilityMatrix(core.database, filter, '2026-11-23', 12);
  await core.calls.saveProfile({ name: 'Benchmark', role: 'quality' });
  await core.close();

  // Timed in a fresh process, as the app's core runs: not in this one, whose heap still holds the seeding.
  const query = JSON.parse(execFileSync(process.execPath, ['--expose-gc', __filename, MATRIX_QUERY_CHILD, folder.path], { encoding: 'utf8' })) as Awaited<ReturnType<typeof timeMatrixQuery>>;
  const { viaCore, baseline, joinOverAnswers } = query;

  const page = await benchMatrixPage(folder.path, sampleRows);
  const bareMemory = bareQueryPeakMemory(folder.path);
  folder.remove();
  console.log(`\nFHIR R4 export of every standing assessment (6,000) with its Organization, ${(bundleText.length / 1024 / 1024).toFixed(1)} MB`);
  console.log(`  exportFhirBundle + JSON                  ${ms(fhirMs)}`);
  console.log(`  baseline: the same answer rows as JSON    ${ms(copyMs)}`);
  console.log('  (target: under 10 s)');
  console.log(`\nCapability matrix over 6,000 facilities / 250,000 assessments (${registryFrom}), median of ${MATRIX_RUNS} in a fresh process`);
  console.log(`  capabilityMatrix through the core        ${ms(viaCore.median)}`);
  console.log(`  baseline: the hand-written SQL alone      ${ms(baseline.median)}  (facilities ⟕ standing_profiles, rows as arrays)`);
  console.log(`  for reference, the join over all answers ${ms(joinOverAnswers.median)}  (what the matrix read before standing_profiles)`);
  console.log(`  ratio ${(viaCore.median / baseline.median).toFixed(2)}× the baseline   (targets: under 100 ms, within 2×)`);
  console.log('\nMatrix page in Chromium against the serve host (a child process) on that database');
  console.log(`  first render, click on Matrix → first row ${ms(page.firstRender.median)}  (median of 5, each in a new browser context)`);
  console.log(`  baseline: the page's matrix call alone    ${ms(page.callAlone.median)}  (fetch + JSON in the same page)`);
  console.log('  (target: under 500 ms)');
  console.log(`  for reference, a load of #/matrix in a new tab of that browser context ${ms(page.coldLoad.median)}  (navigation start → first row painted; its cache holds the app's code: not the cold load of 'bench -- start', which starts each load in a new context)`);
  console.log(`  filter keystroke → rows painted           ${ms(page.keystroke.median)} median, ${ms(page.keystroke.p95)} p95 over ${page.keystroke.count} keystrokes`);
  console.log(`  baseline: filterAndSortMatrix alone       ${ms(page.filterAlone)}  (the same searches over the same rows, in Node)`);
  console.log('  (target: under 100 ms)');
  console.log('\nPeak memory (VmHWM)');
  console.log(`  the core's process (serve host, after the page loads, the searches, coverage and map calls)  ${page.hostPeakMb.toFixed(0)} MB`);
  console.log(`  baseline: a bare Node process running the hand-written matrix SQL on the same file       ${bareMemory.toFixed(0)} MB`);
  console.log('  (target for the core: under 300 MB)');
}

const MATRIX_QUERY_CHILD = '--time-matrix-query';
/** Many runs: a 6,000-row read takes tens of milliseconds and a garbage collection can double one. */
const MATRIX_RUNS = 15;

/** Each timed run starts from a clean heap, so no run pays for the garbage of the one before. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The matrix query through the core, a hand-written SQL baseline, and the old answers join. */
async function timeMatrixQuery(dataDirectory: string) {
  const core = await openCore({ dataDirectory, appVersion: 'bench' });
  const filter = matrixFilterSchema.parse({});
  await capabilityMatrix(core.database, filter, '2026-11-23', 12); // warm the page cache once
  const viaCore = await median(MATRIX_RUNS, async () => {
    collectGarbage();
    const started = performance.now();
    await capabilityMatrix(core.database, filter, '2026-11-23', 12);
    return performance.now() - started;
  });
  // The same columns as rows of values, the cheapest way better-sqlite3 hands them over.
  const handWritten = core.database.sqlite
    .prepare(
      `SELECT f.id, f.name, f.ccn, f.city, f.state, f.facility_type, f.ownership, f.zip, f.latitude, f.longitude, sp.*
         FROM facilities f
         LEFT JOIN standing_profiles sp ON sp.facility_id = f.id
        WHERE f.archived = 0
        ORDER BY lower(f.name), f.name, f.id`,
    )
    .raw(true);
  const baseline = await median(MATRIX_RUNS, async () => {
    collectGarbage();
    const started = performance.now();
    handWritten.all();
    return performance.now() - started;
  });
  // What the matrix cost before the derived table: the join over the answers themselves.
  const answersJoin = core.database.sqlite.prepare(
    `SELECT f.id, f.name, a.finalized_at, aa.capability_id, aa.status, aa.verified_on
       FROM facilities f
       LEFT JOIN assessments a ON a.facility_id = f.id AND a.state = 'finalized'
       LEFT JOIN assessment_answers aa ON aa.assessment_id = a.id
      WHERE f.archived = 0`,
  );
  const joinOverAnswers = await median(MATRIX_RUNS, async () => {
    collectGarbage();
    const started = performance.now();
    answersJoin.all();
    return performance.now() - started;
  });
  await core.close();
  return { viaCore, baseline, joinOverAnswers };
}

/**
 * Runs in the page before the app: notes when the matrix's first row (heading null), or an h1
 * holding the heading, reaches the DOM (firstRowAt), and when the frame that shows it has been
 * painted (firstRowPaintedAt: the task after the next animation frame, which runs once that
 * frame's style, layout and paint are done).
 */
function watchPaint(heading: string | null): void {
  // window.performance, not performance: the bundler would swap a bare `performance` for Node's.
  const marks = window as unknown as { firstRowAt: number; firstRowPaintedAt: number };
  const shown = () =>
    heading === null ? document.querySelector('[data-cell="0-0"]') !== null : document.querySelector('h1')?.textContent?.includes(heading) === true;
  const watch = new MutationObserver(() => {
    if (shown()) {
      marks.firstRowAt = window.performance.now();
      requestAnimationFrame(() =>
        setTimeout(() => {
          marks.firstRowPaintedAt = window.performance.now();
          // PAINTED, written out: the page gets this function's source, without the module around it.
          console.debug('transferready-bench:painted');
        }),
      );
      watch.disconnect();
    }
  });
  watch.observe(document, { childList: true, subtree: true });
}

/**
 * What watchPaint says once the frame is painted (it spells this out: an init script reaches the
 * page as source). The cold loads wait for it instead of polling the page (waitForFunction):
 * Playwright's polling runs its own script in the page every frame, beside the page's start, and
 * would be timed with it.
 */
const PAINTED = 'transferready-bench:painted';

/** The painted message is listened for before act (a click, a navigation) starts, so a quick paint is not missed. */
async function untilPainted(page: Page, act: () => Promise<unknown>): Promise<void> {
  const painted = page.waitForEvent('console', { predicate: (message) => message.text() === PAINTED, timeout: 60_000 });
  await act();
  await painted;
}

const SEARCHES = ['M', 'Me', 'Med', 'Medi', 'Med', 'Me', 'M', ''];

/** Cold loads of the matrix page, then typing into its search box, timed inside the page. */
async function benchMatrixPage(dataDirectory: string, rows: MatrixRow[]) {
  const host = await startHost(dataDirectory);
  const browser = await launchBrowser();
  try {
    const firstRenders: number[] = [];
    const coldLoads: number[] = [];
    const callTimes: number[] = [];
    const keystrokes: number[] = [];
    for (let run = 0; run < 5; run++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(watchPaint, null);
      await page.goto(`${host.url}#/facilities`);
      await page.getByRole('heading', { name: 'Facilities', level: 1 }).waitFor();
      // The matrix opened from the navigation bar, as a user does: click → first row in the DOM.
      await page.evaluate(() =>
        document.querySelector('a[href="#/matrix"]')!.addEventListener('click', () => ((window as unknown as { clickedAt: number }).clickedAt = window.performance.now()), { capture: true }),
      );
      await untilPainted(page, () => page.getByRole('link', { name: 'Matrix' }).click());
      firstRenders.push(
        await page.evaluate(() => {
          const marks = window as unknown as { firstRowAt: number; clickedAt: number };
          return marks.firstRowAt - marks.clickedAt;
        }),
      );
      const cold = await context.newPage();
      await cold.addInitScript(watchPaint, null);
      await untilPainted(cold, () => cold.goto(`${host.url}#/matrix`));
      coldLoads.push(await cold.evaluate(() => (window as unknown as { firstRowPaintedAt: number }).firstRowPaintedAt));
      await cold.close();
      callTimes.push(
        await page.evaluate(async () => {
          const started = window.performance.now();
          const response = await fetch('/api/capabilityMatrix', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
          await response.json();
          return window.performance.now() - started;
        }),
      );
      // Typing is timed once the whole matrix is in (the export is enabled then), not while its first rows stand in for it.
      await page.locator('button:enabled', { hasText: 'Export these rows to CSV' }).waitFor();
      const search = page.getByLabel('Search');
      await search.focus();
      for (const text of SEARCHES) {
        const previous = await search.inputValue();
        const key = text.length > previous.length ? text.at(-1)! : 'Backspace';
        const waiting = page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              let pressedAt = 0;
              const input = document.getElementById('matrix-search')!;
              input.addEventListener('keydown', () => (pressedAt = window.performance.now()), { once: true, capture: true });
              const grid = document.querySelector('.matrix__body')!;
              const count = document.querySelector('.matrix-count')!;
              const watch = new MutationObserver(() => {
                watch.disconnect();
                requestAnimationFrame(() => resolve(window.performance.now() - pressedAt));
              });
              watch.observe(grid, { childList: true, subtree: true, characterData: true });
              watch.observe(count, { childList: true, subtree: true, characterData: true });
            }),
        );
        await page.waitForTimeout(50);
        await page.keyboard.press(key);
        keystrokes.push(await waiting);
      }
      await context.close();
    }
    await fetchJson(host.url, 'coverageSummary', {});
    await fetchJson(host.url, 'facilityMap', { capabilities: ['plasmapheresis', 'neuro_icu'] });
    const hostPeakMb = peakMemoryMb(host.process.pid!);

    const started = performance.now();
    for (const text of SEARCHES) filterAndSortMatrix(rows, matrixFilterSchema.parse({ search: text }));
    const filterAlone = (performance.now() - started) / SEARCHES.length;
    keystrokes.sort((a, b) => a - b);
    return {
      firstRender: await median(firstRenders.length, async () => firstRenders.shift()!),
      coldLoad: await median(coldLoads.length, async () => coldLoads.shift()!),
      callAlone: await median(callTimes.length, async () => callTimes.shift()!),
      keystroke: { median: quantile(keystrokes, 0.5), p95: quantile(keystrokes, 0.95), count: keystrokes.length },
      filterAlone,
      hostPeakMb,
    };
  } finally {
    await browser.close();
    await host.stop();
  }
}

async function fetchJson(url: string, call: string, input: unknown): Promise<unknown> {
  const response = await fetch(new URL(`/api/${call}`, url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: new URL(url).origin },
    body: JSON.stringify(input),
  });
  return response.json();
}

/** VmHWM: the most resident memory the process has held since it started. */
function peakMemoryMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

function bareQueryPeakMemory(dataDirectory: string): number {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(join(dataDirectory, 'transferready.sqlite'))}, { readonly: true });
    db.prepare('SELECT f.*, sp.* FROM facilities f LEFT JOIN standing_profiles sp ON sp.facility_id = f.id WHERE f.archived = 0').all();
    process.stdout.write(String(process.resourceUsage().maxRSS));`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) / 1024;
}

const SERVE_SCRIPT = join(__dirname, '..', 'electron', 'serve.js');

interface StartRun {
  /** Process start (spawn) until the first call (getSession) is answered. */
  firstCall: number;
  /** Process start until the host says the checks and the day's backup after start are over. */
  checksDone: number;
  /** getSession round trips from the first answer until then: what a call waits while they run. */
  whileStarting: number[];
}

/** Starts the built serve host, times spawn → first answered call, then keeps calling for a while. */
async function timeStart(dataDirectory: string): Promise<StartRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [SERVE_SCRIPT, '--port', '0', '--data-dir', dataDirectory], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Open (http:\/\/\S+) in your browser/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
    });
    await fetchJson(url, 'getSession', {});
    const firstCall = performance.now() - started;
    const whileStarting: number[] = [];
    for (;;) {
      const callStarted = performance.now();
      const session = (await fetchJson(url, 'getSession', {})) as { value: { checkingStorage: boolean } };
      whileStarting.push(performance.now() - callStarted);
      if (!session.value.checkingStorage) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return { firstCall, checksDone: performance.now() - started, whileStarting: whileStarting.sort((a, b) => a - b) };
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

/** The registry the issue measures: `TRANSFERREADY_BENCH_REGISTRY` names a seeded file to copy, or one is seeded here. */
async function seededRegistry(into: string): Promise<void> {
  const given = process.env.TRANSFERREADY_BENCH_REGISTRY;
  if (given) {
    copyFileSync(given, join(into, 'transferready.sqlite'));
  } else {
    const core = await openCore({ dataDirectory: into, appVersion: 'bench' });
    await generateScaleData(core.database.db, { facilities: 6000, assessments: 250_000, seed: 2026 });
    await core.close();
  }
  const core = await openCore({ dataDirectory: into, appVersion: 'bench' });
  if (!(await core.calls.getSession({})).profile) await core.calls.saveProfile({ name: 'Benchmark', role: 'quality' });
  await core.close();
}

function removeBackups(dataDirectory: string): void {
  rmSync(join(dataDirectory, 'backups'), { recursive: true, force: true });
}

async function benchStart(): Promise<void> {
  const large = tempFolder();
  const empty = tempFolder();
  await seededRegistry(large.path);
  const megabytes = readFileSync(join(large.path, 'transferready.sqlite')).length / 1024 / 1024;
  const runs = 5;
  const largeRuns: StartRun[] = [];
  const emptyRuns: StartRun[] = [];
  // Interleaved, so both sides see the same machine; the large registry's first run is the
  // first start of the day (no daily backup yet), the others find today's backup taken.
  removeBackups(large.path);
  for (let run = 0; run < runs; run++) {
    emptyRuns.push(await timeStart(empty.path));
    largeRuns.push(await timeStart(large.path));
  }
  const backups = readdirSync(join(large.path, 'backups'));
  const dayFirst = largeRuns[0]!;
  const later = largeRuns.slice(1).map((run) => run.firstCall).sort((a, b) => a - b);
  const all = largeRuns.map((run) => run.firstCall).sort((a, b) => a - b);
  const emptyTimes = emptyRuns.map((run) => run.firstCall).sort((a, b) => a - b);
  const emptyMedian = quantile(emptyTimes, 0.5);
  const during = largeRuns.flatMap((run) => run.whileStarting).sort((a, b) => a - b);
  const emptyDuring = emptyRuns.flatMap((run) => run.whileStarting).sort((a, b) => a - b);

  console.log(`\nStart: process start → first answered call (getSession over HTTP), ${runs} runs each, interleaved`);
  console.log(`  seeded registry (${megabytes.toFixed(0)} MB), median of ${runs}     ${ms(quantile(all, 0.5))}   min ${ms(all[0]!)}   max ${ms(all.at(-1)!)}`);
  console.log(`    first start of the day (daily backup due) ${ms(dayFirst.firstCall)}`);
  console.log(`    later starts, median of ${runs - 1}              ${ms(quantile(later, 0.5))}`);
  console.log(`  baseline: empty data folder, median       ${ms(emptyMedian)}   min ${ms(emptyTimes[0]!)}   max ${ms(emptyTimes.at(-1)!)}`);
  console.log(`  ratio ${(quantile(all, 0.5) / emptyMedian).toFixed(2)}× the empty folder (day's first start ${(dayFirst.firstCall / emptyMedian).toFixed(2)}×)   (target: within 1.3×)`);
  const checks = largeRuns.map((run) => run.checksDone).sort((a, b) => a - b);
  console.log(`  checks after start over (whole-file check, then the day's backup): day's first start ${ms(dayFirst.checksDone)}, later median ${ms(quantile(checks.slice(0, -1), 0.5))}`);
  console.log(`  calls answered from the first answer until then (one every 10 ms):`);
  console.log(`    seeded registry  p50 ${ms(quantile(during, 0.5))}   p99 ${ms(quantile(during, 0.99))}   max ${ms(during.at(-1)!)}   over ${during.length} calls`);
  console.log(`    baseline: empty  p50 ${ms(quantile(emptyDuring, 0.5))}   p99 ${ms(quantile(emptyDuring, 0.99))}   max ${ms(emptyDuring.at(-1)!)}   over ${emptyDuring.length} calls`);
  console.log(`  backups folder afterwards: ${backups.join(', ') || '(empty)'}`);

  const page = await benchMatrixColdLoad(large.path);
  console.log(`\nMatrix page cold load in Chromium on that registry (navigation → first row painted), median of ${page.runs}, each in a new browser context, once the checks after start are over`);
  const kb = (loaded: { files: number; bytes: number }) => `${loaded.files} script and style files, ${(loaded.bytes / 1024).toFixed(0)} KB, loaded by then`;
  console.log(`  #/matrix                                  ${ms(page.matrix.median)}   min ${ms(page.matrix.min)}   in the DOM ${ms(page.inDom.matrix.median)}   (${kb(page.code.matrix)})`);
  const parts = page.breakdown;
  console.log(
    `    medians from navigation start: document in ${ms(parts.documentIn)}, DOM interactive ${ms(parts.domInteractive)}, start code in ${ms(parts.startCodeIn)}, first rows' data in ${ms(parts.matrixDataIn)}, first row in the DOM ${ms(parts.inDom)}, painted ${ms(parts.painted)}`,
  );
  console.log(`  baseline: #/about (no data on the page)  ${ms(page.about.median)}   min ${ms(page.about.min)}   in the DOM ${ms(page.inDom.about.median)}   (${kb(page.code.about)})`);
  console.log(`  baseline: a blank page from the same host ${ms(page.blank.median)}   min ${ms(page.blank.min)}   (Chromium's own cost of a new context: no code, no data)`);
  console.log(
    `  baseline: the same first screen as static HTML ${ms(page.firstScreen.median)}   min ${ms(page.firstScreen.min)}   (no script, no data call: what Chromium needs to show this screen on this machine, the floor for any way of drawing it)`,
  );
  console.log(`  #/matrix with Chromium's address-bar pop-ups left on (as measured before they were turned off) ${ms(page.matrixWithPopups.median)}   min ${ms(page.matrixWithPopups.min)}`);
  console.log('  (target: under 300 ms)');
  console.log(`  machine load (1, 5, 15 min): ${loadavg().map((value) => value.toFixed(2)).join(', ')} on ${cpus().length} cores`);
  large.remove();
  empty.remove();
}

/**
 * A page with nothing in it, served by the same host beside the app for the run: what a fresh
 * context costs Chromium before any of our code or data (new renderer, commit, first paint).
 */
const BLANK_PAGE = 'bench-blank.html';

/** Where the time of one cold load went, all from navigation start (the page's own Navigation and Resource Timing). */
interface LoadBreakdown {
  documentIn: number;
  domInteractive: number;
  startCodeIn: number;
  matrixDataIn: number;
  inDom: number;
  painted: number;
}

/**
 * The matrix's first screen as the app draws it, saved as a page with no script: what Chromium
 * needs to show this screen with no code and no data call, the floor for any way of drawing it.
 */
const FIRST_SCREEN_PAGE = 'bench-first-screen.html';

/**
 * The host, once the whole-file check and the day's backup are over (they run for a few seconds
 * after start): the loads time the page, not a page beside a 300 MB check (the figures above
 * say what calls wait meanwhile).
 */
async function startCheckedHost(dataDirectory: string): Promise<RunningHost> {
  const host = await startHost(dataDirectory);
  await waitForChecksAfterStart(host.url);
  return host;
}

async function benchMatrixColdLoad(dataDirectory: string) {
  const renderer = join(__dirname, '..', 'renderer');
  const blankPage = join(renderer, BLANK_PAGE);
  const firstScreenPage = join(renderer, FIRST_SCREEN_PAGE);
  // The first screen is captured from a first host, and the pages written before a second one
  // starts: sirv lists the folder, and notes each file's size, once, when it starts.
  let host = await startCheckedHost(dataDirectory);
  // The browser the tests use, with their flags: see LAUNCH_ARGS for the address-bar pop-ups.
  const browser = await launchBrowser();
  // The same Chromium with those pop-ups left on, as runs before they were turned off measured.
  const { executablePath, args } = await chosenBrowser!;
  const withPopups = await chromium.launch({ executablePath, args: args.filter((flag) => !flag.startsWith('--disable-features=WebUIOmnibox')) });
  const viewport = { width: 1400, height: 900 };
  const runs = 5;
  /** The app's own code the page had loaded when its first row (or heading) appeared. */
  const code = { matrix: { files: 0, bytes: 0 }, about: { files: 0, bytes: 0 } };
  const inDom = { matrix: [] as number[], about: [] as number[] };
  const breakdowns: LoadBreakdown[] = [];
  const load = async (
    path: string,
    heading: string | null,
    options: { loaded?: { files: number; bytes: number }; domTimes?: number[]; breakdowns?: LoadBreakdown[]; on?: typeof browser } = {},
  ) => {
    const context = await (options.on ?? browser).newContext({ viewport });
    const page = await context.newPage();
    await page.addInitScript(watchPaint, heading);
    await untilPainted(page, () => page.goto(`${host.url}${path}`));
    const [elapsed, inDomAt] = await page.evaluate(() => {
      const marks = window as unknown as { firstRowAt: number; firstRowPaintedAt: number };
      return [marks.firstRowPaintedAt, marks.firstRowAt];
    });
    options.domTimes?.push(inDomAt);
    const timing = await page.evaluate((before) => {
      const navigation = window.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = (window.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.responseEnd <= before);
      const code = resources.filter((entry) => /\.(js|css)$/.test(new URL(entry.name).pathname));
      // The page draws its first rows from this small read; the whole matrix is read after them.
      const matrix = resources.find((entry) => new URL(entry.name).pathname.endsWith('/api/capabilityMatrixFirstRows'));
      return {
        documentIn: navigation.responseEnd,
        domInteractive: navigation.domInteractive,
        startCodeIn: Math.max(0, ...code.map((entry) => entry.responseEnd)),
        matrixDataIn: matrix?.responseEnd ?? 0,
        codeSizes: code.map((entry) => entry.encodedBodySize),
      };
    }, elapsed);
    const { codeSizes, ...parts } = timing;
    if (options.loaded) Object.assign(options.loaded, { files: codeSizes.length, bytes: codeSizes.reduce((sum, size) => sum + size, 0) });
    options.breakdowns?.push({ ...parts, inDom: inDomAt, painted: elapsed });
    await context.close();
    return elapsed;
  };
  try {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.addInitScript(watchPaint, null);
    await untilPainted(page, () => page.goto(`${host.url}#/matrix`));
    const firstScreen = await page.evaluate(() => {
      // The stylesheet stays: it is the app's real CSS. The CSP goes: it forbids style attributes,
      // which the app sets from script (allowed) and the rows need for their place in the list.
      for (const element of document.querySelectorAll('script, link[rel=modulepreload], meta[http-equiv="Content-Security-Policy"]')) element.remove();
      return '<!doctype html>' + document.documentElement.outerHTML;
    });
    await context.close();
    await host.stop();
    writeFileSync(blankPage, '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>Blank</title></head><body><h1>Blank</h1></body></html>');
    writeFileSync(firstScreenPage, firstScreen);
    host = await startCheckedHost(dataDirectory);

    await load('#/matrix', null); // the host's own first matrix read, and Chromium's first start
    await load('#/matrix', null, { on: withPopups });
    // Interleaved, so every page sees the same machine.
    const times = { matrix: [] as number[], about: [] as number[], blank: [] as number[], firstScreen: [] as number[], matrixWithPopups: [] as number[] };
    for (let run = 0; run < runs; run++) {
      times.matrix.push(await load('#/matrix', null, { loaded: code.matrix, domTimes: inDom.matrix, breakdowns }));
      times.about.push(await load('#/about', 'About', { loaded: code.about, domTimes: inDom.about }));
      times.blank.push(await load(BLANK_PAGE, 'Blank'));
      times.firstScreen.push(await load(FIRST_SCREEN_PAGE, null));
      times.matrixWithPopups.push(await load('#/matrix', null, { on: withPopups }));
    }
    const summary = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { median: quantile(sorted, 0.5), min: sorted[0]! };
    };
    const medianOf = (key: keyof LoadBreakdown) => summary(breakdowns.map((entry) => entry[key])).median;
    const breakdown: LoadBreakdown = {
      documentIn: medianOf('documentIn'),
      domInteractive: medianOf('domInteractive'),
      startCodeIn: medianOf('startCodeIn'),
      matrixDataIn: medianOf('matrixDataIn'),
      inDom: medianOf('inDom'),
      painted: medianOf('painted'),
    };
    return {
      runs,
      matrix: summary(times.matrix),
      about: summary(times.about),
      blank: summary(times.blank),
      firstScreen: summary(times.firstScreen),
      matrixWithPopups: summary(times.matrixWithPopups),
      inDom: { matrix: summary(inDom.matrix), about: summary(inDom.about) },
      code,
      breakdown,
    };
  } finally {
    await withPopups.close();
    await browser.close();
    await host.stop();
    rmSync(blankPage, { force: true });
    rmSync(firstScreenPage, { force: true });
  }
}

/** The renderer as built before it read through TanStack Query and react-hook-form (issue 13), for comparison. */
const RENDERER_BEFORE_QUERY = { bytes: 1_116_698, gzip: 332_097 };

/** What a user's computer loads: the built renderer's scripts, styles and page, raw and gzipped (source maps left out). */
async function benchBundle(): Promise<void> {
  const root = join(__dirname, '..', 'renderer');
  const files: { name: string; bytes: number; gzip: number }[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(js|css|html)$/.test(entry.name)) {
        const content = readFileSync(path);
        files.push({ name: relative(root, path), bytes: content.length, gzip: gzipSync(content).length });
      }
    }
  };
  walk(root);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;
  console.log('\nRenderer bundle (out/renderer, without source maps)');
  for (const file of files.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${file.name.padEnd(44)} ${kb(file.bytes)}  gzip ${kb(file.gzip)}`);
  const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
  const gzip = files.reduce((sum, file) => sum + file.gzip, 0);
  console.log(`  total                                        ${kb(bytes)}  gzip ${kb(gzip)}`);
  console.log(`  baseline: before issue 13 (hand-written loading and forms)  ${kb(RENDERER_BEFORE_QUERY.bytes)}  gzip ${kb(RENDERER_BEFORE_QUERY.gzip)}`);
}

const BENCHES: Record<string, () => Promise<void>> = {
  start: benchStart,
  import: benchImport,
  answers: benchAnswerSaves,
  letters: benchCasesAndLetters,
  pdf: benchLetterPdf,
  matrix: benchMatrix,
  bundle: benchBundle,
  shared: () => benchSharedRegistry(seededRegistry),
  sync: () => benchReplicaSync(seededRegistry),
};

/** `npm run bench` runs them all; `npm run bench -- matrix pdf` only those named. */
async function main(): Promise<void> {
  if (process.argv[2] === MATRIX_QUERY_CHILD) {
    process.stdout.write(JSON.stringify(await timeMatrixQuery(process.argv[3]!)));
    return;
  }
  const chosen = process.argv.slice(2);
  const unknown = chosen.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}.`);
    process.exit(64);
  }
  console.log(`TransferReady benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
  for (const [name, bench] of Object.entries(BENCHES)) if (chosen.length === 0 || chosen.includes(name)) await bench();
}

void main();
