import { z } from 'zod';

export const USER_ROLES = ['administrator', 'physician', 'quality'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const USER_ROLE_LABELS: Record<UserRole, string> = {
  administrator: 'Hospital administrator',
  physician: 'Physician',
  quality: 'Quality team',
};

export const userProfileSchema = z.object({
  name: z
    .string({ error: 'Enter your name.' })
    .trim()
    .min(1, 'Enter your name.')
    .max(120, 'Keep your name to 120 characters or fewer.'),
  role: z.enum(USER_ROLES, { error: 'Choose your role.' }),
});

export type UserProfile = z.output<typeof userProfileSchema>;
