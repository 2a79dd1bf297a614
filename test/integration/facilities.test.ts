import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../shared/call-result';
import type { Facility } from '../../shared/facility';
import { openCore, type Core } from '../../electron/core/core';
import { dispatchCall } from '../../electron/core/dispatch';
import { makeTempFolder } from '../support/temp-folder';

let folder: ReturnType<typeof makeTempFolder>;
let core: Core;
const clock = { now: new Date('2026-03-04T10:00:00.000Z') };

async function open(): Promise<Core> {
  return openCore({ dataDirectory: folder.path, appVersion: 'test', now: () => clock.now });
}

function call(method: string, input: unknown): Promise<CallResult<unknown>> {
  return dispatchCall(core.calls, method, input);
}

async function value<T>(method: string, input: unknown): Promise<T> {
  const result = await call(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value as T;
}

beforeEach(async () => {
  folder = makeTempFolder();
  core = await open();
});
afterEach(async () => {
  await core.close();
  folder.remove();
});

describe('facilities through the contract', () => {
  it('refuses changes until someone has said who they are', async () => {
    const result = await call('createFacility', { name: 'Harbor General' });
    expect(result).toMatchObject({ ok: false, error: { code: 'profile_required' } });
  });

  describe('with a profile', () => {
    beforeEach(async () => {
      await value('saveProfile', { name: '  Dana Whitfield ', role: 'administrator' });
    });

    it('trims the name and stores the facility', async () => {
      const created = await value<Facility>('createFacility', { name: '  Harbor General  ' });
      expect(created).toMatchObject({ name: 'Harbor General', archived: false, createdAt: clock.now.toISOString() });
      expect(await value<Facility[]>('listFacilities', {})).toEqual([created]);
    });

    it.each([
      ['an empty name', '', 'Enter the facility name.'],
      ['a blank name', '   \t ', 'Enter the facility name.'],
      ['a name over 200 characters', 'H'.repeat(201), 'Keep the facility name to 200 characters or fewer.'],
      ['a number', 42, 'Enter the facility name.'],
    ])('rejects %s with a message naming the field', async (_label, name, message) => {
      const result = await call('createFacility', { name });
      expect(result).toEqual({
        ok: false,
        error: { code: 'invalid_input', message, fields: [{ field: 'name', message }] },
      });
      expect(await value<Facility[]>('listFacilities', { includeArchived: true })).toEqual([]);
    });

    it('accepts exactly 200 characters', async () => {
      const created = await value<Facility>('createFacility', { name: 'H'.repeat(200) });
      expect(created.name).toHaveLength(200);
    });

    it('renames and archives, auditing who changed what with before and after', async () => {
      const created = await value<Facility>('createFacility', { name: 'Harbor General' });
      clock.now = new Date('2026-03-05T09:30:00.000Z');
      await value('renameFacility', { id: created.id, name: 'Harbor General Hospital' });
      await value('setFacilityArchived', { id: created.id, archived: true });

      expect(await value<Facility[]>('listFacilities', {})).toEqual([]);
      const [archived] = await value<Facility[]>('listFacilities', { includeArchived: true });
      expect(archived).toMatchObject({ name: 'Harbor General Hospital', archived: true, updatedAt: clock.now.toISOString() });

      const events = core.database.sqlite
        .prepare(
          "SELECT actor_name, actor_role, action, before_json, after_json FROM audit_events WHERE entity_type = 'facility' ORDER BY id",
        )
        .all() as { actor_name: string; actor_role: string; action: string; before_json: string | null; after_json: string }[];
      expect(events.map((event) => event.action)).toEqual(['create', 'rename', 'archive']);
      expect(events.every((event) => event.actor_name === 'Dana Whitfield' && event.actor_role === 'administrator')).toBe(true);
      expect(JSON.parse(events[1]!.before_json!).name).toBe('Harbor General');
      expect(JSON.parse(events[1]!.after_json).name).toBe('Harbor General Hospital');
      expect(events[0]!.before_json).toBeNull();
    });

    it('says so when the facility no longer exists', async () => {
      const result = await call('renameFacility', { id: 999, name: 'Ghost' });
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });

    it('keeps facilities and the profile after the core restarts', async () => {
      await value('createFacility', { name: 'Harbor General' });
      await core.close();
      core = await open();
      const session = await value<{ profile: unknown }>('getSession', {});
      expect(session.profile).toEqual({ name: 'Dana Whitfield', role: 'administrator' });
      expect((await value<Facility[]>('listFacilities', {})).map((facility) => facility.name)).toEqual(['Harbor General']);
    });
  });

  it('rejects an unknown call and extra input on calls that take none', async () => {
    expect(await call('dropAllTables', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await call('getSession', { sneaky: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
