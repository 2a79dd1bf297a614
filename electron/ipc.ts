import { ipcMain } from 'electron';
import { failure } from '../shared/call-result';
import { IPC_CHANNEL, type CoreCalls } from '../shared/contract';
import { LOCAL_CALLER } from '../shared/permissions';
import { dispatchCall } from './core/dispatch';

export const APP_SCHEME = 'app';
export const APP_HOST = 'transferready';

/** Only our own pages, served from app://transferready, may call the core. */
export function isTrustedFrameUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export function registerIpc(calls: CoreCalls): void {
  ipcMain.handle(IPC_CHANNEL, (event, method: unknown, input: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isTrustedFrameUrl(frameUrl)) {
      return failure('forbidden', 'This window is not allowed to use TransferReady data.');
    }
    // The desktop has one user, whose profile says who they are.
    return dispatchCall(calls, method, input, LOCAL_CALLER);
  });
}
