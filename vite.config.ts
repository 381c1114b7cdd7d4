import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

// The web app lives in web/, builds to dist/web, and is served by the Hono server on the same origin.
export default defineConfig({
  root: resolve(import.meta.dirname, 'web'),
  plugins: [solid()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    // The bench reads it to size the tablet ballot page's JavaScript.
    manifest: true,
    target: 'es2022',
    rolldownOptions: {
      input: { main: resolve(import.meta.dirname, 'web/index.html') },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8787', '/.well-known': 'http://localhost:8787' },
  },
});
