/**
 * Calls share the database; a restore needs it alone. Shared work runs freely (awaiting any
 * exclusive work queued first); exclusive work waits for the shared work in flight to finish
 * and holds new calls back until it is done, so nothing runs on a closed or half-swapped file.
 */
export class DatabaseAccess {
  private inFlight = 0;
  private gate: Promise<void> | null = null;
  private drained: (() => void) | null = null;

  async shared<T>(work: () => Promise<T>): Promise<T> {
    while (this.gate) await this.gate;
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.drained?.();
    }
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    while (this.gate) await this.gate;
    let open!: () => void;
    this.gate = new Promise<void>((resolve) => (open = resolve));
    try {
      if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      this.drained = null;
      return await work();
    } finally {
      this.gate = null;
      open();
    }
  }
}
