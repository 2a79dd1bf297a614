import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { cacheControlFor, MAX_REQUEST_BYTES, startHttpHost, type HttpHost } from '../../electron/http-host';
import { CoreHarness } from '../support/core-harness';
import { makeTempFolder } from '../support/temp-folder';

const SCRIPT = `export const app = ${JSON.stringify('TransferReady '.repeat(200))};\n`;

let folder: ReturnType<typeof makeTempFolder>;
let harness: CoreHarness;
let core: Core;
let host: HttpHost;
let port: number;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw requests, so the test controls the Host and Origin headers a browser would send. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function callApi(method: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send({
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

beforeAll(async () => {
  folder = makeTempFolder();
  const renderer = join(folder.path, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>TransferReady</title>');
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'assets', 'app-Hash1234.js'), SCRIPT);
  writeFileSync(join(renderer, 'assets', 'app-Hash1234.js.br'), brotliCompressSync(SCRIPT));
  harness = await new CoreHarness().open();
  core = harness.core;
  host = await startHttpHost({ calls: core.calls, rendererDirectory: renderer, host: '127.0.0.1', port: 0 });
  port = Number(new URL(host.url).port);
});
afterAll(async () => {
  await host.close();
  await harness.dispose();
  folder.remove();
});

describe('the HTTP host', () => {
  it('listens on loopback only and says where', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const address = host.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });

  it('serves the renderer with a strict content security policy', async () => {
    const reply = await send({ path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('TransferReady');
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('lets a browser keep the hashed built files for good and checks the page every time', async () => {
    const script = await send({ path: '/assets/app-Hash1234.js' });
    expect(script.status).toBe(200);
    expect(script.body).toBe(SCRIPT);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await send({ path: '/' })).headers['cache-control']).toBe('no-cache');
    expect(cacheControlFor('/first-call.js')).toBe('no-cache');
  });

  it('sends the compressed copy the build wrote to a browser that accepts it, the plain file to one that does not', async () => {
    const compressed = await new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/assets/app-Hash1234.js', headers: { 'Accept-Encoding': 'gzip, deflate, br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], vary: res.headers.vary, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(compressed.encoding).toBe('br');
    expect(compressed.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(compressed.body).toString()).toBe(SCRIPT);
    const plain = await send({ path: '/assets/app-Hash1234.js', headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('sends a large answer the core hands back again as the same bytes, and a new answer once the core has one', async () => {
    let kept = { rows: Array.from({ length: 5000 }, (_, index) => ({ id: index, name: `Facility ${index}` })) };
    const large = await startHttpHost({
      calls: { ...core.calls, capabilityMatrix: async () => kept as never },
      rendererDirectory: join(folder.path, 'renderer'),
      host: '127.0.0.1',
      port: 0,
    });
    try {
      const ask = () =>
        fetch(new URL('/api/capabilityMatrix', large.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then((response) => response.text());
      const first = await ask();
      expect(first.length).toBeGreaterThan(64 * 1024);
      expect(JSON.parse(first)).toEqual({ ok: true, value: kept });
      expect(await ask()).toBe(first);
      kept = { rows: kept.rows.slice(1) };
      expect(JSON.parse(await ask())).toEqual({ ok: true, value: kept });
    } finally {
      await large.close();
    }
  });

  it('answers contract calls with the envelope', async () => {
    const reply = await callApi('getSession', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { profile: null, appVersion: 'test' } });
  });

  it('sends the cached matrix as the same envelope as any other call, and the same again while it stands', async () => {
    const first = await callApi('capabilityMatrix', {});
    const second = await callApi('capabilityMatrix', {});
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ ok: true, value: await harness.value('capabilityMatrix', {}) });
    expect(second.body).toBe(first.body);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('rejects invalid input with 400 and the field named, never a stack trace', async () => {
    const reply = await callApi('saveProfile', { name: 'A', role: 'superuser' });
    expect(reply.status).toBe(400);
    const body = JSON.parse(reply.body);
    expect(body.error.fields).toEqual([{ field: 'role', message: 'Choose your role.' }]);
    expect(reply.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('rejects bodies that are not JSON', async () => {
    const reply = await send({ method: 'POST', path: '/api/getSession', headers: { 'Content-Type': 'application/json' }, body: '{' });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.message).toContain('not valid JSON');
  });

  it('rejects unknown calls with 404', async () => {
    const reply = await callApi('deleteEverything', {});
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body).error.code).toBe('unknown_call');
  });

  it('refuses requests from another site (Origin) and unknown Host names', async () => {
    const crossOrigin = await callApi('getSession', {}, { Origin: 'https://evil.example' });
    expect(crossOrigin.status).toBe(403);
    const rebinding = await send({ path: '/', headers: { Host: 'evil.example' } });
    expect(rebinding.status).toBe(421);
    const sameOrigin = await callApi('getSession', {}, { Origin: `http://127.0.0.1:${port}` });
    expect(sameOrigin.status).toBe(200);
  });

  it('requires a JSON content type, which a cross-site form cannot send without preflight', async () => {
    const reply = await send({ method: 'POST', path: '/api/getSession', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(reply.status).toBe(415);
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const reply = await send({
      method: 'POST',
      path: '/api/createFacility',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.alloc(MAX_REQUEST_BYTES + 10, 0x20),
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error.code).toBe('payload_too_large');
  });
});

describe('the HTTP host beyond loopback', () => {
  let remote: HttpHost;
  let remotePort: number;
  const token = 'a-long-enough-test-token-123456';
  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: remotePort, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      });
      req.on('error', reject);
      req.end();
    });

  beforeAll(async () => {
    remote = await startHttpHost({ calls: core.calls, rendererDirectory: join(folder.path, 'renderer'), host: '0.0.0.0', port: 0, accessToken: token });
    remotePort = Number(new URL(remote.url).port);
  });
  afterAll(() => remote.close());

  it('refuses every request without the access token, pages and calls alike', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong-token-of-some-length')).status).toBe(401);
    expect((await get('/', { Authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('accepts the token as a Bearer header, or once in the link and then by cookie', async () => {
    expect((await get('/', { Authorization: `Bearer ${token}` })).status).toBe(200);
    const first = await get(`/?token=${token}`);
    expect(first.status).toBe(200);
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(first.headers['set-cookie']).toEqual([expect.stringContaining('HttpOnly; SameSite=Strict')]);
    expect((await get('/', { Cookie: cookie })).status).toBe(200);
  });
});
