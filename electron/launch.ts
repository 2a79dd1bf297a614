// `npm start`: runs the desktop app, or says plainly what to do when Electron's binary is absent
// (machines that install with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or cannot reach its download host).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function electronBinary(): string | undefined {
  const packageDirectory = dirname(require.resolve('electron/package.json'));
  const pathFile = join(packageDirectory, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDirectory, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
if (!binary) {
  console.error(`The Electron desktop runtime is not installed on this machine, so the desktop window cannot open.

  Use TransferReady in your browser instead (same app, same data folder):
      npm run serve

  To install the desktop runtime, on a machine that can reach Electron's download host run:
      node node_modules/electron/install.js`);
  process.exit(1);
}

const child = spawn(binary, [join(__dirname, 'main.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
