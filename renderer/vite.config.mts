import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import type { OutputBundle, OutputChunk } from 'rolldown';

/**
 * Libraries that only some pages use, each in a chunk named for what it is, so a page loads only
 * what it draws (the matrix never parses the charts or the states' boundaries) and a change to a
 * page's own code leaves them as they were. Pages themselves are split by their routes
 * (src/routes.tsx); what is left is grouped automatically.
 */
const LIBRARY_CHUNKS: { name: string; test: RegExp }[] = [
  // Earlier groups win (rolldown takes a group's dependencies with it unless an earlier group has
  // them): React and the router first, so the charts' chunk never takes React with it.
  { name: 'framework', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/](query-core|react-query))[\\/]/ },
  { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ },
  { name: 'forms', test: /[\\/]node_modules[\\/](react-hook-form|@hookform)[\\/]/ },
  // What every page runs before it shows anything, in one chunk: the registry's own rules
  // (questionnaire, answers, dates, the matrix), and the cache and calls, the session, the
  // permissions and the status badge. A cold start asks for each file separately, and over HTTP/1.1
  // a browser opens six connections to a host: every file past those waits for one, and the first
  // screen's calls (public/first-call.js) waited behind them. None of these load zod (the schemas
  // live in their own modules: profile-schema.ts, assessment-schemas.ts, matrix-filter.ts).
  {
    name: 'app-core',
    test: /[\\/](shared[\\/](calendar|counts|questionnaire|assessment|capability-judgement|capability-matrix|csv|call-result|profile|permissions|call-access)\.ts$|renderer[\\/]src[\\/](calls[\\/]|api\.ts|session\.tsx|permissions\.ts|outbox\.ts|download\.ts|capability-names\.ts|pages[\\/]matrix[\\/]every-row\.ts|components[\\/](Updating|StatusBadge|SaveState|TextField)\.tsx))/,
  },
  // The matrix, the map and the case workups' long lists draw only the rows in view.
  { name: 'virtual-list', test: /[\\/]node_modules[\\/]@tanstack[\\/](react-virtual|virtual-core)[\\/]/ },
  // Shared by the map's projection and the charts' scales.
  { name: 'd3-array', test: /[\\/]node_modules[\\/](d3-array|internmap)[\\/]/ },
  { name: 'map-data', test: /[\\/]node_modules[\\/](d3-geo|topojson-client|us-atlas)[\\/]/ },
  { name: 'charts', test: /[\\/]node_modules[\\/]recharts[\\/]/ },
];

/**
 * The app's own start (src/main.tsx) is imported by boot.ts only once boot.ts has run, so the
 * browser would learn of React and the app's core a round trip late. Listed in the page as
 * module preloads (and its stylesheet as a stylesheet), the browser asks for them while it still
 * reads the page, beside boot.ts itself. Links, not inline code: the CSP stays as it is.
 */
function preloadAppStart(): Plugin {
  return {
    name: 'transferready:preload-app-start',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle as OutputBundle | undefined;
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((output): output is OutputChunk => output.type === 'chunk');
        const start = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/main.tsx'));
        if (!start) throw new Error('preload-app-start: no chunk for src/main.tsx');
        const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (chunk: OutputChunk) => {
          if (scripts.has(chunk.fileName)) return;
          scripts.add(chunk.fileName);
          for (const css of (chunk as OutputChunk & { viteMetadata?: { importedCss: Set<string> } }).viteMetadata?.importedCss ?? []) styles.add(css);
          for (const imported of chunk.imports) visit(byName.get(imported)!);
        };
        visit(start);
        // boot.ts's own chunk is already in the page as its script.
        for (const chunk of chunks) if (chunk.isEntry) scripts.delete(chunk.fileName);
        return [
          ...[...styles].map((href) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `./${href}` }, injectTo: 'head' as const })),
          ...[...scripts].map((href) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${href}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

/**
 * A brotli and a gzip copy beside each built script, style and page, for the HTTP host to send
 * to a browser that accepts them (sirv picks them up); the desktop app reads the plain files.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'transferready:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
          const path = join(folder, entry.name);
          if (entry.isDirectory()) walk(path);
          else if (/\.(js|css|html)$/.test(entry.name)) {
            const content = readFileSync(path);
            if (content.length < 1024) continue;
            writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
            writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
          }
        }
      };
      walk(outDir);
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset paths work under both app://transferready/ and http://127.0.0.1:PORT/.
  base: './',
  plugins: [react(), preloadAppStart(), precompress()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // Loaded from disk (Electron) or loopback (serve), not over the internet; the charts are the largest part.
    chunkSizeWarningLimit: 400,
    rolldownOptions: { output: { codeSplitting: { groups: LIBRARY_CHUNKS } } },
  },
});
