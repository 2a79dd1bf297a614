import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../electron/security';
import ts from 'typescript';

const root = join(import.meta.dirname, '..', '..');
const source = (file: string) => readFileSync(join(root, file), 'utf8');

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...values]) => [name!, values]));
}

/** The literal webPreferences of the `new BrowserWindow({...})` in main.ts, read by the TypeScript parser. */
function shippedWebPreferences(): Record<string, unknown> {
  const file = ts.createSourceFile('main.ts', source('electron/main.ts'), ts.ScriptTarget.Latest, true);
  const found: Record<string, unknown>[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && node.expression.getText() === 'BrowserWindow') {
      const options = node.arguments?.[0];
      const preferences = options && ts.isObjectLiteralExpression(options) ? options.properties.find((p) => p.name?.getText() === 'webPreferences') : undefined;
      if (preferences && ts.isPropertyAssignment(preferences) && ts.isObjectLiteralExpression(preferences.initializer)) {
        const values: Record<string, unknown> = {};
        for (const property of preferences.initializer.properties) {
          // A spread would hide settings from this test and from Electronegativity alike.
          if (!ts.isPropertyAssignment(property)) throw new Error(`webPreferences must be written out in full; found ${property.getText()}`);
          const text = property.initializer.getText();
          values[property.name.getText()] = text === 'true' ? true : text === 'false' ? false : text === 'undefined' ? undefined : text;
        }
        found.push(values);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  expect(found, 'main.ts creates exactly one window').toHaveLength(1);
  return found[0]!;
}

describe('the desktop window follows the Electron security checklist', () => {
  it('isolates and sandboxes the renderer with no Node integration, no webviews, no insecure content', () => {
    expect(shippedWebPreferences()).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: "'Auxclick'",
      navigateOnDragDrop: false,
    });
    expect(Object.keys(shippedWebPreferences())).not.toContain('enableBlinkFeatures');
  });

  it('denies navigation, new windows, webviews and permissions, holds one instance, and serves from a custom scheme', () => {
    const main = source('electron/main.ts');
    for (const guard of [
      "contents.on('will-navigate'",
      "contents.on('will-redirect'",
      "contents.on('will-attach-webview', (event) => event.preventDefault())",
      // Every window open is denied; a shared registry's desktop sign-in address alone goes to the system browser.
      "contents.setWindowOpenHandler(({ url }) => {\n    // Electronegativity OPEN_EXTERNAL_JS_CHECK: the argument is checked by isDesktopSignInUrl just above.\n    if (isDesktopSignInUrl(url)) void shell.openExternal(url);\n    return { action: 'deny' };\n  });",
      'setPermissionRequestHandler((_contents, _permission, callback) => callback(false))',
      'setPermissionCheckHandler(() => false)',
      'app.requestSingleInstanceLock()',
      'app.enableSandbox()',
      'protocol.handle(APP_SCHEME',
    ]) {
      expect(main, guard).toContain(guard);
    }
    expect(main).not.toMatch(/\.loadFile\(|loadURL\(\s*['"`]file:/);
    expect(main.match(/shell\.openExternal\(/g)).toHaveLength(1);
  });

  it('exposes only the contract bridge and the print bridge from the preload, never ipcRenderer itself', () => {
    const preload = source('electron/preload.ts');
    expect(preload.match(/exposeInMainWorld\('(\w+)'/g)).toEqual(["exposeInMainWorld('api'", "exposeInMainWorld('desktop'"]);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
    expect(source('electron/ipc.ts')).toContain('isTrustedFrameUrl(frameUrl)');
  });

  it('ships a strict content security policy in the headers and in the built page', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, /content="([^"]+)"/.exec(source('out/renderer/index.html'))![1]!]) {
      const parsed = directives(policy);
      expect(parsed.get('default-src')).toEqual(["'self'"]);
      expect(parsed.get('script-src')).toEqual(["'self'"]);
      expect(parsed.get('object-src')).toEqual(["'none'"]);
      expect(parsed.get('base-uri')).toEqual(["'none'"]);
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    }
    expect(directives(CONTENT_SECURITY_POLICY).get('frame-ancestors')).toEqual(["'none'"]);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});
