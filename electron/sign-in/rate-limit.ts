/**
 * Sign-in attempts per client address in fixed windows: enough for a person who mistypes, too
 * few to try many codes or states. Memory stays bounded by forgetting windows that have passed.
 */
export class AddressRateLimit {
  readonly #windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one attempt; the seconds to wait when over the limit, otherwise 0. */
  attempt(address: string): number {
    const now = this.clock();
    if (this.#windows.size > 50_000) {
      for (const [key, window] of this.#windows) if (now - window.startedAt >= this.windowMs) this.#windows.delete(key);
    }
    let window = this.#windows.get(address);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { startedAt: now, count: 0 };
      this.#windows.set(address, window);
    }
    window.count += 1;
    return window.count > this.limit ? Math.ceil((window.startedAt + this.windowMs - now) / 1000) : 0;
  }
}
