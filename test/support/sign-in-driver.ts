import { createHash, randomBytes } from 'node:crypto';

/** Cookies by name, as a browser would keep them for one site (paths ignored: tests use few). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const equals = pair!.indexOf('=');
      const name = pair!.slice(0, equals).trim();
      const value = pair!.slice(equals + 1).trim();
      const removed = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === '';
      if (removed) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(name: string): string | undefined {
    const value = this.cookies.get(name);
    return value === undefined ? undefined : decodeURIComponent(value);
  }
}

/** One request without following redirects, with and into a jar. */
export async function visit(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), Cookie: jar.header() } });
  jar.take(response);
  return response;
}

/** Where a redirect points, absolute; anything but a redirect fails the test. */
export function location(response: Response, base: string): string {
  const target = response.headers.get('location');
  if (!target) throw new Error(`Expected a redirect from ${base}, got HTTP ${response.status}`);
  return new URL(target, base).href;
}

/**
 * The provider's side of a sign-in: from the authorization address the host redirected to,
 * through the development login form, to the address the provider sends the browser back to
 * (the host's callback with code and state). The host is not visited.
 */
export async function loginAtProvider(providerJar: CookieJar, authorizationUrl: string, login: string, stopAt: string): Promise<string> {
  let url = authorizationUrl;
  for (let step = 0; step < 10; step += 1) {
    if (url.startsWith(stopAt)) return url;
    const response = await visit(providerJar, url);
    if (response.status === 200 && new URL(url).pathname.startsWith('/interaction/')) {
      const form = new URLSearchParams({ prompt: 'login', login, password: 'any' });
      const submitted = await visit(providerJar, url, { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      url = location(submitted, url);
      continue;
    }
    url = location(response, url);
  }
  throw new Error('The provider did not send the browser back.');
}

export interface StartedSignIn {
  /** The host's cookies after /auth/sign-in: the one tying the return to this browser. */
  hostJar: CookieJar;
  authorizationUrl: string;
}

export async function startSignIn(hostUrl: string): Promise<StartedSignIn> {
  const hostJar = new CookieJar();
  const response = await visit(hostJar, new URL('auth/sign-in', hostUrl).href);
  return { hostJar, authorizationUrl: location(response, hostUrl) };
}

/** A whole sign-in as a browser does it; the jar then holds the session. */
export async function signIn(hostUrl: string, login: string): Promise<CookieJar> {
  const { hostJar, authorizationUrl } = await startSignIn(hostUrl);
  const callback = await loginAtProvider(new CookieJar(), authorizationUrl, login, new URL('auth/callback', hostUrl).href);
  const finished = await visit(hostJar, callback);
  if (finished.status !== 303) throw new Error(`Sign-in as ${login} ended with HTTP ${finished.status}: ${await finished.text()}`);
  return hostJar;
}

/** A contract call from the host's own page: same origin, with the session's CSRF token. */
export async function callAsPage(hostUrl: string, jar: CookieJar, method: string, input: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return visit(jar, new URL(`api/${method}`, hostUrl).href, {
    method: 'POST',
    body: JSON.stringify(input),
    headers: {
      'Content-Type': 'application/json',
      Origin: new URL(hostUrl).origin,
      ...(jar.get('transferready_csrf') ? { 'X-CSRF-Token': jar.get('transferready_csrf')! } : {}),
      ...headers,
    },
  });
}

/** Hidden fields of the registry's desktop approval page's form. */
export function formFields(html: string): URLSearchParams {
  const fields = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(match[1]!, match[2]!.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))));
  }
  return fields;
}

/** A desktop of the test's own making: its PKCE pair, and the registry address it would open. */
export function fakeDesktop(hostUrl: string, redirectUri = 'http://127.0.0.1:9/signed-in') {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(16).toString('base64url');
  const url = new URL('auth/desktop', hostUrl);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return { verifier, state, redirectUri, browserUrl: url.href };
}

/** The desktop's side of the exchange: a code and its PKCE verifier for a token. */
export async function exchangeDesktopCode(hostUrl: string, code: string, verifier: string, redirectUri: string): Promise<Response> {
  return fetch(new URL('auth/desktop/token', hostUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, code_verifier: verifier, redirect_uri: redirectUri }),
  });
}
