import { createHash } from 'node:crypto';
import { sameText } from '../security';
import { randomToken } from './sessions';

/** A code is exchanged within seconds by the desktop that asked for it; a minute is plenty. */
export const DESKTOP_CODE_LIFETIME_MS = 60_000;
/** How long a desktop's sign-in lasts before the person signs in again. */
export const DESKTOP_SESSION_DAYS = 90;
/** Bounded, so a flood of sign-ins cannot grow memory without end; the oldest go first. */
const MAX_CODES = 10_000;

export interface DesktopCode {
  userId: number;
  /** The person's roles_version when they approved: a role removed meanwhile voids the code. */
  rolesVersion: number;
  codeChallenge: string;
  redirectUri: string;
  createdAt: number;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** RFC 7636 §4.6: BASE64URL(SHA256(verifier)) equals the challenge sent at the start. */
export function pkceMatches(codeVerifier: string, codeChallenge: string): boolean {
  return sameText(createHash('sha256').update(codeVerifier).digest('base64url'), codeChallenge);
}

/**
 * One-time codes a signed-in browser hands to a desktop's loopback listener. Each is bound to
 * the person, the PKCE challenge and the redirect URI; taking it removes it, whatever follows.
 * Held in memory like the browser's pending sign-ins: a server behind a load balancer needs
 * the exchange to reach the server that issued the code (the sign-in already needs that).
 */
export class DesktopCodes {
  readonly #codes = new Map<string, DesktopCode>();

  constructor(private readonly clock: () => number = Date.now) {}

  issue(code: Omit<DesktopCode, 'createdAt'>): string {
    const now = this.clock();
    for (const [key, held] of this.#codes) {
      if (now - held.createdAt > DESKTOP_CODE_LIFETIME_MS || this.#codes.size >= MAX_CODES) this.#codes.delete(key);
      else break;
    }
    const value = randomToken();
    this.#codes.set(value, { ...code, createdAt: now });
    return value;
  }

  /** The code's binding, once; null when unknown, already taken, or expired. */
  take(value: string): DesktopCode | null {
    const held = this.#codes.get(value);
    if (!held) return null;
    this.#codes.delete(value);
    return this.clock() - held.createdAt > DESKTOP_CODE_LIFETIME_MS ? null : held;
  }
}
