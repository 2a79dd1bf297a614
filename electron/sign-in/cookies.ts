import type { IncomingMessage } from 'node:http';

export function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(/;\s*/)) {
    const equals = part.indexOf('=');
    if (equals > 0 && part.slice(0, equals) === name) {
      try {
        return decodeURIComponent(part.slice(equals + 1));
      } catch {
        return null;
      }
    }
  }
  return null;
}

export interface CookieOptions {
  httpOnly: boolean;
  sameSite: 'Strict' | 'Lax';
  secure: boolean;
  /** Seconds; 0 removes the cookie. */
  maxAge?: number;
}

export function cookieHeader(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    `SameSite=${options.sameSite}`,
    ...(options.httpOnly ? ['HttpOnly'] : []),
    ...(options.secure ? ['Secure'] : []),
    ...(options.maxAge !== undefined ? [`Max-Age=${options.maxAge}`] : []),
  ].join('; ');
}
