import { z } from 'zod';
import { DEFAULT_EXPIRY_MONTHS } from './assessment';

export interface AppSettings {
  /** A verification older than this many months counts as stale everywhere. */
  expiryMonths: number;
}

export const DEFAULT_SETTINGS: AppSettings = { expiryMonths: DEFAULT_EXPIRY_MONTHS };

export const appSettingsSchema = z.object({
  expiryMonths: z
    .number({ error: 'Enter a number of months.' })
    .int('Enter a whole number of months.')
    .min(1, 'Use at least 1 month.')
    .max(60, 'Use at most 60 months (5 years).'),
});
