import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packMatrix, unpackMatrix } from '../../shared/capability-matrix';
import { matrixFilterSchema } from '../../shared/matrix-filter';
import { summarizeCoverage } from '../../shared/coverage';
import { CAPABILITY_IDS } from '../../shared/questionnaire';
import { capabilityMatrix, EVERY_FACILITY, loadMatrixRows } from '../../electron/core/capability-matrix';
import { checkedAnswer } from '../support/clinical-fixtures';
import { CoreHarness, TEST_ENGINE } from '../support/core-harness';

/**
 * The matrix is kept between calls and patched from the change feed (keptStandingRows). Whatever
 * happens to the registry, through the contract or behind it, what it sends must equal a whole
 * read of the database made at that moment.
 */
let harness: CoreHarness;
beforeEach(async () => {
  harness = await new CoreHarness().open();
  await harness.value('saveProfile', { name: 'Quinn Analyst', role: 'quality' });
});
afterEach(() => harness.dispose());

type Status = 'on_site' | 'not_available' | 'unknown';

const NAMES = ['Harbor General', 'harbor general', 'Lakeside Medical Center', 'Prairie Clinic', 'Zion Memorial', 'Apex Rehabilitation', 'Mercy'];

const step = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), name: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), name: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant('archive' as const), pick: fc.nat(), archived: fc.boolean() }),
  fc.record({
    kind: fc.constant('finalize' as const),
    pick: fc.nat(),
    statuses: fc.array(fc.constantFrom<Status>('on_site', 'not_available', 'unknown'), { minLength: 6, maxLength: 6 }),
    verifiedOn: fc.constantFrom('2026-02-20', '2024-01-10'),
  }),
  fc.record({ kind: fc.constant('draftSave' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('renameBehind' as const), pick: fc.nat(), name: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant('deleteBehind' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('swapBehind' as const), pick: fc.nat(), name: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant('profileBehind' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('insertAroundFeed' as const), name: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant('expiry' as const), months: fc.constantFrom(6, 12, 24) }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

async function facilityIds(): Promise<number[]> {
  return (await harness.rows<{ id: number }>('SELECT id FROM facilities ORDER BY id')).map((row) => Number(row.id));
}

async function withoutFacilityFeedTrigger(work: () => Promise<unknown>): Promise<void> {
  if (harness.engine === 'postgresql') {
    await harness.rows('ALTER TABLE facilities DISABLE TRIGGER registry_changes_facility');
    await work();
    await harness.rows('ALTER TABLE facilities ENABLE TRIGGER registry_changes_facility');
    return;
  }
  const [trigger] = await harness.rows<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'registry_changes_facility_added'");
  await harness.rows('DROP TRIGGER registry_changes_facility_added');
  await work();
  harness.sqlite.exec(trigger!.sql);
}

async function perform(action: Step): Promise<void> {
  const ids = await facilityIds();
  const chosen = 'pick' in action && ids.length > 0 ? ids[action.pick % ids.length]! : null;
  switch (action.kind) {
    case 'create':
      await harness.value('createFacility', { name: action.name });
      return;
    case 'rename':
      if (chosen !== null) await harness.value('renameFacility', { id: chosen, name: action.name });
      return;
    case 'archive':
      if (chosen !== null) await harness.value('setFacilityArchived', { id: chosen, archived: action.archived });
      return;
    case 'finalize': {
      if (chosen === null) return;
      const overview = await harness.value('getFacilityOverview', { facilityId: chosen });
      if (overview.facility.archived) return;
      const draft =
        overview.draft ??
        (overview.profile ? await harness.value('amendAssessment', { assessmentId: overview.profile.assessmentId, reason: 'Yearly review.' }) : await harness.value('startAssessment', { facilityId: chosen }));
      for (const [index, capabilityId] of CAPABILITY_IDS.entries()) {
        await harness.value('saveAnswer', { assessmentId: draft.id, capabilityId, answer: checkedAnswer(action.statuses[index]!, { verifiedOn: action.verifiedOn }) });
      }
      await harness.value('finalizeAssessment', { assessmentId: draft.id });
      return;
    }
    case 'draftSave': {
      if (chosen === null) return;
      const overview = await harness.value('getFacilityOverview', { facilityId: chosen });
      if (overview.facility.archived) return;
      const draft = overview.draft ?? (overview.profile ? null : await harness.value('startAssessment', { facilityId: chosen }));
      if (draft) await harness.value('saveAnswer', { assessmentId: draft.id, capabilityId: 'neuro_icu', answer: checkedAnswer('on_site') });
      return;
    }
    case 'renameBehind':
      // Another host on the same registry, or a database administrator: the triggers still note it.
      if (chosen !== null) await harness.rows('UPDATE facilities SET name = ? WHERE id = ?', action.name, chosen);
      return;
    case 'deleteBehind':
    case 'swapBehind':
      // No trigger notes a deletion (a desktop's replica rebuild deletes facilities the server no
      // longer has): only one nothing else names can go. A swap brings another in before the next
      // read, so as many are active as before.
      if (chosen !== null && (await harness.rows('SELECT id FROM assessments WHERE facility_id = ?', chosen)).length === 0) {
        await harness.rows('DELETE FROM facilities WHERE id = ?', chosen);
        if (action.kind === 'swapBehind') await harness.rows("INSERT INTO facilities (name, created_at, updated_at) VALUES (?, 'x', 'x')", action.name);
      }
      return;
    case 'profileBehind':
      // A standing profile changed with no assessment behind it, which no feed trigger notes
      // (a restore with triggers disabled, a hand at a SQL console).
      if (chosen !== null) await harness.rows("UPDATE standing_profiles SET neuro_icu_status = 'not_available' WHERE facility_id = ?", chosen);
      return;
    case 'insertAroundFeed':
      // A facility added with the feed's trigger off, as a restore with triggers disabled does,
      // then one the feed notes, so the feed has moved too.
      await withoutFacilityFeedTrigger(() => harness.rows("INSERT INTO facilities (name, created_at, updated_at) VALUES (?, 'x', 'x')", action.name));
      await harness.value('createFacility', { name: action.name });
      return;
    case 'expiry': {
      const { settings } = await harness.value('getSession', {});
      await harness.value('saveSettings', { ...settings, expiryMonths: action.months });
      return;
    }
  }
}

async function wholeRead() {
  const { settings, today } = await harness.value('getSession', {});
  return {
    matrix: unpackMatrix(packMatrix(await capabilityMatrix(harness.core.database, matrixFilterSchema.parse({}), today, settings.expiryMonths))),
    coverage: summarizeCoverage(await loadMatrixRows(harness.core.database, EVERY_FACILITY, today, settings.expiryMonths)),
  };
}

describe('the matrix kept between calls and patched from the change feed', () => {
  it('always equals a whole read of the registry, whatever changed and however', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        for (const action of steps) {
          await perform(action);
          const expected = await wholeRead();
          expect(unpackMatrix(await harness.value('capabilityMatrix', {}))).toEqual(expected.matrix);
          expect(await harness.value('coverageSummary', {})).toEqual(expected.coverage);
        }
      }),
      { numRuns: 12 },
    );
  });

  // The shared registry is restored from a terminal into a new database, never under a running core.
  if (TEST_ENGINE === 'sqlite') it('follows a registry restored from a backup: a new feed, read whole', async () => {
    const { id } = await harness.value('createFacility', { name: 'Harbor General' });
    const backup = await harness.value('exportJsonBackup', {});
    await harness.value('renameFacility', { id, name: 'Harbor General Hospital' });
    expect(unpackMatrix(await harness.value('capabilityMatrix', {})).map((row) => row.name)).toEqual(['Harbor General Hospital']);
    await harness.value('restoreJsonBackup', { json: backup.json });
    expect(unpackMatrix(await harness.value('capabilityMatrix', {})).map((row) => row.name)).toEqual(['Harbor General']);
  });
});
