import { randomToken } from './sessions';

/** What the host must remember between sending someone to the provider and their return. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where in the app to go afterwards: a path of this host, never another site. */
  returnTo: string;
  createdAt: number;
}

const LIFETIME_MS = 10 * 60 * 1000;
/** Bounded, so a flood of sign-in starts cannot grow memory without end; the oldest go first. */
const MAX_PENDING = 10_000;

/** Each state is taken once: a replayed or forged callback finds nothing. */
export class PendingSignIns {
  readonly #pending = new Map<string, PendingSignIn>();

  constructor(private readonly clock: () => number = Date.now) {}

  begin(returnTo: string, codeVerifier: string): PendingSignIn {
    const now = this.clock();
    for (const [state, pending] of this.#pending) {
      if (now - pending.createdAt > LIFETIME_MS || this.#pending.size >= MAX_PENDING) this.#pending.delete(state);
      else break;
    }
    const pending = { state: randomToken(), nonce: randomToken(), codeVerifier, returnTo, createdAt: now };
    this.#pending.set(pending.state, pending);
    return pending;
  }

  take(state: string): PendingSignIn | null {
    const pending = this.#pending.get(state);
    if (!pending) return null;
    this.#pending.delete(state);
    return this.clock() - pending.createdAt > LIFETIME_MS ? null : pending;
  }
}
