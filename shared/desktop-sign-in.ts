/**
 * A desktop signs in to a shared registry the way RFC 8252 describes for native apps: the
 * system browser signs the person in at the registry, which sends a one-time code to a
 * listener on the desktop's own loopback address; the desktop exchanges it, with its PKCE
 * verifier, for a token of its own.
 */

/** Where the browser starts, on the registry's address. */
export const DESKTOP_SIGN_IN_PATH = 'auth/desktop';
/** Where the desktop exchanges the code for its token. */
export const DESKTOP_TOKEN_PATH = 'auth/desktop/token';
/** Where a desktop that disconnects ends its session. */
export const DESKTOP_REVOKE_PATH = 'auth/desktop/revoke';

/** What the registry answers a good exchange with. */
export interface DesktopToken {
  accessToken: string;
  expiresAt: string;
  /** The person signed in, as the registry knows them. */
  name: string;
}

/** PKCE verifiers (RFC 7636 §4.1) and the S256 challenge made from one. */
export const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
export const CODE_CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;
/** State, codes and tokens are base64url text of bounded length. */
export const OPAQUE_VALUE = /^[A-Za-z0-9\-_]{16,128}$/;
