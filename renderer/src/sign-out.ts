import { csrfToken } from './http-bridge';

/** Ends the session on the host, then goes where the host says: the provider's sign-out, or ours. */
export async function signOut(): Promise<string | null> {
  const token = csrfToken();
  try {
    const response = await fetch('auth/sign-out', { method: 'POST', headers: token ? { 'X-CSRF-Token': token } : {} });
    const body = (await response.json()) as { ok: boolean; value?: { redirectTo: string }; error?: { message: string } };
    if (!body.ok || !body.value) return body.error?.message ?? 'Signing out did not work. Reload the page and try again.';
    window.location.assign(body.value.redirectTo);
    return null;
  } catch {
    return 'TransferReady is not reachable, so you are still signed in there. Try again in a moment.';
  }
}
