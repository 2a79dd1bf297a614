import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { failure, type CallResult, type FailureCode } from '../shared/call-result';
import { FILE_CALLS, isCallName, type CoreCalls } from '../shared/contract';
import { LOCAL_CALLER, type Caller } from '../shared/permissions';
import { dispatchCall, type ScopeResolver } from './core/dispatch';
import { isReusedResult } from './core/reused-results';
import type { SignInGate, Authenticated } from './sign-in/sign-in-gate';
import { SECURITY_HEADERS, sameText } from './security';

export const MAX_REQUEST_BYTES = 1024 * 1024;
/** Imports carry a whole CSV file: allowed more, still bounded. */
export const MAX_FILE_REQUEST_BYTES = 32 * 1024 * 1024;

const STATUS_BY_FAILURE: Record<FailureCode, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  profile_required: 409,
  signed_out: 401,
  unknown_call: 404,
  forbidden: 403,
  payload_too_large: 413,
  // 507 Insufficient Storage: the server could not store what the request needed.
  storage_full: 507,
  storage_read_only: 503,
  storage_error: 503,
  storage_unavailable: 503,
  internal: 500,
};

export interface HttpHostOptions {
  calls: CoreCalls;
  rendererDirectory: string;
  host: string;
  port: number;
  /**
   * Required when listening beyond loopback: every request must carry it, as a Bearer header
   * or the cookie set when the page is first opened with ?token=.
   */
  accessToken?: string;
  /**
   * Sign-in with the hospital's identity provider: every request, loopback included, needs a
   * session, and each call runs as the signed-in person with their roles.
   */
  signIn?: SignInGate;
  /** The address people open (and the provider redirects back to); the listening address by default. */
  publicUrl?: string;
  /** For the permission check of calls about one facility or case. */
  resolveScope?: ScopeResolver;
}

export const TOKEN_COOKIE = 'transferready_token';

function presentedToken(req: IncomingMessage, url: URL): { token: string | null; fromQuery: boolean } {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return { token: bearer, fromQuery: false };
  const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((part) => part.startsWith(`${TOKEN_COOKIE}=`));
  if (cookie) return { token: decodeURIComponent(cookie.slice(TOKEN_COOKIE.length + 1)), fromQuery: false };
  const query = url.searchParams.get('token');
  return { token: query, fromQuery: query !== null };
}

export interface HttpHost {
  server: Server;
  url: string;
  close(): Promise<void>;
}

class RequestRejected extends Error {
  constructor(
    readonly status: number,
    readonly result: CallResult<never>,
  ) {
    super('request rejected');
  }
}

/** The contract over HTTP (`POST /api/<call>` with a JSON body) plus the built renderer. */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const serveStatic = sirv(options.rendererDirectory, {
    dev: false,
    etag: true,
    // The build writes a .br and a .gz beside each script and style (renderer/vite.config.mts):
    // compressed once there, never per request here.
    brotli: true,
    gzip: true,
    setHeaders: (res, pathname) => {
      applySecurityHeaders(res);
      res.setHeader('Cache-Control', cacheControlFor(pathname));
    },
  });
  let allowedHosts = new Set<string>();
  let publicUrl = new URL('http://127.0.0.1/');

  const server = createServer((req, res) => {
    applySecurityHeaders(res);
    if (options.signIn) {
      void serveSignedIn(options.signIn, req, res).catch((error: unknown) => {
        console.error('[transferready] HTTP request failed:', error instanceof Error ? error.stack : error);
        sendJson(res, 500, failure('internal', 'TransferReady could not finish this request. Try again.'));
      });
      return;
    }
    if (options.accessToken) {
      const url = new URL(req.url ?? '/', 'http://placeholder');
      const { token, fromQuery } = presentedToken(req, url);
      if (!token || !sameText(token, options.accessToken)) {
        res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Open TransferReady with the link (including its access token) that "npm run serve" printed.');
        return;
      }
      if (fromQuery) {
        res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
      }
    } else if (!allowedHosts.has(req.headers.host ?? '')) {
      // A page on another site that resolves its own name to 127.0.0.1 must not reach us.
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Unknown host name.');
      return;
    }
    serveAppOrCall(req, res, LOCAL_CALLER, null);
  });

  /**
   * A host with sign-in: its own address only, the /auth routes open, everything else behind a
   * live session. Without one, calls get 401 and pages send the person to sign in.
   */
  async function serveSignedIn(gate: SignInGate, req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Behind TLS, browsers must never come back over plain HTTP (cookies and tokens in clear).
    if (publicUrl.protocol === 'https:') res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    if (req.headers.host !== publicUrl.host) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Unknown host name.');
      return;
    }
    const url = new URL(req.url ?? '/', publicUrl);
    if (url.pathname.startsWith('/auth/') && (await gate.route(req, res, url, publicUrl))) return;
    const signedIn = await gate.authenticate(req, url);
    if (!signedIn) {
      if (url.pathname.startsWith('/api/')) {
        sendJson(res, 401, failure('signed_out', 'You are not signed in, or your session has ended. Sign in again; what you typed is still on the page.'));
        return;
      }
      res.writeHead(302, { Location: '/auth/sign-in', 'Cache-Control': 'no-store' }).end();
      return;
    }
    serveAppOrCall(req, res, signedIn.caller, signedIn);
  }

  function serveAppOrCall(req: IncomingMessage, res: ServerResponse, caller: Caller, signedIn: Authenticated | null): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/api/')) {
      void handleCall(req, res, decodeURIComponent(path.slice('/api/'.length)), caller, signedIn);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    serveStatic(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.');
    });
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, method: string, caller: Caller, signedIn: Authenticated | null): Promise<void> {
    try {
      if (req.method !== 'POST') {
        throw new RequestRejected(405, failure('invalid_input', 'Calls are made with POST.'));
      }
      const origin = req.headers.origin;
      const originHost = origin?.replace(/^https?:\/\//, '');
      const sameSite = signedIn
        ? origin === publicUrl.origin
        : options.accessToken
          ? originHost === req.headers.host
          : allowedHosts.has(originHost ?? '');
      if (origin !== undefined && !sameSite) {
        throw new RequestRejected(403, failure('forbidden', 'Requests from other sites are refused.'));
      }
      // A desktop's bearer token travels in a header no other site can set: no cookie, so no CSRF token.
      if (signedIn?.session && options.signIn && !options.signIn.csrfTokenMatches(req, signedIn.session)) {
        throw new RequestRejected(403, failure('forbidden', 'This request did not come from a TransferReady page. Reload the page and try again.'));
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new RequestRejected(415, failure('invalid_input', 'Send the request body as application/json.'));
      }
      const limit = isCallName(method) && FILE_CALLS.has(method) ? MAX_FILE_REQUEST_BYTES : MAX_REQUEST_BYTES;
      const body = await readBody(req, limit);
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        throw new RequestRejected(400, failure('invalid_input', 'The request body is not valid JSON.'));
      }
      const result = await dispatchCall(options.calls, method, input, caller, options.resolveScope);
      if (result.ok && isReusedResult(result.value)) sendEncoded(res, 200, encodedOnce(result.value));
      else sendJson(res, result.ok ? 200 : STATUS_BY_FAILURE[result.error.code], result);
    } catch (error) {
      if (error instanceof RequestRejected) {
        sendJson(res, error.status, error.result);
        if (error.status === 413) req.resume();
        return;
      }
      console.error('[transferready] HTTP request failed:', error instanceof Error ? error.stack : error);
      sendJson(res, 500, failure('internal', 'TransferReady could not finish this request. Try again.'));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${options.host}:${port}`]);
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  publicUrl = new URL(options.publicUrl ?? `http://${hostForUrl}:${port}/`);

  return {
    server,
    url: options.signIn ? publicUrl.href : `http://${hostForUrl}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Built files under assets/ carry a hash of their content in their name, so a browser keeps them
 * for a year without asking again; the page and the early-call script keep their names from one
 * version to the next, so they are checked (ETag) every time.
 */
export function cacheControlFor(pathname: string): string {
  return pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}


function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendEncoded(res, status, JSON.stringify(body));
}

function sendEncoded(res: ServerResponse, status: number, body: string | Buffer): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

/**
 * The success envelope of a result the core hands out unchanged to many callers, encoded once:
 * fifty people opening the matrix would otherwise each cost a megabyte of JSON.stringify and
 * UTF-8 encoding. Kept only as long as the core keeps the result.
 */
const encodedResults = new WeakMap<object, Buffer>();
function encodedOnce(value: object): Buffer {
  let encoded = encodedResults.get(value);
  if (!encoded) {
    encoded = Buffer.from(JSON.stringify({ ok: true, value }));
    encodedResults.set(value, encoded);
  }
  return encoded;
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tooLarge(limit: number): RequestRejected {
  return new RequestRejected(
    413,
    failure('payload_too_large', `The request is larger than ${limit / 1024 / 1024} MB. Send less at a time.`),
  );
}
