import { failure, type CallResult } from '../../shared/call-result';
import type { ApiBridge, CallName } from '../../shared/contract';

async function post(name: CallName, input: unknown): Promise<CallResult<unknown>> {
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
}

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
 * host that served this page. Every call name maps to the same POST, so the bridge needs no list
 * of names: listing them would mean loading the whole contract (every schema, the letters) before
 * the first screen, which only the host needs; the host refuses a name it does not know.
 */
export function createHttpBridge(): ApiBridge {
  return new Proxy({} as ApiBridge, {
    // Not a promise: `then` is no call, so awaiting the bridge by mistake does not post "then".
    get: (_bridge, name) => (typeof name === 'string' && name !== 'then' ? (input: unknown) => post(name as CallName, input) : undefined),
  });
}
