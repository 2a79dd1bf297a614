import type { Core } from '../../electron/core/core';
import type { Caller, RegistryRole } from '../../shared/permissions';

export const TEST_ISSUER = 'https://idp.test.example';

/**
 * A person as a shared host sees them after sign-in: recorded through the core's sign-in path
 * and granted their roles through the contract's own grant call, then read back as a caller.
 */
export async function signedInPerson(
  core: Core,
  who: { subject: string; name: string; email: string },
  grants: { role: RegistryRole; facilityId?: number | null }[],
  issuer = TEST_ISSUER,
): Promise<Extract<Caller, { kind: 'person' }>> {
  for (const grant of grants) await core.calls.grantRole({ email: who.email, role: grant.role, facilityId: grant.facilityId ?? null });
  const person = await core.people.recordSignIn({ issuer, subject: who.subject, name: who.name, email: who.email, emailVerified: true });
  return person.caller;
}
