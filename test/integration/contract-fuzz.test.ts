import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../shared/contract';
import { facilityRecordSchema } from '../../shared/facility';
import type { Core } from '../../electron/core/core';
import { exportJsonBackup } from '../../electron/core/db/json-backup';
import { startHttpHost, type HttpHost } from '../../electron/http-host';
import { CoreHarness } from '../support/core-harness';
import { HOSTILE_STRINGS } from '../support/hostile-strings';

let harness: CoreHarness;
let core: Core;
let host: HttpHost;
const tally = { payloads: 0, strings: 0 };

async function post(method: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${host.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

function expectWellFormedAnswer(status: number, text: string) {
  expect([200, 400, 404, 409, 413]).toContain(status);
  const body = JSON.parse(text) as { ok: boolean; error?: { code: string; message: string; fields: { field: string; message: string }[] } };
  expect(typeof body.ok).toBe('boolean');
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|SqliteError|TypeError|ZodError/);
  if (!body.ok) {
    expect(body.error!.message.length).toBeGreaterThan(5);
    for (const field of body.error!.fields) expect(field.message.length).toBeGreaterThan(3);
  }
  return body;
}

beforeAll(async () => {
  harness = await new CoreHarness().open();
  core = harness.core;
  host = await startHttpHost({ calls: core.calls, rendererDirectory: harness.folder.path, host: '127.0.0.1', port: 0 });
  await core.calls.saveProfile({ name: 'Fuzz Tester', role: 'administrator' });
  const facility = await core.calls.createFacility(facilityRecordSchema.parse({ name: 'Seed Facility' }));
  await core.calls.startAssessment({ facilityId: facility.id });
});
afterAll(async () => {
  await host.close();
  await harness.dispose();
  console.log(`contract fuzzing: ${tally.payloads} payloads, ${tally.strings} hostile string round trips`);
});

describe('every contract call, through the HTTP host, against random and hostile payloads', () => {
  const hostileValue = fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(-1, 0, 1, 2, 3, 2 ** 53, Number.MAX_SAFE_INTEGER),
  );
  // Payloads shaped like the real inputs (the keys the contract uses), with hostile values in them.
  const keys = fc.constantFrom(
    'name', 'role', 'id', 'facilityId', 'assessmentId', 'caseId', 'letterId', 'capabilityId', 'answer', 'status', 'ccn', 'zip',
    'state', 'latitude', 'longitude', 'archived', 'includeArchived', 'search', 'limit', 'csv', 'mapping', 'reason', 'patient',
    'physician', 'details', 'record', 'audience', 'paragraphId', 'text', 'facilityIds', 'fromId', 'toId', 'expiryMonths', 'sort',
  );
  const shaped = fc.dictionary(keys, fc.oneof(hostileValue, fc.dictionary(keys, hostileValue, { maxKeys: 4 }), fc.array(hostileValue, { maxLength: 6 })), { maxKeys: 6 });
  const anyJson = fc.oneof(fc.jsonValue(), shaped);

  it(`answers ${CALL_NAMES.length} calls × random payloads with a clear envelope, never a crash or a stack`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CALL_NAMES), anyJson, async (method, payload) => {
        tally.payloads += 1;
        const { status, text } = await post(method, JSON.stringify(payload));
        expectWellFormedAnswer(status, text);
      }),
      { numRuns: 10_500, seed: 20261123 },
    );
    // The registry is whole: SQLite checks its file; on either engine, every row still reads back as a backup.
    if (harness.engine === 'sqlite') expect(harness.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((await exportJsonBackup(core.database)).tables.facilities!.length).toBeGreaterThan(0);
    // Nothing invalid got stored: every facility still reads as a valid record.
    const facilities = await core.calls.listFacilities({ includeArchived: true, search: '', state: '', facilityType: '', limit: 500 });
    for (const facility of facilities.items) expect(facilityRecordSchema.safeParse(facility).success, facility.name).toBe(true);
  }, 240_000);

  it('stores each hostile string exactly as given (trimmed) in every facility text field, or refuses it with the field named', async () => {
    const fields = ['name', 'facilityType', 'ownership', 'address', 'city', 'county', 'notes'] as const;
    for (const text of HOSTILE_STRINGS) {
      for (const field of fields) {
        tally.strings += 1;
        const record = { name: field === 'name' ? text : 'Hostile field host', [field]: text };
        const { status, text: reply } = await post('createFacility', JSON.stringify(record));
        const body = expectWellFormedAnswer(status, reply) as { ok: boolean; value?: Record<string, unknown>; error?: { fields: { field: string }[] } };
        if (body.ok) {
          const { value } = body;
          const stored = await core.calls.getFacilityOverview({ facilityId: value!.id as number });
          expect(stored.facility[field]).toBe(text.trim());
        } else {
          expect(body.error!.fields.map((f) => f.field)).toContain(field);
        }
      }
    }
  }, 120_000);
});
