import type { IncomingMessage, ServerResponse } from 'node:http';
import * as oidc from 'openid-client';
import { failure } from '../../shared/call-result';
import { CODE_CHALLENGE, CODE_VERIFIER, DESKTOP_REVOKE_PATH, DESKTOP_SIGN_IN_PATH, DESKTOP_TOKEN_PATH, OPAQUE_VALUE, type DesktopToken } from '../../shared/desktop-sign-in';
import type { Caller } from '../../shared/permissions';
import type { Core } from '../core/core';
import { DomainError } from '../core/errors';
import { escapeHtml, sameText } from '../security';
import { cookieHeader, readCookie } from './cookies';
import { loopbackRedirectUri } from './loopback-redirect';
import { DESKTOP_SESSION_DAYS, DesktopCodes, pkceMatches, sha256Hex } from './desktop-codes';
import type { IdentityProvider } from './identity-provider';
import { PendingSignIns } from './pending-sign-ins';
import { AddressRateLimit } from './rate-limit';
import { randomToken, SessionStore, type SessionLimits, type SignedInSession } from './sessions';

export const CSRF_HEADER = 'x-csrf-token';

export interface SignInOptions {
  provider: IdentityProvider;
  people: Core['people'];
  limits: SessionLimits;
  /** Behind a TLS proxy: cookies are Secure and take the __Host- prefix. */
  secureCookies: boolean;
  /** Sign-in requests (start and return) allowed per client address per minute. */
  attemptsPerMinute?: number;
  clock?: () => number;
}

export interface Authenticated {
  caller: Extract<Caller, { kind: 'person' }>;
  /** The browser's session; null for a desktop's bearer token (no cookies, so no CSRF token either). */
  session: SignedInSession | null;
}

/** What a desktop sends when a code is exchanged or its session ended: small JSON or a form. */
const MAX_AUTH_BODY_BYTES = 8 * 1024;

function readSmallBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_AUTH_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJsonAnswer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  res.end(JSON.stringify(body));
}

/** The desktop's request, checked as a whole: null when any part is missing or malformed. */
function desktopRequest(read: (name: string) => string | null) {
  const redirectUri = loopbackRedirectUri(read('redirect_uri'));
  const state = read('state') ?? '';
  const codeChallenge = read('code_challenge') ?? '';
  if (!redirectUri || !OPAQUE_VALUE.test(state) || !CODE_CHALLENGE.test(codeChallenge) || read('code_challenge_method') !== 'S256') return null;
  return { redirectUri: redirectUri.href, state, codeChallenge };
}

/** The bearer token of a request, when it carries one in the Authorization header. */
function bearerToken(req: IncomingMessage): string | null {
  return /^Bearer ([^\s]+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

/** A page of our own for the moments outside the app: signed out, or a sign-in that failed. */
function sendPage(res: ServerResponse, status: number, title: string, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · TransferReady</title></head>` +
      `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/auth/sign-in">Sign in</a></p></main></body></html>`,
  );
}

/** Only a path of this host, so a crafted link cannot send someone elsewhere after sign-in. */
function safeReturnPath(value: string | null): string {
  return value && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

/**
 * Sign-in with the hospital's identity provider for a shared host: the /auth routes, the session
 * cookie, and the check every other request passes before anything of the registry is served.
 */
export class SignInGate {
  readonly sessions: SessionStore;
  readonly #pending: PendingSignIns;
  readonly #attempts: AddressRateLimit;
  readonly #sessionCookie: string;
  readonly #csrfCookie: string;
  readonly #signInCookie: string;
  readonly #desktopCodes: DesktopCodes;
  readonly #clock: () => number;

  constructor(private readonly options: SignInOptions) {
    const clock = options.clock ?? Date.now;
    this.sessions = new SessionStore(options.limits, clock);
    this.#pending = new PendingSignIns(clock);
    this.#attempts = new AddressRateLimit(options.attemptsPerMinute ?? 30, 60_000, clock);
    this.#desktopCodes = new DesktopCodes(clock);
    this.#clock = clock;
    // __Host- cookies are bound to this exact host and must be Secure, so only behind TLS.
    const prefix = options.secureCookies ? '__Host-' : '';
    this.#sessionCookie = `${prefix}transferready_session`;
    this.#csrfCookie = `${prefix}transferready_csrf`;
    this.#signInCookie = `${prefix}transferready_signin`;
  }

  /**
   * The person behind the request, with the roles the registry grants now; null when signed out.
   * A call (/api/…) may carry a desktop's token as a bearer instead of the session cookie; a
   * request that carries a bearer is judged by it alone.
   */
  async authenticate(req: IncomingMessage, url?: URL): Promise<Authenticated | null> {
    const bearer = bearerToken(req);
    if (bearer !== null || req.headers.authorization !== undefined) {
      if (bearer === null || !url?.pathname.startsWith('/api/')) return null;
      return this.#authenticateDesktop(bearer);
    }
    const id = readCookie(req, this.#sessionCookie);
    if (!id) return null;
    const session = this.sessions.use(id);
    if (!session) return null;
    const person = await this.options.people.find(session.userId);
    if (!person || person.rolesVersion !== session.rolesVersion) {
      // A removed role ends the session; the person signs in again and gets what remains.
      this.sessions.end(session.id);
      return null;
    }
    return { caller: person.caller, session };
  }

  async #authenticateDesktop(token: string): Promise<Authenticated | null> {
    if (!OPAQUE_VALUE.test(token)) return null;
    // Looked up by its SHA-256: the table never holds the token, and the lookup learns nothing usable.
    const userId = await this.options.people.desktopSessionUser(sha256Hex(token));
    if (userId === null) return null;
    const person = await this.options.people.find(userId);
    return person ? { caller: person.caller, session: null } : null;
  }

  /** The per-session token the page sends with every call; another site's page cannot read it. */
  csrfTokenMatches(req: IncomingMessage, session: SignedInSession): boolean {
    const given = req.headers[CSRF_HEADER];
    return typeof given === 'string' && sameText(given, session.csrfToken);
  }

  /** Handles /auth/…; false for any other path. */
  async route(req: IncomingMessage, res: ServerResponse, url: URL, publicUrl: URL): Promise<boolean> {
    const redirectUri = new URL('auth/callback', publicUrl).href;
    switch (url.pathname) {
      case '/auth/sign-in':
        if (!this.#withinRateLimit(req, res)) return true;
        await this.#start(res, redirectUri, safeReturnPath(url.searchParams.get('return')));
        return true;
      case '/auth/callback':
        if (!this.#withinRateLimit(req, res)) return true;
        await this.#finish(req, res, url, redirectUri);
        return true;
      case '/auth/sign-out':
        await this.#signOut(req, res, publicUrl);
        return true;
      case '/auth/signed-out':
        sendPage(res, 200, 'You have signed out', 'You have signed out of TransferReady.');
        return true;
      case `/${DESKTOP_SIGN_IN_PATH}`:
        if (!this.#withinRateLimit(req, res)) return true;
        await this.#desktopApproval(req, res, url, publicUrl);
        return true;
      case `/${DESKTOP_TOKEN_PATH}`:
        await this.#desktopToken(req, res);
        return true;
      case `/${DESKTOP_REVOKE_PATH}`:
        await this.#desktopRevoke(req, res);
        return true;
      default:
        return false;
    }
  }

  #withinRateLimit(req: IncomingMessage, res: ServerResponse): boolean {
    const wait = this.#attempts.attempt(req.socket.remoteAddress ?? 'unknown');
    if (wait === 0) return true;
    res.setHeader('Retry-After', String(wait));
    sendPage(res, 429, 'Too many sign-in attempts', `Too many sign-in attempts from this address. Wait ${wait} seconds, then sign in again.`);
    return false;
  }

  async #start(res: ServerResponse, redirectUri: string, returnTo: string): Promise<void> {
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const pending = this.#pending.begin(returnTo, codeVerifier);
    const target = this.options.provider.authorizationUrl({
      redirectUri,
      state: pending.state,
      nonce: pending.nonce,
      codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    });
    // Ties the return to this browser: a callback carried to another browser finds no match.
    // Lax, because the provider sends the person back with a top-level cross-site navigation.
    res.setHeader('Set-Cookie', cookieHeader(this.#signInCookie, pending.state, { httpOnly: true, sameSite: 'Lax', secure: this.options.secureCookies, maxAge: 600 }));
    res.writeHead(302, { Location: target.href, 'Cache-Control': 'no-store' }).end();
  }

  async #finish(req: IncomingMessage, res: ServerResponse, url: URL, redirectUri: string): Promise<void> {
    const state = url.searchParams.get('state') ?? '';
    const browserState = readCookie(req, this.#signInCookie) ?? '';
    const clearSignIn = cookieHeader(this.#signInCookie, '', { httpOnly: true, sameSite: 'Lax', secure: this.options.secureCookies, maxAge: 0 });
    const pending = state && browserState && sameText(state, browserState) ? this.#pending.take(state) : null;
    if (!pending) {
      res.setHeader('Set-Cookie', clearSignIn);
      sendPage(res, 400, 'Sign-in did not complete', 'This sign-in was already used, has expired, or was started in another browser. Sign in again.');
      return;
    }
    let completed;
    try {
      const callbackUrl = new URL(url.pathname + url.search, redirectUri);
      completed = await this.options.provider.complete(callbackUrl, { state: pending.state, nonce: pending.nonce, codeVerifier: pending.codeVerifier }, redirectUri);
    } catch (error) {
      // The reason goes to the host's log (no patient data is involved); the person gets a sentence.
      console.warn(`[transferready] sign-in refused: ${error instanceof Error ? error.message : String(error)}`);
      res.setHeader('Set-Cookie', clearSignIn);
      sendPage(res, 401, 'Sign-in did not complete', "The identity provider's answer could not be verified, so you are not signed in. Sign in again; if it keeps happening, tell your IT department.");
      return;
    }
    let person;
    try {
      person = await this.options.people.recordSignIn({ ...completed.identity, emailVerified: completed.emailVerified });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.setHeader('Set-Cookie', clearSignIn);
      sendPage(res, 403, 'Sign-in did not complete', error.message);
      return;
    }
    // A fresh session id at every sign-in: one planted in this browser before is never promoted.
    const earlier = readCookie(req, this.#sessionCookie);
    if (earlier) this.sessions.end(earlier);
    const session = this.sessions.create(person.caller.userId, person.rolesVersion, completed.idToken);
    const maxAge = Math.floor(this.options.limits.absoluteMs / 1000);
    res.setHeader('Set-Cookie', [
      clearSignIn,
      // Lax: the first request after the provider's redirect is a cross-site navigation chain.
      cookieHeader(this.#sessionCookie, session.id, { httpOnly: true, sameSite: 'Lax', secure: this.options.secureCookies, maxAge }),
      // Readable by the page (not HttpOnly) so it can echo it in a header; useless to other sites.
      cookieHeader(this.#csrfCookie, session.csrfToken, { httpOnly: false, sameSite: 'Strict', secure: this.options.secureCookies, maxAge }),
    ]);
    res.writeHead(303, { Location: pending.returnTo, 'Cache-Control': 'no-store' }).end();
  }

  /**
   * A desktop's sign-in in the system browser. GET: the person, signed in here (or sent through
   * sign-in first and brought back), is asked whether TransferReady on their computer may use the
   * registry as them: never automatic, so a page that opens this address cannot sign a program
   * in behind their back (RFC 8252 §8.6). POST (the form, with the session's CSRF token): a
   * one-time code goes to the desktop's loopback address. Anything but a loopback redirect is
   * refused with a page, never followed.
   */
  async #desktopApproval(req: IncomingMessage, res: ServerResponse, url: URL, publicUrl: URL): Promise<void> {
    const refuse = () =>
      sendPage(res, 400, 'This desktop sign-in cannot go on', 'The sign-in link is incomplete or names an address that is not this computer. Start again from Settings → Shared registry in TransferReady.');
    if (req.method === 'GET') {
      const request = desktopRequest((name) => url.searchParams.get(name));
      if (!request) return refuse();
      const signedIn = await this.authenticate(req);
      if (!signedIn?.session) {
        res.writeHead(302, { Location: `/auth/sign-in?return=${encodeURIComponent(url.pathname + url.search)}`, 'Cache-Control': 'no-store' }).end();
        return;
      }
      const { caller, session } = signedIn;
      const field = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
      // This page alone may post its form, to this host, and be redirected on to the loopback listener.
      res.setHeader('Content-Security-Policy', `default-src 'none'; form-action 'self' ${new URL(request.redirectUri).origin}; frame-ancestors 'none'; base-uri 'none'`);
      // So the form's POST carries this host's Origin (under no-referrer a browser sends "null").
      res.setHeader('Referrer-Policy', 'same-origin');
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in TransferReady on this computer · TransferReady</title></head><body><main>` +
          `<h1>Sign in TransferReady on this computer?</h1>` +
          `<p>TransferReady on your computer asks to use the shared registry at ${escapeHtml(publicUrl.origin)} as ${escapeHtml(caller.identity.name)}${caller.identity.email ? ` (${escapeHtml(caller.identity.email)})` : ''}, with your roles, for up to ${DESKTOP_SESSION_DAYS} days.</p>` +
          `<p>Continue only if you started this from Settings → Shared registry in TransferReady just now.</p>` +
          `<form method="post" action="/${DESKTOP_SIGN_IN_PATH}">` +
          field('redirect_uri', request.redirectUri) +
          field('state', request.state) +
          field('code_challenge', request.codeChallenge) +
          field('code_challenge_method', 'S256') +
          field('csrf', session.csrfToken) +
          `<button type="submit">Sign in TransferReady on this computer</button></form></main></body></html>`,
      );
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'GET, POST' }).end();
      return;
    }
    const origin = req.headers.origin;
    const body = await readSmallBody(req);
    const form = new URLSearchParams(body ?? '');
    const request = body === null ? null : desktopRequest((name) => form.get(name));
    if (!request) return refuse();
    const signedIn = await this.authenticate(req);
    const csrf = form.get('csrf') ?? '';
    if (!signedIn?.session || (origin !== undefined && origin !== publicUrl.origin) || !sameText(csrf, signedIn.session.csrfToken)) {
      sendPage(res, 403, 'This desktop sign-in cannot go on', 'The approval did not come from this page, or you are no longer signed in. Start again from Settings → Shared registry in TransferReady.');
      return;
    }
    const person = await this.options.people.find(signedIn.caller.userId);
    if (!person) return refuse();
    const code = this.#desktopCodes.issue({ userId: signedIn.caller.userId, rolesVersion: person.rolesVersion, codeChallenge: request.codeChallenge, redirectUri: request.redirectUri });
    const target = new URL(request.redirectUri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', request.state);
    res.writeHead(303, { Location: target.href, 'Cache-Control': 'no-store' }).end();
  }

  /**
   * The desktop exchanges its code: PKCE S256 against the challenge the browser carried, the
   * same redirect URI, within a minute, once. The answer is a new random token, stored here as
   * its SHA-256 only.
   */
  async #desktopToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refuse = (status: number, message: string) => sendJsonAnswer(res, status, failure('signed_out', message));
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    const wait = this.#attempts.attempt(req.socket.remoteAddress ?? 'unknown');
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      return refuse(429, `Too many sign-in attempts from this address. Wait ${wait} seconds, then sign in again.`);
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(415, 'Send the exchange as application/json.');
    const body = await readSmallBody(req);
    let input: { code?: unknown; code_verifier?: unknown; redirect_uri?: unknown } = {};
    try {
      input = body === null ? {} : (JSON.parse(body) as typeof input);
    } catch {
      // Refused below like any other malformed exchange.
    }
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    const code = text(input?.code);
    const verifier = text(input?.code_verifier);
    const redirectUri = text(input?.redirect_uri);
    const held = OPAQUE_VALUE.test(code) ? this.#desktopCodes.take(code) : null;
    if (!held || !CODE_VERIFIER.test(verifier) || !sameText(redirectUri, held.redirectUri) || !pkceMatches(verifier, held.codeChallenge)) {
      return refuse(400, 'This sign-in code was already used, has expired, or does not belong to this desktop. Sign in again from Settings → Shared registry.');
    }
    const person = await this.options.people.find(held.userId);
    if (!person || person.rolesVersion !== held.rolesVersion) {
      return refuse(400, 'Your roles in the shared registry changed while you were signing in. Sign in again from Settings → Shared registry.');
    }
    const accessToken = randomToken();
    const expiresAt = new Date(this.#clock() + DESKTOP_SESSION_DAYS * 86_400_000);
    const started = await this.options.people.startDesktopSession({ userId: held.userId, tokenSha256: sha256Hex(accessToken), expiresAt });
    if (started === null) return refuse(400, 'Your account in the shared registry is not signed in any more. Sign in again from Settings → Shared registry.');
    const answer: DesktopToken = { accessToken, expiresAt: expiresAt.toISOString(), name: person.caller.identity.name };
    sendJsonAnswer(res, 200, { ok: true, value: answer });
  }

  /** A desktop that disconnects ends its own session; its token is refused from then on. */
  async #desktopRevoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    const token = bearerToken(req);
    if (token === null || !OPAQUE_VALUE.test(token)) {
      sendJsonAnswer(res, 401, failure('signed_out', 'Send the desktop token to end its session.'));
      return;
    }
    await this.options.people.revokeDesktopSession(sha256Hex(token));
    // The same answer whether it was live or not: nobody learns which tokens exist.
    sendJsonAnswer(res, 200, { ok: true, value: null });
  }

  async #signOut(req: IncomingMessage, res: ServerResponse, publicUrl: URL): Promise<void> {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== publicUrl.origin) {
      json(403, { ok: false, error: { code: 'forbidden', message: 'Requests from other sites are refused.', fields: [] } });
      return;
    }
    const id = readCookie(req, this.#sessionCookie);
    const session = id ? this.sessions.use(id) : null;
    if (session && !this.csrfTokenMatches(req, session)) {
      json(403, { ok: false, error: { code: 'forbidden', message: 'This request did not come from a TransferReady page. Reload the page and try again.', fields: [] } });
      return;
    }
    if (session) this.sessions.end(session.id);
    const signedOut = new URL('auth/signed-out', publicUrl).href;
    const endSession = this.options.provider.endSessionUrl(session?.idToken, signedOut);
    res.setHeader('Set-Cookie', [
      cookieHeader(this.#sessionCookie, '', { httpOnly: true, sameSite: 'Lax', secure: this.options.secureCookies, maxAge: 0 }),
      cookieHeader(this.#csrfCookie, '', { httpOnly: false, sameSite: 'Strict', secure: this.options.secureCookies, maxAge: 0 }),
    ]);
    json(200, { ok: true, value: { redirectTo: endSession?.href ?? signedOut } });
  }
}
