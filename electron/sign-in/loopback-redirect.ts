import { DESKTOP_SIGN_IN_PATH } from '../../shared/desktop-sign-in';

/**
 * A redirect URI for a desktop's listener: plain HTTP to the loopback IP literal (RFC 8252
 * §7.3 and §8.3: not "localhost", which a resolver may send elsewhere), an explicit port and a
 * path, nothing else. It must be written exactly as a URL parser writes it back, so no odd
 * spelling (0x7f.1, user@, backslashes) means one thing here and another in a browser.
 */
export function loopbackRedirectUri(value: string | null | undefined): URL | null {
  if (!value || value.length > 200) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:') return null;
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') return null;
  if (url.port === '' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
  if (url.href !== value) return null;
  return url;
}

/**
 * The registry's desktop sign-in address, as a desktop app may open it in the system browser:
 * http(s), no credentials, the sign-in path, and a loopback redirect. Anything else is not
 * opened outside the app.
 */
export function isDesktopSignInUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username === '' &&
    url.password === '' &&
    url.pathname.endsWith(`/${DESKTOP_SIGN_IN_PATH}`) &&
    loopbackRedirectUri(url.searchParams.get('redirect_uri')) !== null
  );
}
