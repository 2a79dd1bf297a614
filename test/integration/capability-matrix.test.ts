import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unpackMatrix } from '../../shared/capability-matrix';
import { databaseFile } from '../../electron/core/db/connection';
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
