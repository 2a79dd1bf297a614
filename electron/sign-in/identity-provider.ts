import * as oidc from 'openid-client';
import type { VerifiedIdentity } from '../../shared/permissions';

export interface IdentityProviderOptions {
  issuer: URL;
  clientId: string;
  /** From TRANSFERREADY_OIDC_SECRET; without it the host signs in as a public client (PKCE only). */
  clientSecret: string | undefined;
}

export interface CompletedSignIn {
  identity: VerifiedIdentity;
  emailVerified: boolean;
  idToken: string | undefined;
}

/** The hospital's OpenID provider as the host uses it: authorization code flow with PKCE. */
export interface IdentityProvider {
  readonly issuer: string;
  authorizationUrl(request: { redirectUri: string; state: string; nonce: string; codeChallenge: string }): URL;
  /** Checks state, nonce, PKCE, issuer, audience, signature and expiry; throws when any fails. */
  complete(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }, redirectUri: string): Promise<CompletedSignIn>;
  /** The provider's end-session address, or null when it has none. */
  endSessionUrl(idToken: string | undefined, postLogoutRedirectUri: string): URL | null;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Plain HTTP only for a provider on this computer (a test or a local setup); anything else must be HTTPS. */
export function issuerProblem(issuer: URL): string | null {
  if (issuer.protocol === 'https:') return null;
  if (issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname)) return null;
  return `The identity provider address must start with https:// (got ${issuer.origin}).`;
}

export async function discoverIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  const problem = issuerProblem(options.issuer);
  if (problem) throw new Error(problem);
  // A few seconds for clocks that differ, not the library's 30: an expired token stays expired.
  const metadata: Partial<oidc.ClientMetadata> = { [oidc.clockTolerance]: 5, ...(options.clientSecret ? { client_secret: options.clientSecret } : {}) };
  const auth = options.clientSecret ? oidc.ClientSecretBasic(options.clientSecret) : oidc.None();
  const config = await oidc.discovery(options.issuer, options.clientId, metadata, auth, {
    execute: options.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
    timeout: 10,
  });
  const issuer = config.serverMetadata().issuer;

  return {
    issuer,
    authorizationUrl: ({ redirectUri, state, nonce, codeChallenge }) =>
      oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        response_type: 'code',
        state,
        nonce,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      }),
    async complete(callbackUrl, checks, redirectUri) {
      const tokens = await oidc.authorizationCodeGrant(
        config,
        callbackUrl,
        { expectedState: checks.state, expectedNonce: checks.nonce, pkceCodeVerifier: checks.codeVerifier, idTokenExpected: true },
        { redirect_uri: redirectUri },
      );
      const claims = tokens.claims();
      if (!claims) throw new Error('The provider sent no ID token.');
      // Some providers keep profile and email out of the ID token; their user-info endpoint, asked
      // with the fresh access token and checked against the token's subject, has them.
      const profile: Record<string, unknown> = { ...claims };
      if (typeof claims.email !== 'string' && config.serverMetadata().userinfo_endpoint) {
        Object.assign(profile, await oidc.fetchUserInfo(config, tokens.access_token, claims.sub), { iss: claims.iss, sub: claims.sub });
      }
      const email = typeof profile.email === 'string' ? profile.email : null;
      const name = [profile.name, profile.preferred_username, email, claims.sub].find((value): value is string => typeof value === 'string' && value.length > 0)!;
      return {
        identity: { issuer: claims.iss, subject: claims.sub, name: name.slice(0, 120), email },
        emailVerified: profile.email_verified === true,
        idToken: tokens.id_token,
      };
    },
    endSessionUrl(idToken, postLogoutRedirectUri) {
      if (!config.serverMetadata().end_session_endpoint) return null;
      const parameters: Record<string, string> = { post_logout_redirect_uri: postLogoutRedirectUri, client_id: options.clientId };
      if (idToken) parameters.id_token_hint = idToken;
      return oidc.buildEndSessionUrl(config, parameters);
    },
  };
}
