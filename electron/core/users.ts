import type { Kysely, Selectable } from 'kysely';
import { identityKey, type Actor, type Caller, type ResolvedScope, type RoleGrant, type ScopeKind, type VerifiedIdentity } from '../../shared/permissions';
import type { SignedInPerson } from '../../shared/contract';
import { heldRoles, profileRoleFor } from '../../shared/permissions';
import type { RegistryUser, UserGrant } from '../../shared/users';
import { recordAudit } from './audit';
import type { DatabaseSchema, RoleGrantsTable, UsersTable } from './db/schema';
import { DomainError, notFound } from './errors';

type Db = Kysely<DatabaseSchema>;

/** A signed-in person as the registry knows them now: their grants and the version a session must match. */
export interface RegistryPerson {
  caller: Extract<Caller, { kind: 'person' }>;
  rolesVersion: number;
}

async function grantsOf(db: Db, userIds: number[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('role_grants')
    .leftJoin('facilities', 'facilities.id', 'role_grants.facility_id')
    .select(['role_grants.id', 'role_grants.user_id', 'role_grants.role', 'role_grants.facility_id', 'role_grants.granted_at', 'role_grants.granted_by', 'facilities.name as facility_name'])
    .where('role_grants.user_id', 'in', userIds)
    .orderBy('role_grants.id')
    .execute();
}

function toGrant(row: Pick<Selectable<RoleGrantsTable>, 'role' | 'facility_id'>): RoleGrant {
  return { role: row.role, facilityId: row.facility_id };
}

/**
 * Records a sign-in. A person is found by issuer and subject; the first time, a grant made to
 * their email address is taken over, but only when the provider says the address is verified,
 * so nobody claims another person's roles by typing their address at a careless provider.
 */
export async function recordSignIn(db: Db, identity: VerifiedIdentity & { emailVerified: boolean }, at: Date): Promise<RegistryPerson> {
  const stamp = at.toISOString();
  const userId = await db.transaction().execute(async (trx) => {
    const id = await findOrCreateUser(trx, identity, stamp);
    // Who signed in when is part of the record a security officer reviews.
    const actor: Actor = { name: identity.name, role: profileRoleFor((await grantsOf(trx, [id])).map(toGrant)), identity };
    await recordAudit(trx, { actor, entityType: 'user', entityId: id, action: 'sign-in', before: undefined, after: undefined, at });
    return id;
  });
  const person = await registryPerson(db, userId);
  if (!person) throw notFound('Your account');
  return person;
}

async function findOrCreateUser(trx: Db, identity: VerifiedIdentity & { emailVerified: boolean }, stamp: string): Promise<number> {
  const known = await trx.selectFrom('users').select('id').where('issuer', '=', identity.issuer).where('subject', '=', identity.subject).executeTakeFirst();
  if (known) {
    await trx.updateTable('users').set({ display_name: identity.name, last_signed_in_at: stamp, updated_at: stamp }).where('id', '=', known.id).execute();
    return known.id;
  }
  const email = identity.email?.toLowerCase() ?? null;
  if (!email) {
    throw new DomainError('forbidden', 'Your identity provider did not share an email address with TransferReady. Ask your IT department to release the email claim.');
  }
  const waiting = await trx.selectFrom('users').select(['id', 'issuer']).where('email', '=', email).executeTakeFirst();
  if (waiting) {
    if (waiting.issuer !== null || !identity.emailVerified) {
      throw new DomainError(
        'forbidden',
        `Another account already uses ${email}, or your provider has not verified this address. Ask a registry administrator.`,
      );
    }
    await trx
      .updateTable('users')
      .set({ issuer: identity.issuer, subject: identity.subject, display_name: identity.name, last_signed_in_at: stamp, updated_at: stamp })
      .where('id', '=', waiting.id)
      .execute();
    return waiting.id;
  }
  const row = await trx
    .insertInto('users')
    .values({ issuer: identity.issuer, subject: identity.subject, email, display_name: identity.name, created_at: stamp, updated_at: stamp, last_signed_in_at: stamp })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The person behind a session, read afresh on every request so a removed role takes effect at once. */
export async function registryPerson(db: Db, userId: number): Promise<RegistryPerson | null> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user?.issuer || !user.subject) return null;
  const grants = (await grantsOf(db, [userId])).map(toGrant);
  return {
    rolesVersion: user.roles_version,
    caller: {
      kind: 'person',
      userId,
      identity: { issuer: user.issuer, subject: user.subject, name: user.display_name || user.email, email: user.email },
      grants,
    },
  };
}

export async function signedInPerson(db: Db, caller: Extract<Caller, { kind: 'person' }>): Promise<SignedInPerson> {
  const grants = await grantsOf(db, [caller.userId]);
  return {
    name: caller.identity.name,
    email: caller.identity.email,
    issuer: caller.identity.issuer,
    roles: heldRoles(caller.grants),
    grants: grants.map((row) => ({ ...toGrant(row), facilityName: row.facility_name })),
  };
}

function toRegistryUser(user: Selectable<UsersTable>, grants: Awaited<ReturnType<typeof grantsOf>>): RegistryUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    signedInBefore: user.issuer !== null,
    lastSignedInAt: user.last_signed_in_at,
    grants: grants
      .filter((grant) => grant.user_id === user.id)
      .map((grant): UserGrant => ({
        id: grant.id,
        role: grant.role,
        facilityId: grant.facility_id,
        facilityName: grant.facility_name,
        grantedAt: grant.granted_at,
        grantedBy: grant.granted_by,
      })),
  };
}

export async function listUsers(db: Db): Promise<RegistryUser[]> {
  const users = await db.selectFrom('users').selectAll().orderBy('email').execute();
  const grants = await grantsOf(db, users.map((user) => user.id));
  return users.map((user) => toRegistryUser(user, grants));
}

async function registryUser(db: Db, userId: number): Promise<RegistryUser> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('That user');
  return toRegistryUser(user, await grantsOf(db, [userId]));
}

/** Grants a role to an email address, creating the user who will take it over at first sign-in. */
export async function grantRole(db: Db, actor: Actor, input: { email: string; role: RoleGrant['role']; facilityId: number | null }, at: Date): Promise<RegistryUser> {
  const stamp = at.toISOString();
  const userId = await db.transaction().execute(async (trx) => {
    if (input.facilityId !== null) {
      const facility = await trx.selectFrom('facilities').select('id').where('id', '=', input.facilityId).executeTakeFirst();
      if (!facility) throw new DomainError('invalid_input', 'Choose the facility from the registry.', [{ field: 'facilityId', message: 'That facility no longer exists.' }]);
    }
    let user = await trx.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
    user ??= await trx.insertInto('users').values({ email: input.email, created_at: stamp, updated_at: stamp, issuer: null, subject: null, last_signed_in_at: null }).returning('id').executeTakeFirstOrThrow();
    const existing = await trx
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', user.id)
      .where('role', '=', input.role)
      .where((eb) => (input.facilityId === null ? eb('facility_id', 'is', null) : eb('facility_id', '=', input.facilityId)))
      .executeTakeFirst();
    if (existing) return user.id;
    await trx
      .insertInto('role_grants')
      .values({ user_id: user.id, role: input.role, facility_id: input.facilityId, granted_at: stamp, granted_by: actor.identity ? identityKey(actor.identity) : actor.name })
      .execute();
    await recordAudit(trx, { actor, entityType: 'user', entityId: user.id, action: 'grant-role', before: undefined, after: { email: input.email, role: input.role, facilityId: input.facilityId }, at });
    return user.id;
  });
  return registryUser(db, userId);
}

/** Removing a role ends every session the person has: the next request must sign in again. */
export async function revokeRole(db: Db, actor: Actor, grantId: number, at: Date): Promise<RegistryUser> {
  const userId = await db.transaction().execute(async (trx) => {
    const grant = await trx.selectFrom('role_grants').selectAll().where('id', '=', grantId).executeTakeFirst();
    if (!grant) throw notFound('That role');
    if (grant.role === 'registry_admin') {
      const { n } = await trx.selectFrom('role_grants').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'registry_admin').executeTakeFirstOrThrow();
      if (Number(n) <= 1) {
        throw new DomainError('conflict', 'This is the last registry administrator: grant the role to someone else first, so the registry is never left without one.');
      }
    }
    await trx.deleteFrom('role_grants').where('id', '=', grantId).execute();
    await trx
      .updateTable('users')
      .set((eb) => ({ roles_version: eb('roles_version', '+', 1), updated_at: at.toISOString() }))
      .where('id', '=', grant.user_id)
      .execute();
    await recordAudit(trx, { actor, entityType: 'user', entityId: grant.user_id, action: 'revoke-role', before: { role: grant.role, facilityId: grant.facility_id }, after: undefined, at });
    return grant.user_id;
  });
  return registryUser(db, userId);
}

/** What a scoped call acts on, for the permission decision; null when it does not exist. */
export async function resolveScope(db: Db, kind: ScopeKind, id: number): Promise<ResolvedScope | null> {
  switch (kind) {
    case 'facility': {
      const row = await db.selectFrom('facilities').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
      return row ? { kind: 'facility', facilityId: row.id, facilityName: row.name } : null;
    }
    case 'assessment': {
      const row = await db
        .selectFrom('assessments')
        .innerJoin('facilities', 'facilities.id', 'assessments.facility_id')
        .select(['facilities.id', 'facilities.name'])
        .where('assessments.id', '=', id)
        .executeTakeFirst();
      return row ? { kind: 'facility', facilityId: row.id, facilityName: row.name } : null;
    }
    case 'case':
    case 'letter': {
      let query = db
        .selectFrom('transfer_cases')
        .innerJoin('facilities', 'facilities.id', 'transfer_cases.referring_facility_id')
        .select(['transfer_cases.created_by_identity', 'facilities.id', 'facilities.name']);
      query =
        kind === 'case'
          ? query.where('transfer_cases.id', '=', id)
          : query.where('transfer_cases.id', '=', (eb) => eb.selectFrom('letters').select('letters.case_id').where('letters.id', '=', id));
      const row = await query.executeTakeFirst();
      return row ? { kind: 'case', authorKey: row.created_by_identity, referringFacilityId: row.id, referringFacilityName: row.name } : null;
    }
  }
}

/** The CLI names facilities by CCN; grants keep the facility id. */
export async function facilityIdsByCcn(db: Db, ccns: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const ccn of ccns) {
    const row = await db.selectFrom('facilities').select('id').where('ccn', '=', ccn).executeTakeFirst();
    if (!row) throw new DomainError('invalid_input', `No facility in the registry has the CCN ${ccn}. Import or add it first.`);
    ids.push(row.id);
  }
  return ids;
}
