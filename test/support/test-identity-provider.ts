import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** TransferReady as the test provider knows it. */
export const TEST_CLIENT = { clientId: 'transferready', clientSecret: 'transferready-test-secret-0123456789' };

export interface TestAccount {
  name: string;
  email: string;
  emailVerified?: boolean;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  /** The TransferReady host's address; its /auth/callback and /auth/signed-out are registered. */
  hostUrl: string;
}

/** Changes the claims of the next ID tokens the token endpoint hands out, re-signed with the provider's own key. */
export type IdTokenDefect = (claims: Record<string, unknown>) => Record<string, unknown>;

export interface RunningIdentityProvider {
  issuer: string;
  /**
   * From now on, ID tokens leave the token endpoint changed this way (wrong issuer, audience,
   * expiry): validly signed, so only the claim checks stand between them and a session.
   */
  tamperIdTokens(defect: IdTokenDefect | null): void;
  close(): Promise<void>;
}

/** A free loopback port, for a host whose address the provider must know before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A real OpenID provider (`oidc-provider`) on 127.0.0.1: its development login form takes any
 * account id as the login and signs that account in. PKCE is required for every client, as a
 * hospital's provider would be set up for us, and consent is taken as given for the test clients.
 */
export async function startIdentityProvider(options: {
  accounts: Record<string, TestAccount>;
  clients: TestClient[];
  /** Seconds an ID token is valid (the provider's default is an hour). */
  idTokenSeconds?: number;
}): Promise<RunningIdentityProvider> {
  // The provider runs behind a small proxy that is its public address, so a test can alter what
  // its token endpoint answers; everything else passes through untouched.
  const inner: Server = createServer();
  const outer: Server = createServer();
  await new Promise<void>((resolve) => inner.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => outer.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(outer.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' };
  let defect: IdTokenDefect | null = null;
  outer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const forward = request(
      { host: '127.0.0.1', port: (inner.address() as AddressInfo).port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          let body = Buffer.concat(chunks);
          const headers = { ...answer.headers };
          if (defect && req.url?.startsWith('/token') && answer.statusCode === 200) {
            const tokens = JSON.parse(body.toString()) as { id_token?: string };
            if (tokens.id_token) tokens.id_token = resign(tokens.id_token, defect, privateKey);
            body = Buffer.from(JSON.stringify(tokens));
            headers['content-length'] = String(body.length);
          }
          res.writeHead(answer.statusCode ?? 502, headers).end(body);
        });
      },
    );
    req.pipe(forward);
  });

  const provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: [new URL('auth/callback', client.hostUrl).href],
      post_logout_redirect_uris: [new URL('auth/signed-out', client.hostUrl).href],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    cookies: { keys: ['transferready-test-cookie-key'] },
    jwks: { keys: [signingKey] },
    ttl: { IdToken: options.idTokenSeconds ?? 3600 },
    async findAccount(_ctx, sub) {
      const account = options.accounts[sub];
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, name: account.name, email: account.email, email_verified: account.emailVerified ?? true };
        },
      };
    },
    // The test clients are first-party: the person is not asked to consent to each scope.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
  });
  inner.on('request', provider.callback());

  const stop = (server: Server) =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    issuer,
    tamperIdTokens(next) {
      defect = next;
    },
    close: async () => {
      await stop(outer);
      await stop(inner);
    },
  };
}

function resign(jwt: string, defect: IdTokenDefect, key: KeyObject): string {
  const [header, payload] = jwt.split('.');
  const claims = defect(JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>);
  const signingInput = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), key).toString('base64url')}`;
}
