import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CapabilityAnswer } from '../../shared/assessment';
import { CAPABILITY_IDS } from '../../shared/questionnaire';
import type { FeedPage } from '../../shared/registry-feed';
import { openCore, type Core } from '../../electron/core/core';
import { replicaFingerprint, replicatedRows } from '../support/replica-rows';
import { makeTempFolder } from '../support/temp-folder';
import { callValue as value } from '../support/core-harness';

/**
 * A hostile or broken feed: a server that answers the desktop's pulls with pages made from a
 * real registry's feed and then bent. Every bent page is refused with a sentence and leaves
 * the replica and its cursor exactly as they were; the honest page afterwards still applies.
 */
const NOW = new Date('2026-03-04T10:00:00.000Z');
const ANSWER: CapabilityAnswer = {
  status: 'on_site',
  details: {},
  partner: null,
  evidence: 'Confirmed with the service lead.',
  verifiedByName: 'Dr. Lena Ortiz',
  verifiedByRole: 'Department chief',
  verificationMethod: 'site_visit',
  verifiedOn: '2026-02-12',
};
const PAGE_SIZE = 2;

type Bend = (page: FeedPage, after: number) => unknown;
/** How the server answers now: a bent page, or a raw body written as is. */
let answer: { bend?: Bend; raw?: (respond: (status: number, headers: Record<string, string>, body: string | Buffer[]) => void) => void } = {};

async function assessedFacility(core: Core, name: string): Promise<void> {
  const facilityId = (await value(core, 'createFacility', { name })).id;
  const assessmentId = (await value(core, 'startAssessment', { facilityId })).id;
  for (const capabilityId of CAPABILITY_IDS) await value(core, 'saveAnswer', { assessmentId, capabilityId, answer: ANSWER });
  await value(core, 'finalizeAssessment', { assessmentId });
}

const serverFolder = makeTempFolder();
const desktopFolder = makeTempFolder();
let registry: Core;
let desktop: Core;
let http: Server;
let names = 0;

beforeAll(async () => {
  registry = await openCore({ dataDirectory: serverFolder.path, appVersion: 'test', now: () => NOW });
  await value(registry, 'saveProfile', { name: 'Registry Office', role: 'administrator' });
  for (let index = 0; index < 3; index += 1) await assessedFacility(registry, `Hospital ${(names += 1)}`);
  http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        if (answer.raw) {
          answer.raw((status, headers, body) => {
            res.writeHead(status, headers);
            if (typeof body === 'string') res.end(body);
            else {
              for (const part of body) res.write(part);
              res.end();
            }
          });
          return;
        }
        const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { after: number; limit: number };
        const page = await value(registry, 'registryChanges', input);
        const sent = answer.bend ? answer.bend(page, input.after) : page;
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true, value: sent }));
      })();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  desktop = await openCore({ dataDirectory: desktopFolder.path, appVersion: 'test', now: () => NOW, replicaPullIntervalMs: null, replicaPageSize: PAGE_SIZE });
  await value(desktop, 'connectSharedRegistry', { serverUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}/` });
  expect(await replicatedRows(desktop)).toEqual(await replicatedRows(registry));
});

afterAll(async () => {
  http.close();
  await desktop.close();
  await registry.close();
  serverFolder.remove();
  desktopFolder.remove();
});

beforeEach(async () => {
  answer = {};
  // Something new on the server each time, so a bent page has changes in it to bend.
  await assessedFacility(registry, `Hospital ${(names += 1)}`);
});

const withChanges = (page: FeedPage, changes: FeedPage['changes']): FeedPage => ({ ...page, changes });

const HOSTILE: [string, typeof answer, RegExp][] = [
  ['a page that is not a feed page at all', { bend: () => ({ rows: 'everything' }) }, /sent a page this desktop cannot read/],
  ['a body that is not JSON', { raw: (respond) => respond(200, { 'Content-Type': 'application/json' }, '{"ok":true,"value":{"registryId"') }, /did not answer as a TransferReady shared registry/],
  ['a page that starts after the cursor (a gap)', { bend: (page) => ({ ...page, from: page.from + 1 }) }, /answered from change \d+, not from \d+ as asked/],
  ['changes out of order', { bend: (page) => withChanges(page, [{ ...page.changes[0]!, seq: page.to }, { ...page.changes[0]!, seq: page.from + 1 }]) }, /out of order/],
  ['more changes than asked for', { bend: (page) => withChanges(page, [1, 2, 3].map((step) => ({ ...page.changes[0]!, seq: page.from + step }))) }, /at most 2 were asked for/],
  ['a change beyond the page end', { bend: (page) => ({ ...page, to: page.to - 1 }) }, /beyond the page's end|does not add up/],
  ['a different registry', { bend: (page) => ({ ...page, registryId: 'another-registry' }) }, /different registry/],
  [
    "an assessment filed under another facility",
    {
      bend: (page) =>
        withChanges(
          page,
          page.changes.map((change) => (change.kind === 'facility' && change.standing ? { ...change, standing: { ...change.standing, assessment: { ...change.standing.assessment, facility_id: 999 } } } : change)),
        ),
    },
    /as facility \d+'s/,
  ],
  ['a page declared larger than 64 MB', { raw: (respond) => respond(200, { 'Content-Type': 'application/json', 'Content-Length': String(70 * 1024 * 1024) }, '') }, /more than the 64 MB/],
  [
    'a page streamed past 64 MB',
    { raw: (respond) => respond(200, { 'Content-Type': 'application/json' }, Array.from({ length: 65 }, () => Buffer.alloc(1024 * 1024, 0x20))) },
    /larger than the 64 MB/,
  ],
];

describe('a hostile or broken change feed', () => {
  it.each(HOSTILE)('refuses %s with a sentence, and keeps the replica and its cursor', async (_name, bent, message) => {
    const before = await replicaFingerprint(desktop);
    const { cursor } = await value(desktop, 'sharedRegistryStatus', {});
    answer = bent;
    const refused = await value(desktop, 'syncSharedRegistry', {});
    expect(refused.problem).toMatch(message);
    expect(refused.cursor).toBe(cursor);
    expect(await replicaFingerprint(desktop)).toBe(before);

    answer = {};
    const honest = await value(desktop, 'syncSharedRegistry', {});
    expect(honest.problem).toBeNull();
    expect(await replicatedRows(desktop)).toEqual(await replicatedRows(registry));
  });
});
