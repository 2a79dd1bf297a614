import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as oidc from 'openid-client';
import type { Caller } from '../../shared/permissions';
import type { Core } from '../core/core';
import { DomainError } from '../core/errors';
import { cookieHeader, readCookie } from './cookies';
import type { IdentityProvider } from './identity-provider';
import { PendingSignIns } from './pending-sign-ins';
import { AddressRateLimit } from './rate-limit';
import { SessionStore, type SessionLimits, type SignedInSession } from './sessions';

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
  session: SignedInSession;
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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

  constructor(private readonly options: SignInOptions) {
    const clock = options.clock ?? Date.now;
    this.sessions = new SessionStore(options.limits, clock);
    this.#pending = new PendingSignIns(clock);
    this.#attempts = new AddressRateLimit(options.attemptsPerMinute ?? 30, 60_000, clock);
    // __Host- cookies are bound to this exact host and must be Secure, so only behind TLS.
    const prefix = options.secureCookies ? '__Host-' : '';
    this.#sessionCookie = `${prefix}transferready_session`;
    this.#csrfCookie = `${prefix}transferready_csrf`;
    this.#signInCookie = `${prefix}transferready_signin`;
  }

  /** The person behind the request's session cookie, with the roles the registry grants now; null when signed out. */
  async authenticate(req: IncomingMessage): Promise<Authenticated | null> {
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
