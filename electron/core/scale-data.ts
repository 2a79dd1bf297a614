// Generated, realistic registries for demos, end-to-end tests and benchmarks
// (`npm run seed -- --facilities 6000 --assessments 250000`). Deterministic for a given seed.
import type { Kysely } from 'kysely';
import type { DetailValue } from '../../shared/assessment';
import { CAPABILITY_IDS, CURRENT_QUESTIONNAIRE, DEFAULT_START_WITHIN_DAYS, capabilityQuestion, type CapabilityId, type CapabilityStatus } from '../../shared/questionnaire';
import { isUsStateCode } from '../../shared/us-states';
import type { DatabaseSchema } from './db/schema';

/** Small, seeded PRNG (mulberry32): the same seed always builds the same registry. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['Regional Medical Center', 'General Hospital', 'University Hospital', 'Community Hospital', 'Memorial Hospital', 'Medical Center', "Children's Hospital", 'Rehabilitation Hospital', 'Critical Access Hospital'];
const TYPES = ['Acute Care Hospitals', 'Critical Access Hospitals', 'Psychiatric', 'Childrens', 'Acute Care - Veterans Administration'];
const OWNERSHIP = ['Voluntary non-profit - Private', 'Government - Hospital District or Authority', 'Proprietary', 'Government - State', 'Voluntary non-profit - Church'];

interface Place {
  zip: string;
  city: string;
  state: string;
  latitude: number;
  longitude: number;
}

function usPlaces(): Place[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { codes } = require('zipcodes') as { codes: Record<string, Place & { country: string }> };
  return Object.values(codes).filter((place) => place.country === 'US' && isUsStateCode(place.state) && /^\d{5}$/.test(place.zip));
}

export interface ScaleDataOptions {
  facilities: number;
  assessments: number;
  seed?: number;
  /** "Today" for the generated dates; assessments spread over the ten years before it. */
  today?: Date;
}

export interface ScaleDataSummary {
  facilities: number;
  assessments: number;
  answers: number;
}

const BATCH = 400;

/** Assessments finalized before this many years ago predate the structured details and leave them empty. */
const DETAILS_SINCE_YEARS = 4;

/**
 * Structured details for an offered capability, mostly in its favour: about one answer in twenty
 * is against it and one in fifty "not sure", so the matrix and the map have limited cells to show.
 */
function generatedDetails(capabilityId: CapabilityId, random: () => number): string {
  const details: Record<string, DetailValue> = {};
  for (const detail of capabilityQuestion(CURRENT_QUESTIONNAIRE, capabilityId).details) {
    const roll = random();
    if (detail.kind === 'days') {
      details[detail.id] = roll < 0.02 ? 'unknown' : roll < 0.05 ? DEFAULT_START_WITHIN_DAYS + 1 + Math.floor(random() * 7) : 1 + Math.floor(random() * 5);
    } else {
      details[detail.id] = roll < 0.02 ? 'unknown' : roll < 0.05 ? (detail.favourable === 'yes' ? 'no' : 'yes') : detail.favourable;
    }
  }
  return JSON.stringify(details);
}

async function insertBatched<T extends keyof DatabaseSchema & string>(db: Kysely<DatabaseSchema>, table: T, rows: object[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    await db.insertInto(table).values(rows.slice(start, start + BATCH) as never).execute();
  }
}

/**
 * Adds facilities with assessment histories: each facility's revisions spread over ten years,
 * the last one finalized and the rest superseded, with status mixes that depend on the kind of
 * hospital (university centers cover more on site than critical-access hospitals).
 */
export async function generateScaleData(db: Kysely<DatabaseSchema>, options: ScaleDataOptions): Promise<ScaleDataSummary> {
  const random = seededRandom(options.seed ?? 2026);
  // A stream of its own, so a seed builds the same facilities and statuses it did before details were generated.
  const detailRandom = seededRandom((options.seed ?? 2026) ^ 0x5eed_d37a);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const places = usPlaces();
  const today = options.today ?? new Date();
  const tenYears = 10 * 365.25 * 24 * 3600 * 1000;
  const detailsSince = today.getTime() - DETAILS_SINCE_YEARS * 365.25 * 86_400_000;
  const stamp = today.toISOString();
  const existing = Number((await db.selectFrom('facilities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  let answers = 0;
  await db.transaction().execute(async (trx) => {
    const facilityRows = Array.from({ length: options.facilities }, (_, index) => {
      const place = pick(places);
      const name = `${place.city} ${pick(NAMES)}`;
      const exact = random() < 0.5;
      return {
        ccn: `S${String(existing + index + 1).padStart(5, '0')}`,
        name: name.length > 190 ? name.slice(0, 190) : `${name} ${existing + index + 1}`,
        facility_type: name.includes('Critical') ? 'Critical Access Hospitals' : pick(TYPES),
        ownership: pick(OWNERSHIP),
        address: `${100 + Math.floor(random() * 9000)} ${pick(['Main', 'Oak', 'Hospital', 'Medical Center'])} ${pick(['St', 'Ave', 'Dr', 'Blvd'])}`,
        city: place.city,
        state: place.state,
        zip: place.zip,
        county: '',
        phone: `(${200 + Math.floor(random() * 700)}) ${String(Math.floor(random() * 1000)).padStart(3, '0')}-${String(Math.floor(random() * 10000)).padStart(4, '0')}`,
        latitude: exact ? place.latitude + (random() - 0.5) * 0.02 : null,
        longitude: exact ? place.longitude + (random() - 0.5) * 0.02 : null,
        notes: '',
        created_at: stamp,
        updated_at: stamp,
      };
    });
    await insertBatched(trx, 'facilities', facilityRows);
    const ids = (await trx.selectFrom('facilities').select(['id', 'name']).orderBy('id', 'desc').limit(options.facilities).execute()).reverse();

    // Spread the assessments: every facility gets at least one when there are enough.
    const perFacility = ids.map(() => 0);
    for (let i = 0; i < options.assessments; i++) perFacility[i < ids.length ? i : Math.floor(random() * ids.length)]! += 1;

    // Plan every revision first, then write them in waves, one revision per facility at a time:
    // each wave goes in as drafts, gets its answers, then is finalized or superseded, the same
    // path the app takes (finalized answers are frozen by trigger).
    interface PlannedRevision {
      facilityId: number;
      revision: number;
      last: boolean;
      finalizedAt: Date;
      supersededAt: Date | null;
      statuses: CapabilityStatus[];
    }
    const waves: PlannedRevision[][] = [];
    for (const [index, facility] of ids.entries()) {
      const revisions = perFacility[index]!;
      const strength = facility.name.includes('University') ? 0.85 : facility.name.includes('Critical') ? 0.25 : 0.55;
      // A fifth of the facilities stopped being reassessed one to three years ago: stale evidence.
      const end = random() < 0.2 ? today.getTime() - (1 + 2 * random()) * 365.25 * 86_400_000 : today.getTime();
      const start = end - (end - (today.getTime() - tenYears)) * random();
      const step = (end - start) / Math.max(revisions, 1);
      let statuses: CapabilityStatus[] = CAPABILITY_IDS.map(() => 'unknown');
      for (let revision = 1; revision <= revisions; revision++) {
        statuses = statuses.map((status) => {
          if (revision > 1 && random() < 0.7) return status;
          const roll = random();
          return roll < strength ? 'on_site' : roll < strength + 0.2 ? 'via_partner' : roll < strength + 0.35 ? 'not_available' : 'unknown';
        });
        const finalizedAt = new Date(start + step * revision - random() * step * 0.5);
        const last = revision === revisions;
        (waves[revision - 1] ??= []).push({
          facilityId: facility.id,
          revision,
          last,
          finalizedAt,
          supersededAt: last ? null : new Date(finalizedAt.getTime() + step * 0.5),
          statuses,
        });
      }
    }

    const previous = new Map<number, number>();
    for (const wave of waves) {
      const created: { id: number; plan: PlannedRevision }[] = [];
      for (let start = 0; start < wave.length; start += BATCH) {
        const slice = wave.slice(start, start + BATCH);
        const rows = await trx
          .insertInto('assessments')
          .values(
            slice.map((plan) => {
              const iso = plan.finalizedAt.toISOString();
              return {
                facility_id: plan.facilityId,
                questionnaire_id: 'sps-transfer',
                questionnaire_version: 1,
                state: 'draft' as const,
                revision: plan.revision,
                amends_id: previous.get(plan.facilityId) ?? null,
                amendment_reason: plan.revision > 1 ? pick(['Annual review', 'New service opened', 'Partner agreement changed', 'Staffing change']) : null,
                assessor_name: pick(['Dana Whitfield', 'Luis Moreno', 'Grace Okafor', 'Priya Shah']),
                assessor_role: 'administrator',
                created_at: iso,
                updated_at: iso,
                finalized_at: iso,
                superseded_at: plan.supersededAt?.toISOString() ?? null,
              };
            }),
          )
          .returning('id')
          .execute();
        rows.forEach((row, offset) => created.push({ id: row.id, plan: slice[offset]! }));
      }
      const answerRows = created.flatMap(({ id, plan }) =>
        CAPABILITY_IDS.map((capabilityId, capabilityIndex) => {
          const status = plan.statuses[capabilityIndex]!;
          const known = status !== 'unknown';
          const offered = status === 'on_site' || status === 'via_partner';
          return {
            assessment_id: id,
            capability_id: capabilityId,
            status,
            details_json: offered && plan.finalizedAt.getTime() >= detailsSince ? generatedDetails(capabilityId, detailRandom) : '{}',
            evidence: known ? 'Confirmed with the department.' : '',
            verified_by_name: known ? pick(['Dr. Lena Ortiz', 'Dr. Samuel Greene', 'Nurse manager K. Ito', 'Dr. Amara Bello']) : '',
            verified_by_role: known ? 'Department lead' : '',
            verification_method: known ? pick(['phone', 'site_visit', 'document', 'email']) : null,
            verified_on: known ? new Date(plan.finalizedAt.getTime() - random() * 30 * 86400000).toISOString().slice(0, 10) : null,
            updated_at: plan.finalizedAt.toISOString(),
          };
        }),
      );
      await insertBatched(trx, 'assessment_answers', answerRows);
      answers += answerRows.length;
      // Set-based, a wave at a time: the previous revisions are retired first (one standing
      // finalized assessment per facility), then this wave is finalized. Row-by-row updates
      // would recompile the standing-profile triggers for each of 250,000 statements.
      const priors = created.flatMap(({ plan }) => (previous.has(plan.facilityId) ? [previous.get(plan.facilityId)!] : []));
      for (let start = 0; start < priors.length; start += BATCH) {
        await trx.updateTable('assessments').set({ state: 'superseded' }).where('id', 'in', priors.slice(start, start + BATCH)).execute();
      }
      for (let start = 0; start < created.length; start += BATCH) {
        await trx
          .updateTable('assessments')
          .set({ state: 'finalized' })
          .where('id', 'in', created.slice(start, start + BATCH).map(({ id }) => id))
          .execute();
      }
      for (const { id, plan } of created) previous.set(plan.facilityId, id);
    }
  });
  return { facilities: options.facilities, assessments: options.assessments, answers };
}
