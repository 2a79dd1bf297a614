export const USER_ROLES = ['administrator', 'physician', 'quality'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const USER_ROLE_LABELS: Record<UserRole, string> = {
  administrator: 'Hospital administrator',
  physician: 'Physician',
  quality: 'Quality team',
};

// Type only: the schema stays out of what the app loads to start (see profile-schema.ts).
export type { UserProfile } from './profile-schema';
