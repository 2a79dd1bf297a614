import type { CallResult } from '../../shared/call-result';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { openCore, type Core } from '../../electron/core/core';
import { dispatchCall } from '../../electron/core/dispatch';
import { LOCAL_CALLER } from '../../shared/permissions';
import { makeTempFolder } from './temp-folder';

/** A real core on a real SQLite file in a temp folder, driven through the contract's dispatcher. */
export class CoreHarness {
  /** A fresh temp folder, or an existing one to open a database already there. */
  constructor(readonly folder: { path: string; remove(): void } = makeTempFolder()) {}

  clock = new Date('2026-03-04T10:00:00.000Z');
  core!: Core;

  async open(): Promise<this> {
    this.core = await openCore({ dataDirectory: this.folder.path, appVersion: 'test', now: () => this.clock });
    return this;
  }

  async reopen(): Promise<void> {
    await this.core.close();
    await this.open();
  }

  async dispose(): Promise<void> {
    await this.core.close();
    this.folder.remove();
  }

  call<K extends CallName>(method: K, input: CallInput<K>): Promise<CallResult<CallOutput<K>>> {
    return dispatchCall(this.core.calls, method, input, LOCAL_CALLER) as Promise<CallResult<CallOutput<K>>>;
  }

  async value<K extends CallName>(method: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const result = await this.call(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.message} ${JSON.stringify(result.error.fields)}`);
    return result.value;
  }

  rows<T>(sql: string, ...params: unknown[]): T[] {
    return this.core.database.sqlite.prepare(sql).all(...params) as T[];
  }
}
