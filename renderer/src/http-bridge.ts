import { failure, type CallResult } from '../../shared/call-result';
import { CALL_NAMES, type ApiBridge } from '../../shared/contract';

/**
 * On a host with sign-in, the per-session token the host set for this page; every call echoes
 * it in a header, which a page of another site cannot do.
 */
export function csrfToken(): string | null {
  const match = /(?:^|;\s*)(?:__Host-)?transferready_csrf=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : null;
}

/**
 * Browser mode: the same `window.api` the Electron preload installs, carried over HTTP to the
 * host that served this page.
 */
export function createHttpBridge(): ApiBridge {
  const entries = CALL_NAMES.map((name) => [
    name,
    async (input: unknown): Promise<CallResult<unknown>> => {
      let response: Response;
      try {
        const token = csrfToken();
        response = await fetch(`api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { 'X-CSRF-Token': token } : {}) },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return failure(
          'internal',
          'TransferReady is not reachable. Check that "npm run serve" is still running, then try again; what you typed is still here.',
        );
      }
      // Opening the app without a session goes to sign-in; a later call keeps the page and its input.
      if (response.status === 401 && name === 'getSession') window.location.assign('auth/sign-in');
      try {
        return (await response.json()) as CallResult<unknown>;
      } catch {
        return failure('internal', `TransferReady answered with an unexpected response (HTTP ${response.status}). Try again.`);
      }
    },
  ]);
  return Object.fromEntries(entries) as ApiBridge;
}
