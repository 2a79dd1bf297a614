import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DESKTOP_SIGN_IN_PATH, DESKTOP_TOKEN_PATH, OPAQUE_VALUE, type DesktopToken } from '../../../shared/desktop-sign-in';
import { escapeHtml, sameText } from '../../security';
import { registryBase } from './feed-transport';

/** How long the desktop waits for the person to finish in their browser. */
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;
const EXCHANGE_TIMEOUT_MS = 20_000;
const CALLBACK_PATH = '/signed-in';

export interface LoopbackSignIn {
  /** The registry's sign-in address, to open in the system browser. */
  browserUrl: string;
  /** Stops listening; nothing more happens. */
  cancel(): void;
}

export interface LoopbackSignInOptions {
  serverUrl: string;
  timeoutMs: number;
  /** Uses the token (stores it, connects, pulls); throws with a sentence for the person when it cannot. */
  onToken(token: DesktopToken): Promise<void>;
  /** Called once when the sign-in is over: null when it worked, otherwise why not. */
  onEnd(problem: string | null): void;
}

/** The small page the browser tab shows at the end; no scripts, nothing loaded from anywhere. */
function answerBrowser(res: ServerResponse, status: number, title: string, message: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · TransferReady</title></head>` +
      `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`,
  );
}

/** Exchanges the code at the registry, with the PKCE verifier only this desktop holds. */
export async function exchangeDesktopCode(serverUrl: string, exchange: { code: string; codeVerifier: string; redirectUri: string }): Promise<DesktopToken> {
  let response: Response;
  try {
    response = await fetch(new URL(DESKTOP_TOKEN_PATH, registryBase(serverUrl)), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: exchange.code, code_verifier: exchange.codeVerifier, redirect_uri: exchange.redirectUri }),
      redirect: 'error',
      signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS),
    });
  } catch {
    throw new Error(`The shared registry at ${new URL(serverUrl).origin} did not answer when this desktop finished signing in. Sign in again.`);
  }
  let body: { ok?: unknown; value?: Partial<DesktopToken>; error?: { message?: unknown } } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Judged below.
  }
  const value = body.value;
  if (response.ok && body.ok === true && value && typeof value.accessToken === 'string' && OPAQUE_VALUE.test(value.accessToken) && typeof value.expiresAt === 'string') {
    return { accessToken: value.accessToken, expiresAt: value.expiresAt, name: typeof value.name === 'string' ? value.name.slice(0, 120) : '' };
  }
  const said = typeof body.error?.message === 'string' ? body.error.message.slice(0, 300) : `It answered HTTP ${response.status}.`;
  throw new Error(`The shared registry did not sign this desktop in. ${said}`);
}

/**
 * RFC 8252 on the desktop's side: a listener on the loopback IP literal (never other
 * interfaces), a fresh state and PKCE verifier, and the registry's sign-in address to open in
 * the system browser. The listener takes one callback with the right state, exchanges its code,
 * hands the token on, answers the tab, and closes; it gives up after `timeoutMs`.
 */
export async function startLoopbackSignIn(options: LoopbackSignInOptions): Promise<LoopbackSignIn> {
  const state = randomBytes(32).toString('base64url');
  const codeVerifier = randomBytes(32).toString('base64url');
  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;
  let over = false;
  let taken = false;

  const end = (problem: string | null) => {
    if (over) return;
    over = true;
    clearTimeout(timer);
    server.close();
    // Lets the last answer go out before the connections close.
    setTimeout(() => server.closeAllConnections(), 1000).unref();
    options.onEnd(problem);
  };
  const timer = setTimeout(() => {
    end(`The sign-in was not finished in your browser within ${Math.round(options.timeoutMs / 60_000) || 1} minutes. Start it again.`);
  }, options.timeoutMs);
  timer.unref();

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only this exact address: a page elsewhere whose name resolves to 127.0.0.1 gets nothing.
    if (req.headers.host !== `127.0.0.1:${port}`) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Unknown host name.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.');
      return;
    }
    const code = url.searchParams.get('code') ?? '';
    const givenState = url.searchParams.get('state') ?? '';
    if (taken || over || !sameText(givenState, state) || !OPAQUE_VALUE.test(code)) {
      answerBrowser(res, 400, 'Sign-in did not complete', 'This sign-in link was already used, has expired, or was not started by TransferReady on this computer. Start again from Settings → Shared registry.');
      return;
    }
    taken = true;
    try {
      const token = await exchangeDesktopCode(options.serverUrl, { code, codeVerifier, redirectUri });
      await options.onToken(token);
      answerBrowser(res, 200, 'Signed in — return to TransferReady', `TransferReady on this computer is signed in to the shared registry${token.name ? ` as ${token.name}` : ''}. You can close this tab.`);
      end(null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      answerBrowser(res, 400, 'Sign-in did not complete', message);
      end(message);
    }
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const browserUrl = new URL(DESKTOP_SIGN_IN_PATH, registryBase(options.serverUrl));
  browserUrl.searchParams.set('redirect_uri', redirectUri);
  browserUrl.searchParams.set('state', state);
  browserUrl.searchParams.set('code_challenge', codeChallenge);
  browserUrl.searchParams.set('code_challenge_method', 'S256');
  return { browserUrl: browserUrl.href, cancel: () => end(null) };
}
