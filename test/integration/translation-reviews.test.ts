import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appSettingsSchema,
  DEFAULT_SETTINGS,
  FAMILY_LETTER_TEMPLATE_VERSIONS,
  translationReviewStatus,
  type AppSettings,
  type TranslationReview,
} from '../../shared/settings';
import { CoreHarness } from '../support/core-harness';

const REVIEW: TranslationReview = {
  translator: 'Lucía Fernández',
  qualification: 'ATA-certified translator, English into Spanish',
  reviewedOn: '2026-03-02',
  templateVersion: FAMILY_LETTER_TEMPLATE_VERSIONS.es,
};

const withReview = (settings: AppSettings, es: TranslationReview | null): AppSettings => ({ ...settings, translationReviews: { ...settings.translationReviews, es } });

describe('translationReviewStatus', () => {
  it('counts a review only for the current version of the Spanish wording', () => {
    expect(translationReviewStatus(DEFAULT_SETTINGS, 'es')).toBe('not_reviewed');
    expect(translationReviewStatus(withReview(DEFAULT_SETTINGS, REVIEW), 'es')).toBe('reviewed');
    expect(translationReviewStatus(withReview(DEFAULT_SETTINGS, { ...REVIEW, templateVersion: FAMILY_LETTER_TEMPLATE_VERSIONS.es + 1 }), 'es')).toBe('not_reviewed');
  });

  it('needs no review for English, the source language', () => {
    expect(translationReviewStatus(DEFAULT_SETTINGS, 'en')).toBe('reviewed');
  });

  it('reads settings saved before reviews existed as having none', () => {
    const old = appSettingsSchema.parse({ expiryMonths: 18, letterhead: { institution: 'Mercy County Hospital', address: '', phone: '' }, paperSize: 'a4' });
    expect(old.translationReviews).toEqual({ es: null });
    expect(old.expiryMonths).toBe(18);
  });
});

describe('recording a translation review', () => {
  let harness: CoreHarness;
  beforeEach(async () => {
    harness = await new CoreHarness().open();
    await harness.value('saveProfile', { name: 'Dana Whitfield', role: 'administrator' });
  });
  afterEach(() => harness.dispose());

  const settings = async () => (await harness.value('getSession', {})).settings;

  it('keeps the review across a restart and audits who recorded it, then who cleared it', async () => {
    const saved = await harness.value('saveSettings', withReview(await settings(), REVIEW));
    expect(saved.translationReviews.es).toEqual(REVIEW);
    await harness.reopen();
    expect(translationReviewStatus(await settings(), 'es')).toBe('reviewed');

    await harness.value('saveSettings', withReview(await settings(), null));
    expect(translationReviewStatus(await settings(), 'es')).toBe('not_reviewed');

    const trail = await harness.rows<{ actor_name: string; before_json: string; after_json: string }>(
      "SELECT actor_name, before_json, after_json FROM audit_events WHERE entity_type = 'setting' ORDER BY id",
    );
    expect(trail).toHaveLength(2);
    expect(trail.map((event) => event.actor_name)).toEqual(['Dana Whitfield', 'Dana Whitfield']);
    expect(JSON.parse(trail[0]!.before_json).translationReviews).toEqual({ es: null });
    expect(JSON.parse(trail[0]!.after_json).translationReviews.es).toEqual(REVIEW);
    expect(JSON.parse(trail[1]!.before_json).translationReviews.es).toEqual(REVIEW);
    expect(JSON.parse(trail[1]!.after_json).translationReviews).toEqual({ es: null });
  });

  it('refuses an incomplete review, naming each field and saying what to enter', async () => {
    const refused = await harness.call('saveSettings', withReview(await settings(), { translator: ' ', qualification: '', reviewedOn: '03/02/2026', templateVersion: 1 }));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('invalid_input');
    const fields = Object.fromEntries(refused.error.fields.map((problem) => [problem.field, problem.message]));
    expect(fields['translationReviews.es.translator']).toBe("Enter the translator's name.");
    expect(fields['translationReviews.es.qualification']).toMatch(/^Enter the qualification, such as/);
    expect(fields['translationReviews.es.reviewedOn']).toBe('Enter the review date as YYYY-MM-DD, for example 2026-11-30.');
    expect((await settings()).translationReviews.es).toBeNull();
  });

  it('refuses a review dated after today, or of a wording other than the current one', async () => {
    const future = await harness.call('saveSettings', withReview(await settings(), { ...REVIEW, reviewedOn: '2026-03-05' }));
    expect(future.ok || future.error.fields).toEqual([{ field: 'translationReviews.es.reviewedOn', message: expect.stringContaining('is in the future') }]);
    const otherVersion = await harness.call('saveSettings', withReview(await settings(), { ...REVIEW, templateVersion: FAMILY_LETTER_TEMPLATE_VERSIONS.es + 1 }));
    expect(otherVersion.ok || otherVersion.error.fields).toEqual([{ field: 'translationReviews.es.templateVersion', message: expect.stringContaining('Only the current wording') }]);
    expect(await harness.rows("SELECT id FROM audit_events WHERE entity_type = 'setting'")).toEqual([]);
  });

  it('keeps a review of another wording on record when other settings change, without counting it', async () => {
    // As another version of the app leaves it in a shared data folder; a review of an older wording
    // is kept the same way once the Spanish wording changes.
    const older = { ...REVIEW, templateVersion: FAMILY_LETTER_TEMPLATE_VERSIONS.es + 1 };
    await harness.rows("INSERT INTO settings (key, value_json) VALUES ('app', ?)", JSON.stringify(withReview(DEFAULT_SETTINGS, older)));
    const saved = await harness.value('saveSettings', { ...(await settings()), expiryMonths: 6 });
    expect(saved.translationReviews.es).toEqual(older);
    expect(translationReviewStatus(saved, 'es')).toBe('not_reviewed');
  });

  it('reads settings stored before reviews existed, and drops only a damaged review', async () => {
    const letterhead = { institution: 'Mercy County Hospital', address: '1 Mercy Way', phone: '(334) 555-0100' };
    const put = (value: unknown) =>
      harness.rows("INSERT INTO settings (key, value_json) VALUES ('app', ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json", JSON.stringify(value));

    await put({ expiryMonths: 18, letterhead, paperSize: 'a4' });
    expect(await settings()).toEqual({ expiryMonths: 18, letterhead, paperSize: 'a4', translationReviews: { es: null } });

    await put({ expiryMonths: 18, letterhead, paperSize: 'a4', translationReviews: { es: { translator: 'Lucía Fernández' } } });
    const read = await settings();
    expect(read.letterhead).toEqual(letterhead);
    expect(translationReviewStatus(read, 'es')).toBe('not_reviewed');
  });
});
