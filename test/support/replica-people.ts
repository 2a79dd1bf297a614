import type { Core } from '../../electron/core/core';

/**
 * The people a replica must hold, read the same way from a server (users and their grants) and
 * from a desktop (replica_people), so the two compare equal. Grants keep the server's order.
 */
export async function serverPeople(core: Core): Promise<{ id: number; email: string; display_name: string; grants_json: string }[]> {
  const { db } = core.database;
  const users = await db.selectFrom('users').select(['id', 'email', 'display_name']).orderBy('id').execute();
  const grants = await db.selectFrom('role_grants').select(['user_id', 'role', 'facility_id']).orderBy('id').execute();
  return users.map((user) => ({
    ...user,
    grants_json: JSON.stringify(grants.filter((grant) => grant.user_id === user.id).map(({ role, facility_id }) => ({ role, facility_id }))),
  }));
}

export async function replicaPeople(core: Core): Promise<{ id: number; email: string; display_name: string; grants_json: string }[]> {
  return core.database.db.selectFrom('replica_people').selectAll().orderBy('id').execute();
}
