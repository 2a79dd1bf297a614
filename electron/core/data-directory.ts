import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'TransferReady';

/**
 * The per-user application-data folder, computed the way Electron computes `userData` for an
 * app named TransferReady, so the desktop app and `npm run serve` share one database.
 */
export function defaultDataDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER_NAME);
}
