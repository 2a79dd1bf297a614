import type BetterSqlite3 from 'better-sqlite3';
import type { FeedAssessment, FeedChange, FeedFacility } from '../../../shared/registry-feed';
import { LOCAL_DRAFT_ID_FLOOR } from '../assessments';
import type { AppDatabase } from '../db/connection';
import { FROZEN_ANSWER_TRIGGERS, withTriggersLifted } from '../db/lifted-triggers';

/**
 * Writes pages of the shared registry's change feed into a desktop's SQLite file. The replica
 * lives in the registry's own tables, under the server's ids, so every page that reads the
 * registry (matrix, facilities, case candidates, letters) reads it unchanged, offline too.
 * Finalized assessments arrive whole: the frozen-answer triggers are lifted for the page's own
 * transaction (an assessor's draft here may be open for the same facility, so they cannot pass
 * through a draft), and the standing profile is derived by the same view the triggers use.
 */

export interface ReplicaProgress {
  registryId: string;
  feedId: string;
  cursor: number;
  /** Set when the replica reached the registry's latest change. */
  pulledAt: string | null;
}

const FACILITY_COLUMNS = [
  'id', 'ccn', 'name', 'facility_type', 'ownership', 'address', 'city', 'state', 'zip', 'county', 'phone',
  'latitude', 'longitude', 'notes', 'archived', 'created_at', 'updated_at',
] as const satisfies readonly (keyof FeedFacility)[];
const ASSESSMENT_COLUMNS = [
  'id', 'facility_id', 'questionnaire_id', 'questionnaire_version', 'revision', 'amends_id', 'amendment_reason',
  'assessor_name', 'assessor_role', 'created_at', 'updated_at',
] as const satisfies readonly (keyof FeedAssessment)[];
const ANSWER_COLUMNS = [
  'assessment_id', 'capability_id', 'status', 'details_json', 'partner_json', 'evidence', 'verified_by_name',
  'verified_by_role', 'verification_method', 'verified_on', 'updated_at',
] as const;

/** Runs `work` as one SQLite transaction while no other call can use the connection. */
function inOneTransaction<T>(database: AppDatabase, work: (sqlite: BetterSqlite3.Database) => T): Promise<T> {
  return database.db.connection().execute(async () => database.sqlite.transaction(() => work(database.sqlite))());
}

function statements(sqlite: BetterSqlite3.Database) {
  const prepare = (text: string) => sqlite.prepare(text);
  return {
    upsertFacility: prepare(
      `INSERT INTO facilities (${FACILITY_COLUMNS.join(', ')}) VALUES (${FACILITY_COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${FACILITY_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`,
    ),
    assessmentState: prepare('SELECT state FROM assessments WHERE id = ?').pluck(),
    standingOf: prepare("SELECT id FROM assessments WHERE facility_id = ? AND state = 'finalized'").pluck(),
    supersede: prepare("UPDATE assessments SET state = 'superseded', superseded_at = @at, updated_at = @at WHERE id = @id"),
    insertFinalized: prepare(
      `INSERT INTO assessments (${ASSESSMENT_COLUMNS.join(', ')}, state, finalized_at) VALUES (${ASSESSMENT_COLUMNS.map((c) => `@${c}`).join(', ')}, 'finalized', @finalized_at)`,
    ),
    insertAnswer: prepare(`INSERT INTO assessment_answers (${ANSWER_COLUMNS.join(', ')}) VALUES (${ANSWER_COLUMNS.map((c) => `@${c}`).join(', ')})`),
    deriveStanding: prepare('INSERT OR REPLACE INTO standing_profiles SELECT * FROM standing_profile_source WHERE assessment_id = ?'),
    exists: prepare('SELECT 1 FROM assessments WHERE id = ?').pluck(),
    upsertPerson: prepare(
      `INSERT INTO replica_people (id, email, display_name, grants_json) VALUES (@id, @email, @display_name, @grants_json)
       ON CONFLICT (id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name, grants_json = excluded.grants_json`,
    ),
    advance: prepare(
      `UPDATE replica_link SET registry_id = @registryId, feed_id = @feedId, cursor = @cursor,
              last_pulled_at = coalesce(@pulledAt, last_pulled_at), last_problem = NULL`,
    ),
  };
}

type Statements = ReturnType<typeof statements>;
const prepared = new WeakMap<BetterSqlite3.Database, Statements>();
function statementsFor(sqlite: BetterSqlite3.Database): Statements {
  let found = prepared.get(sqlite);
  if (!found) prepared.set(sqlite, (found = statements(sqlite)));
  return found;
}

function applyChange(run: Statements, change: FeedChange, at: string): void {
  if (change.kind === 'person') {
    run.upsertPerson.run({ ...change.person, grants_json: JSON.stringify(change.grants) });
    return;
  }
  run.upsertFacility.run(change.facility);
  const standingHere = run.standingOf.get(change.facility.id) as number | undefined;
  const standing = change.standing;
  if (!standing) {
    if (standingHere !== undefined) run.supersede.run({ id: standingHere, at });
    return;
  }
  const { assessment, answers } = standing;
  // Finalized assessments never change: one already here is this one, as it was.
  if (run.assessmentState.get(assessment.id) !== undefined) return;
  if (standingHere !== undefined) run.supersede.run({ id: standingHere, at: assessment.finalized_at });
  // The replica keeps standing assessments, not every earlier revision: a link to one it
  // never held is left out rather than pointing at nothing.
  const amends = assessment.amends_id !== null && run.exists.get(assessment.amends_id) !== undefined ? assessment.amends_id : null;
  run.insertFinalized.run({ ...assessment, amends_id: amends });
  for (const answer of answers) run.insertAnswer.run(answer);
  run.deriveStanding.run(assessment.id);
}

/** Applies one page and moves the cursor to its end, all or nothing. */
export function applyFeedChanges(database: AppDatabase, changes: readonly FeedChange[], progress: ReplicaProgress, at: Date): Promise<void> {
  const stamp = at.toISOString();
  return inOneTransaction(database, (sqlite) =>
    withTriggersLifted(sqlite, [FROZEN_ANSWER_TRIGGERS], () => {
      const run = statementsFor(sqlite);
      for (const change of changes) applyChange(run, change, stamp);
      run.advance.run(progress);
    }),
  );
}

/**
 * Starts the replica again from a whole new copy of the feed (the server was restored to an
 * earlier state): the registry rows are replaced in one transaction, and the desktop's own
 * transfer cases, letters, drafts and outbox stay. A facility the server no longer has but
 * something here names is kept, archived, so the case or draft still reads; any other is removed.
 */
export function rebuildReplica(database: AppDatabase, changes: readonly FeedChange[], progress: ReplicaProgress, at: Date): Promise<void> {
  const stamp = at.toISOString();
  return inOneTransaction(database, (sqlite) =>
    withTriggersLifted(sqlite, [FROZEN_ANSWER_TRIGGERS], () => {
      // The registry's rows go; an assessor's drafts here (and what their outbox holds) stay.
      sqlite.prepare('DELETE FROM standing_profiles').run();
      sqlite.prepare('DELETE FROM assessment_answers WHERE assessment_id < ?').run(LOCAL_DRAFT_ID_FLOOR);
      sqlite.prepare('DELETE FROM assessments WHERE id < ?').run(LOCAL_DRAFT_ID_FLOOR);
      sqlite.prepare('DELETE FROM replica_people').run();

      const run = statementsFor(sqlite);
      for (const change of changes) applyChange(run, change, stamp);
      const kept = new Set(changes.flatMap((change) => (change.kind === 'facility' ? [change.facility.id] : [])));
      const local = sqlite
        .prepare(
          `SELECT f.id, EXISTS (SELECT 1 FROM transfer_cases c WHERE c.referring_facility_id = f.id OR c.receiving_facility_id = f.id)
                   OR EXISTS (SELECT 1 FROM role_grants g WHERE g.facility_id = f.id)
                   OR EXISTS (SELECT 1 FROM assessments a WHERE a.facility_id = f.id) AS referenced
             FROM facilities f`,
        )
        .raw(true)
        .all() as [number, number][];
      const archive = sqlite.prepare('UPDATE facilities SET archived = 1, updated_at = ? WHERE id = ?');
      const remove = sqlite.prepare('DELETE FROM facilities WHERE id = ?');
      for (const [id, referenced] of local) {
        if (kept.has(id)) continue;
        if (referenced) archive.run(stamp, id);
        else remove.run(id);
      }
      run.advance.run(progress);
    }),
  );
}
