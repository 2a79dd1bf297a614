import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreHarness } from '../support/core-harness';

let harness: CoreHarness;
beforeEach(async () => {
  harness = await new CoreHarness().open();
});
afterEach(() => harness.dispose());

const names = async (input: Parameters<CoreHarness['value']>[1] = {}) =>
  (await harness.value('listFacilities', input as never)).items.map((facility) => facility.name);

describe('facilities through the contract', () => {
  it('refuses changes until someone has said who they are', async () => {
    const result = await harness.call('createFacility', { name: 'Harbor General' });
    expect(result).toMatchObject({ ok: false, error: { code: 'profile_required' } });
  });

  describe('with a profile', () => {
    beforeEach(async () => {
      await harness.value('saveProfile', { name: '  Dana Whitfield ', role: 'administrator' });
    });

    it('trims the name and stores the facility', async () => {
      const created = await harness.value('createFacility', { name: '  Harbor General  ' });
      expect(created).toMatchObject({ name: 'Harbor General', archived: false, createdAt: harness.clock.toISOString() });
      const list = await harness.value('listFacilities', {});
      expect(list).toEqual({ items: [{ ...created, profileFinalizedAt: null, hasDraft: false }], total: 1 });
    });

    it.each([
      ['an empty name', '', 'Enter the facility name.'],
      ['a blank name', '   \t ', 'Enter the facility name.'],
      ['a name over 200 characters', 'H'.repeat(201), 'Keep the facility name to 200 characters or fewer.'],
      ['a number', 42, 'Enter the facility name.'],
    ])('rejects %s with a message naming the field', async (_label, name, message) => {
      const result = await harness.call('createFacility', { name: name as string });
      expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message, fields: [{ field: 'name', message }] } });
      expect(await names({ includeArchived: true })).toEqual([]);
    });

    it('accepts exactly 200 characters', async () => {
      const created = await harness.value('createFacility', { name: 'H'.repeat(200) });
      expect(created.name).toHaveLength(200);
    });

    it('keeps a CCN as text with its leading zeros and refuses it twice', async () => {
      const created = await harness.value('createFacility', { name: 'Yale', ccn: '070022', zip: '06504', state: 'ct' });
      expect(created).toMatchObject({ ccn: '070022', zip: '06504', state: 'CT' });
      const again = await harness.call('createFacility', { name: 'Other', ccn: '070022' });
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict', fields: [{ field: 'ccn' }] } });
    });

    it('validates every field of the record and names each', async () => {
      const result = await harness.call('createFacility', { name: 'X', ccn: '12', state: 'Alabama', zip: '6106', latitude: 95, longitude: null });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.fields.map((field) => field.field).sort()).toEqual(['ccn', 'latitude', 'longitude', 'state', 'zip']);
    });

    it('searches by name, city or CCN and filters by state and type', async () => {
      await harness.value('createFacility', { name: 'Harbor General', city: 'Portland', state: 'ME', facilityType: 'Acute Care Hospitals', ccn: '200001' });
      await harness.value('createFacility', { name: 'Mercy County', city: 'Portland', state: 'OR', facilityType: 'Critical Access Hospitals' });
      await harness.value('createFacility', { name: '100% Rehab_Center', city: 'Bend', state: 'OR' });
      expect(await names({ search: 'portland' })).toEqual(['Harbor General', 'Mercy County']);
      expect(await names({ search: '200001' })).toEqual(['Harbor General']);
      expect(await names({ search: '%' })).toEqual(['100% Rehab_Center']);
      expect(await names({ search: '_' })).toEqual(['100% Rehab_Center']);
      expect(await names({ state: 'OR' })).toEqual(['100% Rehab_Center', 'Mercy County']);
      expect(await names({ state: 'OR', facilityType: 'Critical Access Hospitals' })).toEqual(['Mercy County']);
      expect(await harness.value('facilityFacets', {})).toEqual({
        states: ['ME', 'OR'],
        facilityTypes: ['Acute Care Hospitals', 'Critical Access Hospitals'],
      });
      const limited = await harness.value('listFacilities', { limit: 1 });
      expect(limited).toMatchObject({ total: 3, items: [{ name: '100% Rehab_Center' }] });
    });

    it('renames and archives, auditing who changed what with before and after', async () => {
      const created = await harness.value('createFacility', { name: 'Harbor General' });
      harness.clock = new Date('2026-03-05T09:30:00.000Z');
      await harness.value('renameFacility', { id: created.id, name: 'Harbor General Hospital' });
      await harness.value('setFacilityArchived', { id: created.id, archived: true });

      expect(await names()).toEqual([]);
      const [archived] = (await harness.value('listFacilities', { includeArchived: true })).items;
      expect(archived).toMatchObject({ name: 'Harbor General Hospital', archived: true, updatedAt: harness.clock.toISOString() });

      const events = await harness.rows<{ actor_name: string; actor_role: string; action: string; before_json: string | null; after_json: string }>(
        "SELECT actor_name, actor_role, action, before_json, after_json FROM audit_events WHERE entity_type = 'facility' ORDER BY id",
      );
      expect(events.map((event) => event.action)).toEqual(['create', 'rename', 'archive']);
      expect(events.every((event) => event.actor_name === 'Dana Whitfield' && event.actor_role === 'administrator')).toBe(true);
      expect(JSON.parse(events[1]!.before_json!).name).toBe('Harbor General');
      expect(JSON.parse(events[1]!.after_json).name).toBe('Harbor General Hospital');
      expect(events[0]!.before_json).toBeNull();
    });

    it('says so when the facility no longer exists', async () => {
      const result = await harness.call('renameFacility', { id: 999, name: 'Ghost' });
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });

    it('keeps facilities and the profile after the core restarts', async () => {
      await harness.value('createFacility', { name: 'Harbor General' });
      await harness.reopen();
      const session = await harness.value('getSession', {});
      expect(session.profile).toEqual({ name: 'Dana Whitfield', role: 'administrator' });
      expect(await names()).toEqual(['Harbor General']);
    });
  });

  it('rejects an unknown call and extra input on calls that take none', async () => {
    const dispatch = harness.call as (method: string, input: unknown) => ReturnType<CoreHarness['call']>;
    expect(await dispatch.call(harness, 'dropAllTables', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await dispatch.call(harness, 'getSession', { sneaky: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
