import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, sep } from 'node:path';

/**
 * The one place that decides which Chromium the end-to-end tests, the PDF tests and the bench
 * drive, so a fresh clone needs nothing outside npm: TRANSFERREADY_CHROMIUM (a path, or
 * `bundled`), else a Chromium or Chrome installed on this computer, else the Chromium build
 * shipped inside the npm package @sparticuz/chromium.
 */

/** Flags every browser gets. Without the networking ones Chromium keeps calling hosts it cannot reach. */
export const LAUNCH_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Chromium's headless mode is the whole browser: every new context opens a window whose address
  // bar preloads two pop-up pages of its own (chrome://omnibox-popup.top-chrome, plain and AI
  // mode), about 1.4 s of CPU each time. Nobody sees them headless, and on two cores they ran
  // beside every page a test or the bench opened, slowing it by half a second or more.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

/**
 * Of @sparticuz/chromium's recommended flags (built for AWS Lambda), only these are taken: they cut
 * outgoing traffic or match how its headless-shell build is made to start. Left out on purpose:
 * --disable-web-security and --allow-running-insecure-content (our tests check the CSP and
 * same-origin rules a real browser enforces), --single-process (one renderer crash would take
 * the whole browser and every parallel test with it), the disabled site isolation, and the
 * SwiftShader GPU flags (we run with --disable-gpu like the system browser).
 */
const BUNDLED_FLAGS_TAKEN = new Set(['--disable-domain-reliability', '--no-pings', '--no-default-browser-check', '--no-zygote']);

/** Chromium and Chrome as Linux distributions, Google and macOS install them, most specific first. */
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
export const USUAL_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export interface ChosenBrowser {
  executablePath: string;
  args: string[];
  /** One line for the run's output: which browser, and why that one. */
  description: string;
}

export interface BrowserChoiceOptions {
  env?: NodeJS.ProcessEnv;
  usualPaths?: readonly string[];
}

export async function chooseBrowser({ env = process.env, usualPaths = USUAL_PATHS }: BrowserChoiceOptions = {}): Promise<ChosenBrowser> {
  const wanted = env.TRANSFERREADY_CHROMIUM?.trim();
  if (wanted === 'bundled') return bundledBrowser('TRANSFERREADY_CHROMIUM=bundled');
  if (wanted) {
    if (!isExecutableFile(wanted)) {
      throw new Error(`TRANSFERREADY_CHROMIUM is set to ${wanted}, which is not an executable file. Point it at a Chromium or Chrome, or set it to "bundled" for the one npm installed.`);
    }
    return { executablePath: wanted, args: [...LAUNCH_ARGS], description: `Browser: ${wanted} (from TRANSFERREADY_CHROMIUM)` };
  }
  const system = findSystemBrowser(env.PATH ?? '', usualPaths);
  if (system) {
    return {
      executablePath: system,
      args: [...LAUNCH_ARGS],
      description: `Browser: ${system} (installed on this computer; TRANSFERREADY_CHROMIUM=bundled uses the npm one instead)`,
    };
  }
  return bundledBrowser('no Chromium or Chrome found on the PATH or at the usual install paths');
}

export function findSystemBrowser(searchPath: string, usualPaths: readonly string[] = USUAL_PATHS): string | null {
  const extension = process.platform === 'win32' ? '.exe' : '';
  const onPath = searchPath
    .split(delimiter)
    .filter(Boolean)
    .flatMap((folder) => PATH_NAMES.map((name) => join(folder, name + extension)));
  return [...onPath, ...usualPaths].find((candidate) => isExecutableFile(candidate) && !isSnap(candidate)) ?? null;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A snap's private /tmp hides the profile folder Playwright makes for the browser there, so it fails to start. */
function isSnap(path: string): boolean {
  try {
    return realpathSync(path).startsWith(`${sep}snap${sep}`);
  } catch {
    return false;
  }
}

async function bundledBrowser(why: string): Promise<ChosenBrowser> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `No Chromium or Chrome found, and the one in @sparticuz/chromium runs only on Linux x64 (this is ${process.platform} ${process.arch}). Install Chrome or set TRANSFERREADY_CHROMIUM to a Chromium's path.`,
    );
  }
  const { default: chromium } = await import('@sparticuz/chromium');
  const { executablePath, version } = await unpackBundledChromium(() => chromium.executablePath());
  const taken = chromium.args.filter((flag) => BUNDLED_FLAGS_TAKEN.has(flag) && !LAUNCH_ARGS.includes(flag));
  return {
    executablePath,
    args: [...LAUNCH_ARGS, ...taken],
    description: `Browser: Chromium from npm @sparticuz/chromium ${version} (${why})`,
  };
}

/**
 * The package unpacks into os.tmpdir() and reuses whatever sits at /tmp/chromium, whatever its
 * version or state. Here it unpacks into a fresh staging folder under node_modules/.cache
 * (os.tmpdir() follows TMPDIR), renamed to a folder named for the package version only once
 * complete, so a killed run or two runs at once never leave a half-written browser to be reused.
 */
async function unpackBundledChromium(unpack: () => Promise<string>): Promise<{ executablePath: string; version: string }> {
  const packageDirectory = dirname(dirname(createRequire(__filename).resolve('@sparticuz/chromium')));
  const { version } = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as { version: string };
  const nodeModules = packageDirectory.slice(0, packageDirectory.lastIndexOf(`${sep}node_modules${sep}`) + `${sep}node_modules`.length);
  const folder = join(nodeModules, '.cache', 'transferready-chromium', version);
  const executablePath = join(folder, 'chromium');
  if (existsSync(executablePath)) return { executablePath, version };

  mkdirSync(dirname(folder), { recursive: true });
  const staging = mkdtempSync(`${folder}.unpacking-`);
  const tmpdirBefore = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    const unpacked = await unpack();
    if (unpacked !== join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${unpacked}, not into ${staging} as expected`);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    if (tmpdirBefore === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdirBefore;
  }
  try {
    renameSync(staging, folder);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another run finished unpacking first; its copy is as good as ours.
    if (!existsSync(executablePath)) throw error;
  }
  return { executablePath, version };
}

/** Playwright's config is read before its global setup runs; workers read it again after, with this set. */
const HANDED_TO_WORKERS = 'TRANSFERREADY_CHOSEN_CHROMIUM';

export function handBrowserToWorkers(browser: ChosenBrowser): void {
  process.env[HANDED_TO_WORKERS] = JSON.stringify({ executablePath: browser.executablePath, args: browser.args });
}

/** The launch options test/e2e/global-setup.ts chose; a placeholder path that says so where it has not run. */
export function launchOptionsFromSetup(): { executablePath: string; args: string[] } {
  const handed = process.env[HANDED_TO_WORKERS];
  if (handed) return JSON.parse(handed) as { executablePath: string; args: string[] };
  return { executablePath: '(no browser chosen: test/e2e/global-setup.ts has not run)', args: [...LAUNCH_ARGS] };
}
