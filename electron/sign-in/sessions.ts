import { randomBytes } from 'node:crypto';

export interface SessionLimits {
  /** A session nobody used for this long ends (default 30 minutes). */
  idleMs: number;
  /** A session ends this long after sign-in however busy it is (default 12 hours). */
  absoluteMs: number;
}

export interface SignedInSession {
  id: string;
  userId: number;
  /** The user's roles_version at sign-in: a removed role raises it and ends the session. */
  rolesVersion: number;
  /** Sent back by the page with every call; another site cannot read it. */
  csrfToken: string;
  /** For the provider's end-session endpoint (id_token_hint); never sent to the page. */
  idToken: string | undefined;
  createdAt: number;
  lastSeenAt: number;
}

/** 256 bits from the system's generator: unguessable, so the id itself is the credential. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Sessions of one host process, held in memory: a restart signs everyone out, which is the safe
 * direction. Expiry is checked on every read, so a session past either limit is never used.
 */
export class SessionStore {
  readonly #sessions = new Map<string, SignedInSession>();

  constructor(
    readonly limits: SessionLimits,
    private readonly clock: () => number = Date.now,
  ) {}

  create(userId: number, rolesVersion: number, idToken: string | undefined): SignedInSession {
    this.#sweep();
    const now = this.clock();
    const session = { id: randomToken(), userId, rolesVersion, csrfToken: randomToken(), idToken, createdAt: now, lastSeenAt: now };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session for a cookie value, its idle clock restarted; null when unknown or expired. */
  use(id: string): SignedInSession | null {
    const session = this.#sessions.get(id);
    if (!session) return null;
    const now = this.clock();
    if (now - session.lastSeenAt > this.limits.idleMs || now - session.createdAt > this.limits.absoluteMs) {
      this.#sessions.delete(id);
      return null;
    }
    session.lastSeenAt = now;
    return session;
  }

  end(id: string): SignedInSession | null {
    const session = this.#sessions.get(id) ?? null;
    this.#sessions.delete(id);
    return session;
  }

  #sweep(): void {
    const now = this.clock();
    for (const [id, session] of this.#sessions) {
      if (now - session.lastSeenAt > this.limits.idleMs || now - session.createdAt > this.limits.absoluteMs) this.#sessions.delete(id);
    }
  }
}
