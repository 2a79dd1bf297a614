// Runs Doyensec's Electronegativity over the project (sources and the build) and fails on any
// finding that is not one of the reviewed ones below, each justified in a comment beside its code.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ELECTRON_VERSION = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;

/** Check id and file → where the justification is written. */
const REVIEWED = [
  { issue: 'PRELOAD_JS_CHECK', file: 'electron/main.ts', why: 'comment above `preload:` in main.ts' },
  { issue: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main.ts', why: "comment in the window-open handler: only a shared registry's desktop sign-in address (isDesktopSignInUrl)" },
  { issue: 'CSP_GLOBAL_CHECK', file: 'renderer/index.html', why: "comment on script-src 'self' in electron/security.ts" },
  { issue: 'CSP_GLOBAL_CHECK', file: 'out/renderer/index.html', why: "the built copy of renderer/index.html; same comment" },
];

const folder = mkdtempSync(join(tmpdir(), 'electronegativity-'));
// SARIF, not CSV: the tool writes its CSV header and rows in two racing writes, and a row can be lost.
const report = join(folder, 'report.sarif');
try {
  execFileSync('npx', ['--no-install', 'electronegativity', '--input', '.', '--relative', '--verbose', 'false', '--electron-version', ELECTRON_VERSION, '--output', report], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const findings = JSON.parse(readFileSync(report, 'utf8')).runs[0].results.map((result) => ({
    issue: result.ruleId,
    level: result.level,
    filename: result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? 'N/A',
    location: result.locations?.[0]?.physicalLocation?.region?.startLine ?? 0,
    description: result.message?.text ?? '',
  }));
  const unreviewed = findings.filter((finding) => !REVIEWED.some((known) => known.issue === finding.issue && known.file === finding.filename));
  for (const finding of findings) {
    const known = REVIEWED.find((entry) => entry.issue === finding.issue && entry.file === finding.filename);
    console.log(`${known ? 'reviewed  ' : 'NEW       '} ${finding.issue} (${finding.level}) ${finding.filename}:${finding.location}${known ? ` (${known.why})` : ` ${finding.description}`}`);
  }
  if (findings.length === 0) console.log('Electronegativity: no findings.');
  if (unreviewed.length > 0) {
    console.error(`Electronegativity found ${unreviewed.length} finding(s) nobody has reviewed. Fix them, or justify each in a comment beside the code and list it in test/lint/electronegativity-gate.mjs.`);
    process.exit(1);
  }
  console.log(`Electronegativity ${ELECTRON_VERSION}: ${findings.length} finding(s), all reviewed and justified.`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
