declare module 'text-readability' {
  const readability: { fleschKincaidGrade(text: string): number };
  export default readability;
}

declare module '@asymmetrik/fhir-json-schema-validator' {
  export default class JSONSchemaValidator {
    validate(resource: unknown, verbose?: boolean): unknown[];
  }
}

/** The few parts of oidc-provider (v9 ships no types) the test identity provider uses. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface Grant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }
  interface GrantConstructor {
    new (init: { clientId: string; accountId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }
  export interface KoaContextWithOIDC {
    oidc: {
      result?: { consent?: { grantId?: string } };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      client?: { clientId: string };
      provider: { Grant: GrantConstructor };
    };
  }
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown> & {
      findAccount?: (ctx: KoaContextWithOIDC, sub: string) => Promise<{ accountId: string; claims(): Promise<Record<string, unknown>> } | undefined>;
      loadExistingGrant?: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>;
    });
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
