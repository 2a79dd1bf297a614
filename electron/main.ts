import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, net, protocol, session, shell, type WebContents } from 'electron';
import { openCore, type Core } from './core/core';
import { defaultDataDirectory } from './core/data-directory';
import { DatabaseOpenError } from './core/db/connection';
import { APP_HOST, APP_SCHEME, isTrustedFrameUrl, registerIpc } from './ipc';
import { registerPrinting } from './print';
import { SECURITY_HEADERS } from './security';
import { isDesktopSignInUrl } from './sign-in/loopback-redirect';

const RENDERER_ROOT = join(__dirname, '..', 'renderer');
const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`;

// A privileged standard scheme instead of file:// gives the page a real origin for the CSP
// and for the IPC sender check.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.setName('TransferReady');
app.enableSandbox();

let core: Core | undefined;
let mainWindow: BrowserWindow | undefined;

function dataDirectoryFromArgs(argv: string[]): string | undefined {
  const flag = argv.find((arg) => arg.startsWith('--data-dir='));
  return flag ? flag.slice('--data-dir='.length) : undefined;
}

async function serveRendererFile(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  const file = normalize(join(RENDERER_ROOT, relative));
  if (url.host !== APP_HOST || !file.startsWith(RENDERER_ROOT + sep)) {
    return new Response('Not found', { status: 404 });
  }
  const response = await net.fetch(pathToFileURL(file).toString());
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, headers });
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedFrameUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedFrameUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No window ever opens inside the app. The one address it hands to the system browser is a
  // shared registry's desktop sign-in (RFC 8252 wants the person's own browser, not an embedded
  // view): http(s), no credentials, the /auth/desktop path, a loopback redirect; nothing else.
  contents.setWindowOpenHandler(({ url }) => {
    // Electronegativity OPEN_EXTERNAL_JS_CHECK: the argument is checked by isDesktopSignInUrl just above.
    if (isDesktopSignInUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'TransferReady',
    show: false,
    // Written out in full (not spread from elsewhere) so Electronegativity and the security unit
    // test both read exactly what ships; see Electron's security checklist.
    webPreferences: {
      // Electronegativity asks for a review of every preload (PRELOAD_JS_CHECK, MEDIUM). Reviewed:
      // it runs sandboxed and exposes two frozen bridges through contextBridge (the contract calls
      // and printing), never ipcRenderer or Node; test/unit/electron-security.test.ts holds it to that.
      preload: join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would otherwise try to open links in new windows (denied anyway below).
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  });
  // Page titles may one day name a patient; the window title never does.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY);
  return window;
}

function buildMenu(): void {
  const template: Electron.MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  const dataDirectory = dataDirectoryFromArgs(process.argv) ?? defaultDataDirectory();
  try {
    core = await openCore({ dataDirectory, appVersion: app.getVersion() });
  } catch (error) {
    const message = error instanceof DatabaseOpenError ? error.message : String(error);
    dialog.showErrorBox('TransferReady cannot open its database', message);
    app.exit(2);
    return;
  }
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(APP_SCHEME, serveRendererFile);
  registerIpc(core.calls);
  registerPrinting();
  buildMenu();
  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another window already owns the database: hand over to it.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    const closing = core;
    core = undefined;
    void closing.close().finally(() => app.quit());
  });
  void app.whenReady().then(start);
}
