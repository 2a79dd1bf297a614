import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unpackMatrix } from '../../shared/capability-matrix';
import { databaseFile } from '../../electron/core/db/connection';
import { checkedAnswer } from '../support/clinical-fixtures';
import { CoreHarness } from '../support/core-harness';

let harness: CoreHarness;
beforeEach(async () => {
  harness = await new CoreHarness().open();
  await harness.value('saveProfile', { name: 'Quinn Analyst', role: 'quality' });
});
afterEach(() => harness.dispose());

/** Another host on the same registry writes through a connection of its own: the same SQLite file, or the same shared database. */
async function writeFromAnotherConnection(statement: string): Promise<void> {
  if (harness.engine === 'sqlite') {
    const other = new BetterSqlite3(databaseFile(harness.folder.path));
    try {
      other.prepare(statement).run();
    } finally {
      other.close();
    }
    return;
  }
  const other = new pg.Client({ connectionString: harness.databaseUrl! });
  await other.connect();
  try {
    await other.query(statement);
  } finally {
    await other.end();
  }
}

const names = async () => unpackMatrix(await harness.value('capabilityMatrix', {})).map((row) => row.name);

describe('the capability matrix kept between calls', () => {
  it('is sent again unchanged while nothing changed, and read afresh after a change here or from another connection', async () => {
    await harness.value('createFacility', { name: 'Harbor General' });
    const first = await harness.value('capabilityMatrix', {});
    expect(await harness.value('capabilityMatrix', {})).toBe(first);

    await harness.value('createFacility', { name: 'Lakeside Medical Center' });
    expect(await names()).toEqual(['Harbor General', 'Lakeside Medical Center']);

    await writeFromAnotherConnection("INSERT INTO facilities (name, created_at, updated_at) VALUES ('Prairie Clinic', 'x', 'x')");
    expect(await names()).toEqual(['Harbor General', 'Lakeside Medical Center', 'Prairie Clinic']);

    const { id } = await harness.value('createFacility', { name: 'Archived Hospital' });
    await harness.value('setFacilityArchived', { id, archived: true });
    expect(await names()).toEqual(['Harbor General', 'Lakeside Medical Center', 'Prairie Clinic']);
  });
});

describe("the matrix's first rows", () => {
  it('are the first rows of the whole answer under the same filter, in its order, with the count of all of them', async () => {
    for (const name of ['Prairie Clinic', 'Harbor General', 'Lakeside Medical Center', 'Bayview Hospital', 'Cedar Ridge Clinic']) {
      await harness.value('createFacility', { name, state: name.includes('Clinic') ? 'NE' : 'IL' });
    }
    const whole = unpackMatrix(await harness.value('capabilityMatrix', {}));
    const first = await harness.value('capabilityMatrixFirstRows', { firstRows: 3 });
    expect(first.total).toBe(5);
    expect(unpackMatrix(first.table)).toEqual(whole.slice(0, 3));

    const filter = { state: 'NE', sort: { column: 'name', direction: 'desc' } } as const;
    const fewer = await harness.value('capabilityMatrixFirstRows', { ...filter, firstRows: 50 });
    expect(fewer.total).toBe(2);
    expect(unpackMatrix(fewer.table).map((row) => row.name)).toEqual(['Prairie Clinic', 'Cedar Ridge Clinic']);
    expect(unpackMatrix(fewer.table)).toEqual(unpackMatrix(await harness.value('capabilityMatrix', filter)));
  });

  it('are cut from the whole answer kept for the same filter, not packed again', async () => {
    await harness.value('createFacility', { name: 'Harbor General' });
    const whole = await harness.value('capabilityMatrix', {});
    await harness.value('capabilityMatrixFirstRows', { firstRows: 1 });
    expect(await harness.value('capabilityMatrix', {})).toBe(whole);
  });

  it('are refused with a message saying how many may be asked for', async () => {
    const refused = await harness.call('capabilityMatrixFirstRows', { firstRows: 5000 });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? [] : refused.error.fields).toContainEqual(expect.objectContaining({ field: 'firstRows', message: 'Ask for at most 200 rows; read the whole matrix for more.' }));
  });
});

describe('the cached matrix and the standing profiles it shows', () => {
  const neuroIcu = async (facilityId: number) => unpackMatrix(await harness.value('capabilityMatrix', {})).find((row) => row.facilityId === facilityId)?.cells?.neuro_icu.status;

  it('stays cached while answers are saved on drafts and is read afresh when an assessment is finalized', async () => {
    const { id: facilityId } = await harness.value('createFacility', { name: 'Harbor General' });
    const draft = await harness.value('startAssessment', { facilityId });
    const before = await harness.value('capabilityMatrix', {});
    for (const capabilityId of ['plasmapheresis', 'ivig', 'rehab_therapy', 'psychiatry', 'neuro_icu', 'rehab_center'] as const) {
      await harness.value('saveAnswer', { assessmentId: draft.id, capabilityId, answer: checkedAnswer('on_site') });
    }
    // The draft's answers change nothing the matrix shows, so the same table is sent again.
    expect(await harness.value('capabilityMatrix', {})).toBe(before);

    await harness.value('finalizeAssessment', { assessmentId: draft.id });
    expect(await neuroIcu(facilityId)).toBe('on_site');

    const amendment = await harness.value('amendAssessment', { assessmentId: draft.id, reason: 'The neuro ICU closed.' });
    const amended = await harness.value('capabilityMatrix', {});
    await harness.value('saveAnswer', { assessmentId: amendment.id, capabilityId: 'neuro_icu', answer: checkedAnswer('not_available') });
    expect(await harness.value('capabilityMatrix', {})).toBe(amended);
    expect(await neuroIcu(facilityId)).toBe('on_site');
    await harness.value('finalizeAssessment', { assessmentId: amendment.id });
    expect(await neuroIcu(facilityId)).toBe('not_available');
  });

  it('is read afresh after another host finalizes or renames on the same registry', async () => {
    const { id: facilityId } = await harness.value('createFacility', { name: 'Harbor General' });
    const draft = await harness.value('startAssessment', { facilityId });
    for (const capabilityId of ['plasmapheresis', 'ivig', 'rehab_therapy', 'psychiatry', 'neuro_icu', 'rehab_center'] as const) {
      await harness.value('saveAnswer', { assessmentId: draft.id, capabilityId, answer: checkedAnswer('on_site') });
    }
    // A facility never assessed has no cells yet.
    expect(await neuroIcu(facilityId)).toBeUndefined();

    await writeFromAnotherConnection(`UPDATE assessments SET state = 'finalized', finalized_at = '2026-03-04T10:00:00.000Z' WHERE id = ${draft.id}`);
    expect(await neuroIcu(facilityId)).toBe('on_site');

    await writeFromAnotherConnection(`UPDATE facilities SET name = 'Harbor General Hospital' WHERE id = ${facilityId}`);
    expect(await names()).toEqual(['Harbor General Hospital']);
  });

  it('is worked out once for callers asking at the same moment', async () => {
    await harness.value('createFacility', { name: 'Harbor General' });
    const [first, second, third] = await Promise.all([1, 2, 3].map(() => harness.value('capabilityMatrix', {})));
    expect(second).toBe(first);
    expect(third).toBe(first);
  });
});
