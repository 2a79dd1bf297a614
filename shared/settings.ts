import { z } from 'zod';
import { DEFAULT_EXPIRY_MONTHS } from './assessment';
import { isIsoDate } from './calendar';
import type { FamilyLanguage } from './transfer-case';

export const PAPER_SIZES = ['letter', 'a4'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];
export const PAPER_SIZE_LABELS: Record<PaperSize, string> = { letter: 'US Letter (8.5 × 11 in)', a4: 'A4 (210 × 297 mm)' };

export const letterheadSchema = z.object({
  institution: z.string().trim().max(160, 'Keep the institution name to 160 characters or fewer.').default(''),
  address: z.string().trim().max(400, 'Keep the address to 400 characters or fewer.').default(''),
  phone: z.string().trim().max(40, 'Keep the phone number to 40 characters or fewer.').default(''),
});
export type Letterhead = z.output<typeof letterheadSchema>;

/**
 * The version of each family-letter wording. Raise a language's number whenever its wording changes
 * in a way a reader would notice: a translator's review covers the words they read, not later ones.
 */
export const FAMILY_LETTER_TEMPLATE_VERSIONS: Record<FamilyLanguage, number> = { en: 1, es: 1 };

/** Languages a family letter is translated into; English is the source and is not reviewed. */
export const TRANSLATED_LANGUAGES = ['es'] as const satisfies readonly FamilyLanguage[];
export type TranslatedLanguage = (typeof TRANSLATED_LANGUAGES)[number];

/**
 * A qualified translator's review of one language's family-letter wording. Section 1557 (45 CFR
 * 92.201) expects written translations for patients to come from a qualified translator; this is
 * the record that one did, for which version of the wording.
 */
export const translationReviewSchema = z.object({
  translator: z
    .string({ error: "Enter the translator's name." })
    .trim()
    .min(1, "Enter the translator's name.")
    .max(120, "Keep the translator's name to 120 characters or fewer."),
  qualification: z
    .string({ error: 'Enter the qualification.' })
    .trim()
    .min(1, 'Enter the qualification, such as "ATA-certified translator, English into Spanish".')
    .max(200, 'Keep the qualification to 200 characters or fewer.'),
  reviewedOn: z
    .string({ error: 'Enter the review date.' })
    .trim()
    .min(1, 'Enter the date of the review, as YYYY-MM-DD.')
    // An empty date already has its own message; one problem per field is enough.
    .refine((value) => value === '' || isIsoDate(value), 'Enter the review date as YYYY-MM-DD, for example 2026-11-30.'),
  templateVersion: z.number({ error: 'Say which version of the wording was reviewed.' }).int().min(1),
});
export type TranslationReview = z.output<typeof translationReviewSchema>;

export const translationReviewsSchema = z.object({ es: translationReviewSchema.nullable().default(null) });
export type TranslationReviews = z.output<typeof translationReviewsSchema>;

export const appSettingsSchema = z.object({
  expiryMonths: z
    .number({ error: 'Enter a number of months.' })
    .int('Enter a whole number of months.')
    .min(1, 'Use at least 1 month.')
    .max(60, 'Use at most 60 months (5 years).'),
  letterhead: letterheadSchema.default({ institution: '', address: '', phone: '' }),
  paperSize: z.enum(PAPER_SIZES, { error: 'Choose Letter or A4.' }).default('letter'),
  // Settings saved before reviews were recorded have none: every translation is then unreviewed.
  translationReviews: translationReviewsSchema.default({ es: null }),
});

export type AppSettings = z.output<typeof appSettingsSchema>;

export const DEFAULT_SETTINGS: AppSettings = {
  expiryMonths: DEFAULT_EXPIRY_MONTHS,
  letterhead: { institution: '', address: '', phone: '' },
  paperSize: 'letter',
  translationReviews: { es: null },
};

export type TranslationReviewStatus = 'reviewed' | 'not_reviewed';

/**
 * Whether a family letter in `language` may go out as reviewed wording. A review counts only for the
 * template version it was made on; English is the source language, so it needs none.
 */
export function translationReviewStatus(settings: Pick<AppSettings, 'translationReviews'>, language: FamilyLanguage): TranslationReviewStatus {
  if (language === 'en') return 'reviewed';
  const review = settings.translationReviews[language];
  return review !== null && review.templateVersion === FAMILY_LETTER_TEMPLATE_VERSIONS[language] ? 'reviewed' : 'not_reviewed';
}
