import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FeedAnswer, FeedAssessment, FeedChange, FeedFacility, FeedPage } from '../../shared/registry-feed';
import { REBUILD_REGISTRY_CHANGES_POSTGRESQL, REBUILD_REGISTRY_CHANGES_SQLITE } from './db/migrations';
import type { RegistryDatabase } from './db/registry-database';
import type { DatabaseSchema } from './db/schema';
import { sql } from 'kysely';

/**
 * One page of the change feed: the facilities and people changed after `after`, each as it
 * stands now, read in one transaction so the page is one consistent state of the registry.
 * The sequence numbers are handed out in commit order (see migration 009), so a desktop that
 * moves its cursor to the page's end has seen everything up to there.
 */
export async function readRegistryChanges(database: RegistryDatabase, after: number, limit: number): Promise<FeedPage> {
  return database.db.transaction().execute(async (trx) => {
    const feed = await trx.selectFrom('registry_feed').select(['registry_id', 'feed_id']).executeTakeFirstOrThrow();
    const head = Number((await trx.selectFrom('registry_changes').select((eb) => eb.fn.max('seq').as('head')).executeTakeFirst())?.head ?? 0);
    const rows = await trx.selectFrom('registry_changes').selectAll().where('seq', '>', after).orderBy('seq').limit(limit).execute();
    const facilityIds = rows.filter((row) => row.entity_type === 'facility').map((row) => row.entity_id);
    const personIds = rows.filter((row) => row.entity_type === 'person').map((row) => row.entity_id);
    const [facilities, standing, people] = await Promise.all([facilitiesById(trx, facilityIds), standingByFacility(trx, facilityIds), peopleById(trx, personIds)]);

    const changes: FeedChange[] = [];
    for (const row of rows) {
      const seq = Number(row.seq);
      if (row.entity_type === 'facility') {
        const facility = facilities.get(row.entity_id);
        // A facility is never deleted; a row without one would be a broken registry, not a change.
        if (facility) changes.push({ seq, kind: 'facility', facility, standing: standing.get(row.entity_id) ?? null });
      } else {
        const person = people.get(row.entity_id);
        if (person) changes.push({ seq, kind: 'person', ...person });
      }
    }
    const to = rows.length > 0 ? Number(rows[rows.length - 1]!.seq) : Math.min(after, head);
    return { registryId: feed.registry_id, feedId: feed.feed_id, from: after, to, head, changes };
  });
}

type Reader = Kysely<DatabaseSchema>;

async function facilitiesById(trx: Reader, ids: number[]): Promise<Map<number, FeedFacility>> {
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom('facilities').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, { ...row, archived: row.archived ? 1 : 0 } as FeedFacility]));
}

async function standingByFacility(trx: Reader, facilityIds: number[]): Promise<Map<number, { assessment: FeedAssessment; answers: FeedAnswer[] }>> {
  if (facilityIds.length === 0) return new Map();
  const assessments = await trx.selectFrom('assessments').selectAll().where('facility_id', 'in', facilityIds).where('state', '=', 'finalized').execute();
  if (assessments.length === 0) return new Map();
  const answers = await trx
    .selectFrom('assessment_answers')
    .selectAll()
    .where(
      'assessment_id',
      'in',
      assessments.map((assessment) => assessment.id),
    )
    .orderBy('assessment_id')
    .orderBy('capability_id')
    .execute();
  const byAssessment = new Map<number, FeedAnswer[]>();
  for (const answer of answers) {
    const list = byAssessment.get(answer.assessment_id) ?? [];
    list.push(answer as FeedAnswer);
    byAssessment.set(answer.assessment_id, list);
  }
  return new Map(
    assessments.map((assessment) => [
      assessment.facility_id,
      { assessment: { ...assessment, superseded_at: null } as FeedAssessment, answers: byAssessment.get(assessment.id) ?? [] },
    ]),
  );
}

async function peopleById(trx: Reader, ids: number[]) {
  const people = new Map<number, Pick<Extract<FeedChange, { kind: 'person' }>, 'person' | 'grants'>>();
  if (ids.length === 0) return people;
  const users = await trx.selectFrom('users').select(['id', 'email', 'display_name']).where('id', 'in', ids).execute();
  const grants = await trx.selectFrom('role_grants').select(['user_id', 'role', 'facility_id']).where('user_id', 'in', ids).orderBy('id').execute();
  for (const user of users) people.set(user.id, { person: user, grants: [] });
  for (const grant of grants) people.get(grant.user_id)?.grants.push({ role: grant.role, facility_id: grant.facility_id });
  return people;
}

/**
 * After a restore the registry is an earlier one: every entity gets a new number in a new run
 * of the feed, so each desktop sees a feed id it does not know and rebuilds its copy.
 */
export async function restartRegistryFeed(database: RegistryDatabase): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    const rebuild = database.backend === 'postgresql' ? REBUILD_REGISTRY_CHANGES_POSTGRESQL : REBUILD_REGISTRY_CHANGES_SQLITE;
    // One statement at a time: neither driver runs a script through the query builder.
    for (const statement of rebuild.split(/;\s*\n/)) if (statement.trim()) await sql.raw(statement).execute(trx);
    await trx.updateTable('registry_feed').set({ feed_id: randomUUID().replaceAll('-', '') }).execute();
  });
}
