import { z } from 'zod';
import { FACILITY_REQUIRED_ROLES, REGISTRY_ROLES, type RegistryRole } from './permissions';
import { NO_SUCH_RECORD, RECORD_ID_MAX } from './validation';

export const emailSchema = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .min(3, 'Enter an email address.')
  .max(254, 'An email address has at most 254 characters.')
  .regex(/^[^\s@]+@[^\s@]+$/, 'Enter an email address such as name@hospital.org.');

export const grantRoleSchema = z
  .object({
    email: emailSchema,
    role: z.enum(REGISTRY_ROLES, { error: 'Choose a role.' }),
    facilityId: z.number().int().positive().max(RECORD_ID_MAX, NO_SUCH_RECORD).nullable().default(null),
  })
  .refine((grant) => !FACILITY_REQUIRED_ROLES.has(grant.role) || grant.facilityId !== null, {
    message: 'An assessor works for a facility: choose it.',
    path: ['facilityId'],
  })
  .refine((grant) => grant.role === 'assessor' || grant.role === 'physician' || grant.facilityId === null, {
    message: 'This role covers the whole registry; leave the facility empty.',
    path: ['facilityId'],
  });

export const revokeRoleSchema = z.object({ grantId: z.number({ error: 'A grant id is required.' }).int().positive().max(RECORD_ID_MAX, NO_SUCH_RECORD) });

export interface UserGrant {
  id: number;
  role: RegistryRole;
  facilityId: number | null;
  facilityName: string | null;
  grantedAt: string;
  grantedBy: string;
}

export interface RegistryUser {
  id: number;
  email: string;
  displayName: string;
  /** False until the person has signed in once; the grant waits for them by email. */
  signedInBefore: boolean;
  lastSignedInAt: string | null;
  grants: UserGrant[];
}
