import { z } from 'zod';
import { USER_ROLES } from './profile';

/**
 * Apart from shared/profile.ts, so the app's start (which shows the role's label) does not load
 * zod; only the calls that check a profile and the form that edits one do.
 */
export const userProfileSchema = z.object({
  name: z
    .string({ error: 'Enter your name.' })
    .trim()
    .min(1, 'Enter your name.')
    .max(120, 'Keep your name to 120 characters or fewer.'),
  role: z.enum(USER_ROLES, { error: 'Choose your role.' }),
});

export type UserProfile = z.output<typeof userProfileSchema>;
