import { chooseBrowser, handBrowserToWorkers } from '../support/browser';

/** Chooses the browser once (unpacking the npm one can take seconds) and hands it to every worker. */
export default async function globalSetup(): Promise<void> {
  const browser = await chooseBrowser();
  console.log(browser.description);
  handBrowserToWorkers(browser);
}
