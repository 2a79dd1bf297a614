import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Facility } from '../../shared/facility';
import { CoreHarness } from '../support/core-harness';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', name), 'utf8');

let harness: CoreHarness;
beforeEach(async () => {
  harness = await new CoreHarness().open();
  await harness.value('saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
});
afterEach(() => harness.dispose());

async function allFacilities(): Promise<Facility[]> {
  return (await harness.value('listFacilities', { includeArchived: true })).items;
}

describe('importing the older CMS file (BOM, CRLF, quoted commas, blank lines, duplicates, bad rows)', () => {
  it('previews without writing anything', async () => {
    const preview = await harness.value('previewFacilityImport', { csv: fixture('cms-hospital-general-older.csv') });
    expect(preview.format).toBe('cms-older');
    expect(preview.added).toBe(4);
    expect(await allFacilities()).toEqual([]);
  });

  it('imports the valid rows, keeps leading zeros, and lists each rejected row with its line and reason', async () => {
    const summary = await harness.value('importFacilities', { csv: fixture('cms-hospital-general-older.csv') });
    expect(summary).toMatchObject({ format: 'cms-older', added: 4, updated: 0, unchanged: 0 });
    expect(summary.rejected.map((row) => row.line)).toEqual([7, 8, 9, 10, 12]);
    const reasons = Object.fromEntries(summary.rejected.map((row) => [row.line, row.reason]));
    expect(reasons[7]).toContain('CCN 010001 appears again (first on line 2)');
    expect(reasons[8]).toContain('six letters or digits');
    expect(reasons[9]).toContain('Enter the facility name.');
    expect(reasons[10]).toContain('leading zero was probably lost');
    expect(reasons[12]).toContain('two-letter postal code');

    const facilities = await allFacilities();
    expect(facilities).toHaveLength(4);
    const yale = facilities.find((facility) => facility.ccn === '070022')!;
    expect(yale).toMatchObject({ name: 'YALE-NEW HAVEN HOSPITAL', zip: '06504', city: 'NEW HAVEN', state: 'CT', county: 'NEW HAVEN' });
    expect(facilities.find((facility) => facility.ccn === '010005')!.name).toBe('MARSHALL MEDICAL CENTERS, SOUTH CAMPUS');
    expect(facilities.find((facility) => facility.ccn === '050454')!.name).toBe('UCSF MEDICAL CENTER "PARNASSUS"');
    expect(facilities.find((facility) => facility.ccn === '010001')!.name).toBe('SOUTHEAST REGIONAL MEDICAL CENTER');

    const audited = await harness.rows<{ action: string; entity_id: string; after_json: string }>("SELECT action, entity_id, after_json FROM audit_events WHERE entity_type = 'facility'");
    expect(audited).toHaveLength(4);
    expect(audited.every((event) => event.action === 'import')).toBe(true);
    // Each event's "after" is exactly the facility as stored.
    for (const event of audited) {
      const after = JSON.parse(event.after_json) as Record<string, unknown>;
      expect(Object.keys(after).sort()).toEqual(['address', 'archived', 'ccn', 'city', 'county', 'createdAt', 'facilityType', 'id', 'latitude', 'longitude', 'name', 'notes', 'ownership', 'phone', 'state', 'updatedAt', 'zip']);
      expect(facilities.find((facility) => String(facility.id) === event.entity_id)).toMatchObject(after);
    }
  });
});

describe('importing the newer CMS file over the older one', () => {
  it('updates a facility with the same CCN instead of duplicating it, and keeps fields the file does not carry', async () => {
    await harness.value('importFacilities', { csv: fixture('cms-hospital-general-older.csv') });
    const [southeast] = (await harness.value('listFacilities', { search: '010001' })).items;
    await harness.value('updateFacility', {
      id: southeast!.id,
      record: { ...southeast!, notes: 'Transfer line staffed 24/7.', latitude: 31.2165, longitude: -85.3633 },
    });

    const summary = await harness.value('importFacilities', { csv: fixture('cms-hospital-general-newer.csv') });
    expect(summary).toMatchObject({ format: 'cms-newer', added: 3, updated: 1, unchanged: 0, rejected: [] });

    const facilities = await allFacilities();
    expect(facilities).toHaveLength(7);
    const updated = facilities.find((facility) => facility.ccn === '010001')!;
    expect(updated).toMatchObject({
      name: 'SOUTHEAST HEALTH MEDICAL CENTER',
      phone: '(334) 793-8701',
      notes: 'Transfer line staffed 24/7.',
      latitude: 31.2165,
    });
    expect(facilities.find((facility) => facility.ccn === '220071')!.zip).toBe('02114');
    expect(facilities.find((facility) => facility.ccn === '01013F')).toBeDefined();

    const [event] = await harness.rows<{ before_json: string; after_json: string }>("SELECT before_json, after_json FROM audit_events WHERE action = 'import-update'");
    expect(updated).toMatchObject(JSON.parse(event!.after_json) as Record<string, unknown>);
    expect(JSON.parse(event!.before_json)).toMatchObject({ id: updated.id, name: 'SOUTHEAST REGIONAL MEDICAL CENTER', notes: 'Transfer line staffed 24/7.' });

    const again = await harness.value('importFacilities', { csv: fixture('cms-hospital-general-newer.csv') });
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
  });
});

describe('importing any other CSV through a column mapping', () => {
  it('guesses a mapping, and imports with the one the user confirms', async () => {
    const csv = fixture('custom-facilities.csv');
    const preview = await harness.value('previewFacilityImport', { csv });
    expect(preview.format).toBe('custom');
    expect(preview.mapping).toMatchObject({ name: 'Hospital', ccn: 'CMS Certification Number', city: 'Town', state: 'ST', zip: 'Postal Code', latitude: 'Lat', longitude: 'Lon' });
    expect(preview.mapping.address).toBeNull();

    const summary = await harness.value('importFacilities', { csv, mapping: { ...preview.mapping, address: 'Location 1' } });
    expect(summary).toMatchObject({ added: 2 });
    expect(summary.rejected).toEqual([{ line: 4, reason: expect.stringContaining('must be numbers') }]);
    const harbor = (await allFacilities()).find((facility) => facility.ccn === '000123')!;
    expect(harbor).toMatchObject({ address: '12 Pier Rd, Suite 4', zip: '04101', latitude: 43.6591, longitude: -70.2568 });
  });

  it('asks for the name column when none is mapped, and for a column that exists', async () => {
    const csv = fixture('custom-facilities.csv');
    const noName = await harness.call('importFacilities', { csv, mapping: { name: null, city: 'Town' } });
    expect(noName).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ field: 'mapping.name' }] } });
    const missing = await harness.call('importFacilities', { csv, mapping: { name: 'Hospital Name' } });
    expect(missing).toMatchObject({ ok: false, error: { message: expect.stringContaining('no column named "Hospital Name"') } });
    expect(await allFacilities()).toEqual([]);
  });

  it('explains a file that is not CSV at all, naming the line with the open quote', async () => {
    const result = await harness.call('importFacilities', { csv: 'name,city\nA,Boston\n"unterminated,Boston\nC,Salem\n' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('could not be read as CSV') } });
    expect(result).toMatchObject({ error: { message: expect.stringContaining('line 3') } });
    expect(await allFacilities()).toEqual([]);
  });

  it('reads tab- and semicolon-separated files by the separator their header row uses', async () => {
    const tabs = await harness.value('importFacilities', { csv: 'Hospital\tCCN\tCity\tST\nHarbor General, East\t000401\tPortland\tME\n' });
    expect(tabs).toMatchObject({ added: 1, rejected: [] });
    const semicolons = await harness.value('importFacilities', { csv: '"Hospital";"CCN";"City, town";"ST"\n"Mercy; North";000402;Bangor;ME\n' });
    expect(semicolons).toMatchObject({ added: 1, rejected: [], mapping: { name: 'Hospital', ccn: 'CCN' } });
    expect((await allFacilities()).map((facility) => [facility.name, facility.city]).sort()).toEqual([
      ['Harbor General, East', 'Portland'],
      ['Mercy; North', ''],
    ]);
  });

  it('counts lines as an editor does: a quoted line break, mixed line endings, a blank line, no final newline', async () => {
    const csv = [
      'Hospital,CCN,Address,ST\r\n',
      'Good One,000111,"1 Main St\r\nSuite 2",ME\r\n', // lines 2 and 3
      'Bad State,000112,2 Main St,ZZ\n', // line 4
      '\r\n',
      'Good Two,000113,3 Main St,ME\r\n', // line 6
      'Bad Two,000114,4 Main St,QQ', // line 7
    ].join('');
    const summary = await harness.value('importFacilities', { csv });
    expect(summary).toMatchObject({ added: 2, rows: 4 });
    expect(summary.rejected.map((row) => row.line)).toEqual([4, 7]);
    const names = (await allFacilities()).map((facility) => facility.name).sort();
    expect(names).toEqual(['Good One', 'Good Two']);
  });
});
