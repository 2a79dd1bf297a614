import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset paths work under both app://transferready/ and http://127.0.0.1:PORT/.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // Loaded from disk (Electron) or loopback (serve), not over the internet; charts are split off.
    chunkSizeWarningLimit: 600,
  },
});
