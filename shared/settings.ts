import { z } from 'zod';
import { DEFAULT_EXPIRY_MONTHS } from './assessment';

export const PAPER_SIZES = ['letter', 'a4'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];
export const PAPER_SIZE_LABELS: Record<PaperSize, string> = { letter: 'US Letter (8.5 × 11 in)', a4: 'A4 (210 × 297 mm)' };

export const letterheadSchema = z.object({
  institution: z.string().trim().max(160, 'Keep the institution name to 160 characters or fewer.').default(''),
  address: z.string().trim().max(400, 'Keep the address to 400 characters or fewer.').default(''),
  phone: z.string().trim().max(40, 'Keep the phone number to 40 characters or fewer.').default(''),
});
export type Letterhead = z.output<typeof letterheadSchema>;

export const appSettingsSchema = z.object({
  expiryMonths: z
    .number({ error: 'Enter a number of months.' })
    .int('Enter a whole number of months.')
    .min(1, 'Use at least 1 month.')
    .max(60, 'Use at most 60 months (5 years).'),
  letterhead: letterheadSchema.default({ institution: '', address: '', phone: '' }),
  paperSize: z.enum(PAPER_SIZES, { error: 'Choose Letter or A4.' }).default('letter'),
});

export type AppSettings = z.output<typeof appSettingsSchema>;

export const DEFAULT_SETTINGS: AppSettings = {
  expiryMonths: DEFAULT_EXPIRY_MONTHS,
  letterhead: { institution: '', address: '', phone: '' },
  paperSize: 'letter',
};
