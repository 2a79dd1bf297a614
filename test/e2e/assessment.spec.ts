import type { Page } from '@playwright/test';
import { completeFirstStart, expect, expectAccessible, test } from './host';
import { tabTo } from './keyboard';


type StatusChoice = 'On site' | 'Through a partner' | 'Not available' | 'Unknown';
const STATUS_ORDER: StatusChoice[] = ['On site', 'Through a partner', 'Not available', 'Unknown'];

/** Answers the current step with the keyboard alone. */
async function answerStep(page: Page, status: StatusChoice, verifier: string, date: string) {
  const first = page.getByRole('radio', { name: /^On site/ });
  await tabTo(page, first);
  await page.keyboard.press('Space');
  for (let i = 0; i < STATUS_ORDER.indexOf(status); i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: new RegExp(`^${status}`) })).toBeChecked();

  if (status === 'Through a partner') {
    await tabTo(page, page.getByLabel('Partner’s name'));
    await page.keyboard.type('Regional Blood Center');
    await tabTo(page, page.getByRole('radio', { name: 'Same health system' }));
    await page.keyboard.press('Space');
  }

  const yes = page.getByRole('group', { name: 'Details' }).getByRole('radio', { name: 'Yes' }).first();
  await tabTo(page, yes);
  await page.keyboard.press('Space');

  await tabTo(page, page.getByLabel('Evidence'));
  await page.keyboard.type(`Confirmed by ${verifier}; see the service agreement on file.`);
  await tabTo(page, page.getByLabel('Verified by (name)'));
  await page.keyboard.type(verifier);
  await tabTo(page, page.getByLabel('Their role'));
  await page.keyboard.type('Department head');
  await tabTo(page, page.getByLabel('How it was verified'));
  await page.keyboard.type('Phone');
  await tabTo(page, page.getByLabel('Verified on'));
  const [year, month, day] = date.split('-');
  await page.keyboard.type(`${month}${day}${year}`);
  await expect(page.getByLabel('Verified on')).toHaveValue(date);
}

async function pressButton(page: Page, name: string | RegExp) {
  await tabTo(page, page.getByRole('button', { name }));
  await page.keyboard.press('Enter');
}

test('an assessment is completed, finalized and amended with the keyboard alone, and the profile shows it', async ({ page, app }) => {
  // Every step by keyboard, partner fields included: about two minutes alone, more when the machine is shared.
  test.setTimeout(360_000);
  const host = await app.start();
  await page.goto(host.url);
  await completeFirstStart(page);

  // Create the facility from the keyboard.
  await tabTo(page, page.getByLabel('Facility name'));
  await page.keyboard.type('Lakeshore University Hospital');
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('link', { name: 'Lakeshore University Hospital' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Lakeshore University Hospital', level: 1 })).toBeVisible();
  await expect(page.getByText('Not assessed yet')).toBeVisible();
  await expectAccessible(page);
  await pressButton(page, 'Start assessment');

  const answers: [string, StatusChoice][] = [
    ['Plasma exchange', 'On site'],
    ['IVIG', 'Through a partner'],
    ['Rehab-grade PT and OT', 'On site'],
    ['Psychiatric consultation', 'On site'],
    ['Neurologic ICU', 'Not available'],
    ['Rehabilitation center', 'On site'],
  ];
  for (const [index, [capability, status]] of answers.entries()) {
    await expect(page.getByRole('heading', { name: capability, level: 2 })).toBeVisible();
    await expect(page.getByText(`Step ${index + 1} of 7`)).toBeVisible();
    await answerStep(page, status, `Verifier ${index + 1}`, '2026-10-15');
    if (index === 0) await expectAccessible(page);
    await pressButton(page, index === answers.length - 1 ? 'Review answers →' : 'Next question →');
  }

  await expect(page.getByRole('heading', { name: 'Review and finalize' })).toBeVisible();
  await expect(page.getByText('All changes saved')).toBeVisible();
  await expectAccessible(page);

  // A reload loses nothing: every answer was saved as it was typed.
  await page.reload();
  await expect(page.getByRole('row', { name: /Neurologic ICU.*Not available/ })).toBeVisible();
  await pressButton(page, 'Finalize assessment');

  await expect(page.getByRole('heading', { name: 'Lakeshore University Hospital', level: 1 })).toBeVisible();
  await expect(page.locator('.verdict')).toHaveText(
    'Provides: Plasma exchange, Rehab-grade PT and OT, Psychiatric consultation, Rehabilitation center; through a partner: IVIG; cannot provide: Neurologic ICU.',
  );
  const icuRow = page.getByRole('row', { name: /Neurologic ICU/ });
  await expect(icuRow).toContainText('Not available');
  await expect(icuRow).toContainText('Oct 15, 2026');
  await expect(icuRow).toContainText('Verifier 5');
  await expectAccessible(page);

  // Amend: a reason is required, then change one answer.
  await pressButton(page, 'Amend assessment');
  await expect(page.getByLabel('Why is this assessment being amended?')).toBeFocused();
  await pressButton(page, 'Create amendment');
  await expect(page.getByText('Say why the assessment is being amended')).toBeVisible();
  await tabTo(page, page.getByLabel('Why is this assessment being amended?'));
  await page.keyboard.type('Neurocritical care unit opened in November.');
  await pressButton(page, 'Create amendment');
  await expect(page.getByRole('heading', { name: 'Amend assessment' })).toBeVisible();

  await pressButton(page, /^Neurologic ICU/);
  await expect(page.getByRole('heading', { name: 'Neurologic ICU', level: 2 })).toBeVisible();
  await tabTo(page, page.getByRole('radio', { name: /^Not available/ }));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: /^On site/ })).toBeChecked();
  await tabTo(page, page.getByLabel('Verified on'));
  await page.keyboard.type('11202026');
  await pressButton(page, /^Review and finalize/);
  await pressButton(page, 'Finalize assessment');

  await expect(page.locator('.verdict')).toHaveText(
    'Provides: Plasma exchange, Rehab-grade PT and OT, Psychiatric consultation, Neurologic ICU, Rehabilitation center; through a partner: IVIG.',
  );
  await expect(page.getByText(/From assessment revision 2/)).toBeVisible();
  const history = page.getByRole('region', { name: 'Assessment history' });
  const revisions = history.getByRole('list', { name: 'Revisions' }).getByRole('listitem');
  await expect(revisions).toHaveCount(2);
  await expect(revisions.nth(0)).toContainText('finalized');
  await expect(revisions.nth(1)).toContainText('superseded');
  await expect(history).toContainText('Reason: Neurocritical care unit opened in November.');

  // The superseded revision is read-only history.
  await history.getByRole('link', { name: 'Revision 1' }).click();
  await expect(page.getByText(/Superseded on/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Amend assessment' })).toHaveCount(0);
  await expectAccessible(page);
});

test('a verification date in the future is refused inline and blocks finalizing', async ({ page, app }) => {
  const host = await app.start();
  await page.goto(host.url);
  await completeFirstStart(page);
  await page.getByLabel('Facility name').fill('Future Date General');
  await page.getByRole('button', { name: 'Add facility' }).click();
  await page.getByRole('link', { name: 'Future Date General' }).click();
  await page.getByRole('button', { name: 'Start assessment' }).click();
  await page.getByRole('radio', { name: /^On site/ }).check();
  await page.getByLabel('Verified on').fill('2099-01-01');
  await expect(page.getByText('The verification date cannot be in the future.')).toBeVisible();
  await page.getByRole('button', { name: /Review and finalize/ }).click();
  await expect(page.getByRole('button', { name: 'Finalize assessment' })).toBeDisabled();
});

test('saving answers as they are typed rereads nothing on the page: the draft is not announced as updating', async ({ page, app }) => {
  const host = await app.start();
  await page.goto(host.url);
  await completeFirstStart(page);
  await page.getByLabel('Facility name').fill('Quiet Autosave General');
  await page.getByRole('button', { name: 'Add facility' }).click();
  await page.getByRole('link', { name: 'Quiet Autosave General' }).click();
  await page.getByRole('button', { name: 'Start assessment' }).click();
  await expect(page.getByRole('heading', { name: 'Plasma exchange', level: 2 })).toBeVisible();

  const rereads: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/getAssessment')) rereads.push(request.url());
  });
  const announced: string[] = [];
  await page.exposeFunction('noteAnnouncement', (text: string) => announced.push(text));
  await page.evaluate(() => {
    const updating = document.querySelector('.updating')!;
    new MutationObserver(() => (window as unknown as { noteAnnouncement(text: string): void }).noteAnnouncement(updating.textContent ?? '')).observe(updating, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });

  await page.getByRole('radio', { name: /^On site/ }).check();
  await page.getByLabel('Evidence').fill('Apheresis service on site, policy TP-12.');
  await expect(page.getByText('All changes saved')).toBeVisible();
  await page.getByLabel('Verified by (name)').fill('Dr. Imani Brooks');
  await expect(page.getByText('All changes saved')).toBeVisible();
  await page.getByRole('button', { name: /Next question/ }).click();
  await expect(page.getByText('All changes saved')).toBeVisible();

  expect(rereads).toEqual([]);
  expect(announced.filter((text) => text.includes('Updating'))).toEqual([]);
  // Back on the step, what was typed is still there.
  await page.getByRole('button', { name: /^Plasma exchange/ }).click();
  await expect(page.getByLabel('Verified by (name)')).toHaveValue('Dr. Imani Brooks');
});

test('an answer the host would refuse is said beside its field and not saved, and nothing typed is lost', async ({ page, app }) => {
  const host = await app.start();
  await page.goto(host.url);
  await completeFirstStart(page);
  await page.getByLabel('Facility name').fill('Long Evidence Memorial');
  await page.getByRole('button', { name: 'Add facility' }).click();
  await page.getByRole('link', { name: 'Long Evidence Memorial' }).click();
  await page.getByRole('button', { name: 'Start assessment' }).click();
  await page.getByRole('radio', { name: /^On site/ }).check();
  await expect(page.getByText('All changes saved')).toBeVisible();

  const tooLong = 'x'.repeat(20_001);
  await page.getByLabel('Evidence').fill(tooLong);
  await expect(page.locator('.step .field__error').filter({ hasText: 'Keep the evidence to 20,000 characters or fewer.' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Not saved: Keep the evidence to 20,000 characters or fewer.' })).toBeVisible();
  await expect(page.getByLabel('Evidence')).toHaveValue(tooLong);

  await page.getByLabel('Evidence').press('Backspace');
  await expect(page.getByText('All changes saved')).toBeVisible();
  await expect(page.locator('.step .field__error')).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Evidence')).toHaveValue('x'.repeat(20_000));
});
