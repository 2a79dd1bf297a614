import type { SubmissionReceipt } from '../../../shared/assessment-submission';
import { DESKTOP_REVOKE_PATH } from '../../../shared/desktop-sign-in';
import { MAX_FEED_PAGE_BYTES } from '../../../shared/registry-feed';
import type { Submitter } from './outbox';

/** Asks the shared registry for the page after `after`; resolves to the page as received, unchecked. */
export type FeedTransport = (after: number, limit: number) => Promise<unknown>;

/** The server could not be reached (network down, server stopped, or it said so with 503). */
export class RegistryUnreachable extends Error {}

/** The server answered, but refused (signed out, no permission, an old server): its sentence. */
export class RegistryRefused extends Error {}

/** The server does not know this desktop (HTTP 401): its sign-in expired or was ended. */
export class RegistrySignedOut extends RegistryRefused {}

const TIMEOUT_MS = 20_000;

/** The server's address as a base for its paths, whether or not it was typed with a final slash. */
export function registryBase(serverUrl: string): string {
  return serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`;
}

/** Posts one contract call to the registry; resolves to its HTTP status and envelope. */
async function postCall(serverUrl: string, accessToken: string | null, method: string, input: unknown): Promise<{ status: number; ok: boolean; value?: unknown; message: string }> {
  const endpoint = new URL(`api/${method}`, registryBase(serverUrl));
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}) },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
  } catch {
    throw new RegistryUnreachable(`The shared registry at ${endpoint.origin} did not answer.`);
  }
  const text = await readLimited(response);
  if (response.status === 503 || response.status === 502 || response.status === 504) throw new RegistryUnreachable(`The shared registry at ${endpoint.origin} is not available (HTTP ${response.status}).`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RegistryRefused(`The server at ${endpoint.origin} did not answer as a TransferReady shared registry (HTTP ${response.status}). Check the address.`);
  }
  const envelope = body as { ok?: unknown; value?: unknown; error?: { message?: unknown } };
  if (envelope.ok === true) return { status: response.status, ok: true, value: envelope.value, message: '' };
  const said = typeof envelope.error?.message === 'string' ? envelope.error.message.slice(0, 500) : `HTTP ${response.status}`;
  return { status: response.status, ok: false, message: said };
}

/**
 * The change feed over HTTP: `POST /api/registryChanges` on the server's address, with its
 * access token when it has one. Bodies beyond MAX_FEED_PAGE_BYTES are cut off, not buffered.
 */
export function httpFeedTransport(serverUrl: string, accessToken: string | null): FeedTransport {
  return async (after, limit) => {
    const answer = await postCall(serverUrl, accessToken, 'registryChanges', { after, limit });
    if (answer.status === 401) throw new RegistrySignedOut(`The shared registry refused: ${answer.message}`);
    if (!answer.ok) throw new RegistryRefused(`The shared registry refused: ${answer.message}`);
    return answer.value;
  };
}

/**
 * Sends an outbox submission. A 409 is a conflict for a person to decide; any other refusal
 * (not allowed, not valid any more) is kept with the registry's sentence; a stored one brings
 * its receipt.
 */
export function httpSubmitter(serverUrl: string, accessToken: string | null): Submitter {
  return async (submission) => {
    const answer = await postCall(serverUrl, accessToken, 'submitAssessment', submission);
    if (answer.ok) return { kind: 'delivered', receipt: answer.value as SubmissionReceipt };
    // Signed out is about this desktop, not the submission: it stays queued.
    if (answer.status === 401) throw new RegistrySignedOut(`The shared registry refused: ${answer.message}`);
    return { kind: answer.status === 409 ? 'conflict' : 'refused', message: answer.message };
  };
}

/**
 * Ends this desktop's session at the registry when it disconnects, so the token left behind in
 * a backup or a copied folder signs nobody in. Best effort: a registry out of reach (or one that
 * uses a printed access token, which has no such address) keeps nothing from disconnecting.
 */
export async function revokeDesktopToken(serverUrl: string, accessToken: string): Promise<void> {
  try {
    const response = await fetch(new URL(DESKTOP_REVOKE_PATH, registryBase(serverUrl)), {
      method: 'POST',
      headers: { Authorization: `Bearer ${accessToken}` },
      signal: AbortSignal.timeout(5_000),
      redirect: 'error',
    });
    await response.body?.cancel();
  } catch {
    // Out of reach: the session ends by itself when it expires.
  }
}

async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_FEED_PAGE_BYTES) {
    await response.body?.cancel();
    throw new RegistryRefused(`The shared registry sent a page of ${(declared / 1024 / 1024).toFixed(0)} MB, more than the ${MAX_FEED_PAGE_BYTES / 1024 / 1024} MB this desktop accepts. Nothing was changed here.`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      throw new RegistryUnreachable('The connection to the shared registry broke off in the middle of a page.');
    }
    if (next.done) break;
    size += next.value.byteLength;
    if (size > MAX_FEED_PAGE_BYTES) {
      await reader.cancel();
      throw new RegistryRefused(`The shared registry sent a page larger than the ${MAX_FEED_PAGE_BYTES / 1024 / 1024} MB this desktop accepts. Nothing was changed here.`);
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
