import { describe, expect, it } from 'vitest';
import { defaultDataDirectory } from '../../electron/core/data-directory';

describe('the default data folder matches Electron userData for TransferReady', () => {
  it('uses XDG_CONFIG_HOME on Linux when set', () => {
    expect(defaultDataDirectory({ XDG_CONFIG_HOME: '/x/config' }, 'linux', '/home/u')).toBe('/x/config/TransferReady');
  });
  it('falls back to ~/.config on Linux', () => {
    expect(defaultDataDirectory({}, 'linux', '/home/u')).toBe('/home/u/.config/TransferReady');
  });
  it('uses Application Support on macOS', () => {
    expect(defaultDataDirectory({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/TransferReady');
  });
  it('uses APPDATA on Windows', () => {
    expect(defaultDataDirectory({ APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32', 'C:/Users/u')).toMatch(
      /AppData[\\/]Roaming[\\/]TransferReady$/,
    );
  });
});
