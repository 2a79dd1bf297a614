import type { Locator, Page } from '@playwright/test';

/** Moves focus with the Tab key alone until it reaches the target (no clicks, no focus()). */
export async function tabTo(page: Page, target: Locator, maxPresses = 150): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    if (await target.evaluate((element) => element === document.activeElement, undefined, { timeout: 5_000 })) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}
